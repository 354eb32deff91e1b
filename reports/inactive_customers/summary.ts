/**
 * Inactive Customers' cards and chart, from the rows the query already returned (one pass, no
 * re-mapping): customers listed, their total past value, the median days inactive, and customers
 * per inactivity band.
 */
import type { ReportChart, ReportSummaryItem } from '../../core/reports';

export interface InactiveRow {
  total_order_value: number;
  days_since_last_order: number | null;
}

/**
 * Band upper bounds scaled from CRM.md's 60-90, 90-180, 180-365, >365 for a 60-day filter. A band
 * holds days up to and including its upper bound, so the label ">365" means 366 days and more.
 */
export function bandBounds(days: number): [number, number, number] {
  return [Math.round((days * 90) / 60), Math.round((days * 180) / 60), Math.round((days * 365) / 60)];
}

export function inactiveChart(rows: readonly InactiveRow[], days: number, includeNeverOrdered: boolean): ReportChart {
  const bounds = bandBounds(days);
  const labels = [`${days}-${bounds[0]}`, `${bounds[0]}-${bounds[1]}`, `${bounds[1]}-${bounds[2]}`, `>${bounds[2]}`];
  const counts = [0, 0, 0, 0, 0];
  for (const row of rows) {
    const d = row.days_since_last_order;
    if (d === null || d === undefined) counts[4]!++;
    else counts[d <= bounds[0] ? 0 : d <= bounds[1] ? 1 : d <= bounds[2] ? 2 : 3]!++;
  }
  if (includeNeverOrdered) labels.push('Never ordered');
  return { type: 'bar', data: { labels, datasets: [{ name: 'Customers', values: counts.slice(0, labels.length) }] } };
}

export function inactiveSummary(rows: readonly InactiveRow[]): ReportSummaryItem[] {
  // Cents are integers: the sum is exact and the same on both databases.
  let cents = 0;
  const days: number[] = [];
  for (const row of rows) {
    cents += Math.round(Number(row.total_order_value) * 100);
    if (row.days_since_last_order !== null && row.days_since_last_order !== undefined) days.push(Number(row.days_since_last_order));
  }
  return [
    { value: rows.length, label: 'Inactive Customers', datatype: 'Int', indicator: 'Red' },
    { value: cents / 100, label: 'Total Past Order Value', datatype: 'Currency', indicator: 'Blue' },
    { value: median(days), label: 'Median Days Inactive', datatype: 'Float', indicator: 'Orange' },
  ];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
