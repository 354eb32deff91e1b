/**
 * Date filter defaults relative to the day a report runs: "Today", or an offset such as "-30 days",
 * "-1 month", "+2 weeks", "-1 year". Declared as data (a report module has no client script), resolved
 * on the server for each run and for the desk's filter bar, so both start from the same dates.
 */
import { addDays, addMonths } from '../db';
import type { ReportFilter } from './types';

const OFFSET = /^([+-])\s*(\d{1,4})\s*(day|week|month|year)s?$/i;
const DATE_TYPES = new Set(['Date', 'Datetime']);

export function isRelativeDefault(filter: ReportFilter): boolean {
  return DATE_TYPES.has(filter.fieldtype) && typeof filter.default === 'string' && OFFSET.test(filter.default.trim());
}

/** Why a Date filter's default cannot be read, or undefined when it is fine (or not a date default). */
export function relativeDefaultProblem(filter: ReportFilter): string | undefined {
  if (!DATE_TYPES.has(filter.fieldtype) || typeof filter.default !== 'string') return undefined;
  const text = filter.default.trim();
  if (text === '' || /^(today|now)$/i.test(text) || /^\d{4}-\d{2}-\d{2}/.test(text) || OFFSET.test(text)) return undefined;
  return `default "${filter.default}" must be a date, "Today", or an offset like "-30 days", "-1 month", "+2 weeks", "-1 year"`;
}

/** The date an offset default names, counted from `today` (YYYY-MM-DD). */
export function resolveOffset(text: string, today: string): string {
  const [, sign, amount, unit] = OFFSET.exec(text.trim())!;
  const n = Number(amount) * (sign === '-' ? -1 : 1);
  switch (unit!.toLowerCase()) {
    case 'day':
      return addDays(today, n);
    case 'week':
      return addDays(today, 7 * n);
    case 'month':
      return addMonths(today, n);
    default:
      return addMonths(today, 12 * n);
  }
}

/** The filter declarations with "Today" and relative defaults replaced by the dates they name on `today`, for the desk. */
export function filtersWithDefaultsOn(filters: readonly ReportFilter[], today: string): ReportFilter[] {
  return filters.map((f) => {
    if (isRelativeDefault(f)) return { ...f, default: resolveOffset(f.default as string, today) };
    if (f.fieldtype === 'Date' && typeof f.default === 'string' && /^today$/i.test(f.default.trim())) return { ...f, default: today };
    return f;
  });
}
