/**
 * Customer ABC Classification's filters turned into what the query needs: the period (the last full
 * month when none is given; the engine's date defaults cannot name a month's first day) and the one
 * before it of equal length, and the method's thresholds, checked against each other. Every
 * problem names its filter. (The engine already refuses a from_date after to_date.)
 */
import { addDays, daysBetween } from '../../core/db';
import { ValidationError } from '../../core/errors';

export type Method = 'Cumulative Share' | 'Fixed Amount';

export interface Period {
  from: string;
  to: string;
  /** The period of equal length that ends the day before `from`. */
  previousFrom: string;
  previousTo: string;
}

export type Thresholds =
  /** Percent of the period's revenue: the cumulative share before a customer is compared with them. */
  | { method: 'Cumulative Share'; aShare: number; bShare: number }
  /** Integer cents: a customer's revenue is compared with them. */
  | { method: 'Fixed Amount'; aCents: number; bCents: number; cCents: number };

interface AbcFilters {
  from_date?: string;
  to_date?: string;
  method: string;
  a_share: number;
  b_share: number;
  a_min?: number;
  b_min?: number;
  c_min?: number;
}

function refuse(fieldname: string, message: string): never {
  throw new ValidationError(message, [{ fieldname, message }]);
}

/** The month before the one `today` falls in, first to last day. */
export function lastFullMonth(today: string): { from: string; to: string } {
  const to = addDays(`${today.slice(0, 8)}01`, -1);
  return { from: `${to.slice(0, 8)}01`, to };
}

export function periodOf(f: AbcFilters, today: string): Period {
  if (!f.from_date && f.to_date) refuse('from_date', 'From Date is needed with To Date (leave both empty for the last full month)');
  if (f.from_date && !f.to_date) refuse('to_date', 'To Date is needed with From Date (leave both empty for the last full month)');
  const { from, to } = f.from_date && f.to_date ? { from: f.from_date, to: f.to_date } : lastFullMonth(today);
  return { from, to, previousFrom: addDays(from, -(daysBetween(from, to) + 1)), previousTo: addDays(from, -1) };
}

export function thresholdsOf(f: AbcFilters): Thresholds {
  if (f.method === 'Cumulative Share') {
    if (!(f.a_share > 0 && f.a_share <= 100)) refuse('a_share', `A Share % must be more than 0 and at most 100 (got ${f.a_share})`);
    if (!(f.b_share >= f.a_share && f.b_share <= 100)) refuse('b_share', `B Share % must be between A Share % (${f.a_share}) and 100 (got ${f.b_share})`);
    return { method: 'Cumulative Share', aShare: f.a_share, bShare: f.b_share };
  }
  const [a, b, c] = (['a_min', 'b_min', 'c_min'] as const).map((fieldname) => {
    const value = f[fieldname];
    if (value === undefined) refuse(fieldname, `${fieldname} is needed with the Fixed Amount method`);
    return Math.round(value * 100);
  }) as [number, number, number];
  if (b > a) refuse('b_min', `B Minimum (${b / 100}) must not be more than A Minimum (${a / 100})`);
  if (c > b) refuse('c_min', `C Minimum (${c / 100}) must not be more than B Minimum (${b / 100})`);
  return { method: 'Fixed Amount', aCents: a, bCents: b, cCents: c };
}
