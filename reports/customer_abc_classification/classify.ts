/**
 * Ranks, shares, classes and movements over the per-customer rows, already in rank order (CRM.md
 * section 3). Integer cents throughout, so "the cumulative share before the customer is below
 * a_share" is `(running - cents) * 100 < a_share * total`, exact at the line. O(customers), plus one
 * sort of the customers with revenue in the previous period for that period's ranking. Rows are
 * filled in place: every column already exists on them.
 */
import type { Thresholds } from './settings';

export type Cls = 'A' | 'B' | 'C' | 'D';

export interface AbcRow {
  rank: number;
  customer: string;
  customer_name: string;
  revenue: number;
  share: number;
  cumulative_share: number;
  class: Cls;
  /** The previous period's revenue in cents (NULL: no class there) until classified. */
  previous_class: Cls | number | null;
  movement: string;
}

const ORDER: Record<Cls, number> = { A: 0, B: 1, C: 2, D: 3 };

/** Two decimals of a percentage, as the database's ROUND(x, 2) gives them. */
function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part * 10000) / total) / 100 : 0;
}

/** Classes one period: `cents[i]` in rank order of that period; answers each one's class. */
function classesOf(t: Thresholds, cents: readonly number[]): Cls[] {
  if (t.method === 'Fixed Amount')
    return cents.map((c) => (c <= 0 ? 'D' : c >= t.aCents ? 'A' : c >= t.bCents ? 'B' : c >= t.cCents ? 'C' : 'D'));
  let total = 0;
  for (const c of cents) total += c;
  let before = 0;
  return cents.map((c) => {
    const cls: Cls = c <= 0 ? 'D' : before * 100 < t.aShare * total ? 'A' : before * 100 < t.bShare * total ? 'B' : 'C';
    before += c;
    return cls;
  });
}

function byName(a: AbcRow, b: AbcRow): number {
  if (a.customer_name !== b.customer_name) return a.customer_name < b.customer_name ? -1 : 1;
  return a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0;
}

/** The previous period's class of each row (null where it had none), ranked in that period's order. */
function previousClasses(t: Thresholds, rows: readonly AbcRow[]): (Cls | null)[] {
  const classes: (Cls | null)[] = rows.map((r) => (r.previous_class === null ? null : 'D'));
  const earning: { row: number; cents: number }[] = [];
  rows.forEach((r, i) => {
    if (typeof r.previous_class === 'number' && r.previous_class > 0) earning.push({ row: i, cents: r.previous_class });
  });
  earning.sort((a, b) => b.cents - a.cents || byName(rows[a.row]!, rows[b.row]!));
  classesOf(t, earning.map((e) => e.cents)).forEach((cls, i) => (classes[earning[i]!.row] = cls));
  return classes;
}

function movement(now: Cls, before: Cls | null): string {
  if (before === null) return 'New';
  if (now === 'D' && before !== 'D') return 'Lost';
  return ORDER[now] < ORDER[before] ? 'Up' : ORDER[now] > ORDER[before] ? 'Down' : 'Same';
}

export function classify(t: Thresholds, rows: AbcRow[]): void {
  const cents = rows.map((r) => Math.round(Number(r.revenue) * 100));
  const previous = previousClasses(t, rows);
  const classes = classesOf(t, cents);
  let total = 0;
  for (const c of cents) total += c;
  let running = 0;
  rows.forEach((row, i) => {
    running += cents[i]!;
    row.rank = i + 1;
    row.share = percent(cents[i]!, total);
    row.cumulative_share = percent(running, total);
    row.class = classes[i]!;
    row.previous_class = previous[i]!;
    row.movement = movement(classes[i]!, previous[i]!);
  });
}
