/**
 * Date ranges for the `timespan`, `previous` and `next` filter operators, relative to the server's
 * local today, as Frappe's get_timespan_date_range computes them (weeks start on Monday): whole
 * calendar periods.
 */

import { formatDate } from '../db';

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

/** The intervals `previous` and `next` accept, and the timespan each stands for. */
export const INTERVALS: Readonly<Record<string, string>> = {
  '1 week': 'week',
  '1 month': 'month',
  '3 months': 'quarter',
  '6 months': '6 months',
  '1 year': 'year',
};

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
  return [formatDate(from), formatDate(to)];
}

export function timespanRange(timespan: string, today: Date = new Date()): DateRange | undefined {
  const t = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  // Frappe's "last" and "next" are whole calendar periods (the week, month, quarter or year before or
  // after this one), not rolling windows; "last|next 6 months" are the two whole quarters before or after.
  const week = (offset: number) => range(addDays(weekStart(t), 7 * offset), addDays(weekStart(t), 7 * offset + 6));
  const month = (offset: number) => range(monthStart(addMonths(t, offset)), monthEnd(addMonths(t, offset)));
  const quarter = (from: number, to: number) => range(quarterStart(addMonths(t, 3 * from)), addDays(addMonths(quarterStart(addMonths(t, 3 * to)), 3), -1));
  const year = (offset: number) => range(new Date(t.getFullYear() + offset, 0, 1), new Date(t.getFullYear() + offset, 11, 31));
  switch (timespan) {
    case 'today':
      return range(t, t);
    case 'yesterday':
      return range(addDays(t, -1), addDays(t, -1));
    case 'tomorrow':
      return range(addDays(t, 1), addDays(t, 1));
    case 'last week':
      return week(-1);
    case 'last month':
      return month(-1);
    case 'last quarter':
      return quarter(-1, -1);
    case 'last 6 months':
      return quarter(-2, -1);
    case 'last year':
      return year(-1);
    case 'this week':
      return week(0);
    case 'this month':
      return month(0);
    case 'this quarter':
      return quarter(0, 0);
    case 'this year':
      return year(0);
    case 'next week':
      return week(1);
    case 'next month':
      return month(1);
    case 'next quarter':
      return quarter(1, 1);
    case 'next 6 months':
      return quarter(1, 2);
    case 'next year':
      return year(1);
    default:
      return undefined;
  }
}

/** `previous` / `next` an interval is Frappe's `last` / `next` timespan of that length (previous 1 month = last month). */
export function intervalRange(direction: 'previous' | 'next', interval: string, today: Date = new Date()): DateRange | undefined {
  const span = INTERVALS[interval];
  if (!span) return undefined;
  return timespanRange(`${direction === 'previous' ? 'last' : 'next'} ${span}`, today);
}
