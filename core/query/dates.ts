/**
 * Date ranges for the `timespan`, `previous` and `next` filter operators, relative to the server's
 * local today, as Frappe's get_timespan_date_range computes them (weeks start on Monday).
 */

export type DateRange = readonly [from: string, to: string];

export const TIMESPANS = [
  'today',
  'yesterday',
  'tomorrow',
  'last week',
  'last month',
  'last quarter',
  'last 6 months',
  'last year',
  'this week',
  'this month',
  'this quarter',
  'this year',
  'next week',
  'next month',
  'next quarter',
  'next 6 months',
  'next year',
] as const;

/** The intervals `previous` and `next` accept. */
export const INTERVALS: Readonly<Record<string, { days?: number; months?: number }>> = {
  '1 week': { days: 7 },
  '1 month': { months: 1 },
  '3 months': { months: 3 },
  '6 months': { months: 6 },
  '1 year': { months: 12 },
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

/** Adds months, clamping to the last day of the target month (Jan 31 + 1 month = Feb 28/29). */
function addMonths(d: Date, months: number): Date {
  const target = new Date(d.getFullYear(), d.getMonth() + months, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  return new Date(target.getFullYear(), target.getMonth(), Math.min(d.getDate(), last));
}

function monthStart(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), 1);
}

function monthEnd(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth() + 1, 0);
}

function quarterStart(d: Date): Date {
  return new Date(d.getFullYear(), Math.floor(d.getMonth() / 3) * 3, 1);
}

function weekStart(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7));
}

function range(from: Date, to: Date): DateRange {
  return [isoDate(from), isoDate(to)];
}

export function timespanRange(timespan: string, today: Date = new Date()): DateRange | undefined {
  const t = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  switch (timespan) {
    case 'today':
      return range(t, t);
    case 'yesterday':
      return range(addDays(t, -1), addDays(t, -1));
    case 'tomorrow':
      return range(addDays(t, 1), addDays(t, 1));
    case 'last week':
      return range(addDays(t, -7), t);
    case 'last month':
      return range(addMonths(t, -1), t);
    case 'last quarter':
      return range(addMonths(t, -3), t);
    case 'last 6 months':
      return range(addMonths(t, -6), t);
    case 'last year':
      return range(addMonths(t, -12), t);
    case 'this week':
      return range(weekStart(t), addDays(weekStart(t), 6));
    case 'this month':
      return range(monthStart(t), monthEnd(t));
    case 'this quarter':
      return range(quarterStart(t), addDays(addMonths(quarterStart(t), 3), -1));
    case 'this year':
      return range(new Date(t.getFullYear(), 0, 1), new Date(t.getFullYear(), 11, 31));
    case 'next week':
      return range(t, addDays(t, 7));
    case 'next month':
      return range(t, addMonths(t, 1));
    case 'next quarter':
      return range(t, addMonths(t, 3));
    case 'next 6 months':
      return range(t, addMonths(t, 6));
    case 'next year':
      return range(t, addMonths(t, 12));
    default:
      return undefined;
  }
}

/** `previous 1 month` is the month up to today; `next 1 month` the month from today. */
export function intervalRange(direction: 'previous' | 'next', interval: string, today: Date = new Date()): DateRange | undefined {
  const step = INTERVALS[interval];
  if (!step) return undefined;
  const t = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const sign = direction === 'previous' ? -1 : 1;
  const other = step.days ? addDays(t, sign * step.days) : addMonths(t, sign * (step.months ?? 0));
  return direction === 'previous' ? range(other, t) : range(t, other);
}
