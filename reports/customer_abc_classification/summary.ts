/**
 * Customer ABC Classification's cards and Pareto chart from the rows the query returned (ranked,
 * best first): one pass for customers and revenue per class (integer cents, exact on both databases)
 * and the movements; the chart reads only the first rows.
 */
import type { ReportChart, ReportSummaryItem } from '../../core/reports';

export interface AbcRow {
  customer_name: string;
  revenue: number;
  share: number;
  cumulative_share: number;
  class: string;
  movement: string;
}

const CLASSES = ['A', 'B', 'C', 'D'] as const;
const MOVEMENTS = ['Up', 'Down', 'New', 'Lost'] as const;
const CLASS_INDICATORS = { A: 'Green', B: 'Blue', C: 'Orange', D: 'Red' } as const;
const MOVEMENT_INDICATORS = { Up: 'Green', Down: 'Orange', New: 'Blue', Lost: 'Red' } as const;
/** Customers drawn one bar each; the rest of the revenue is one more bar. */
const PARETO_BARS = 20;

export function abcSummary(rows: readonly AbcRow[]): ReportSummaryItem[] {
  const customers = new Map<string, number>();
  const cents = new Map<string, number>();
  const moves = new Map<string, number>();
  for (const row of rows) {
    customers.set(row.class, (customers.get(row.class) ?? 0) + 1);
    cents.set(row.class, (cents.get(row.class) ?? 0) + Math.round(Number(row.revenue) * 100));
    moves.set(row.movement, (moves.get(row.movement) ?? 0) + 1);
  }
  return [
    ...CLASSES.flatMap((cls): ReportSummaryItem[] => [
      { value: customers.get(cls) ?? 0, label: `Class ${cls} Customers`, datatype: 'Int', indicator: CLASS_INDICATORS[cls] },
      { value: (cents.get(cls) ?? 0) / 100, label: `Class ${cls} Revenue`, datatype: 'Currency', indicator: CLASS_INDICATORS[cls] },
    ]),
    ...MOVEMENTS.map((move): ReportSummaryItem => ({ value: moves.get(move) ?? 0, label: `Moved ${move}`, datatype: 'Int', indicator: MOVEMENT_INDICATORS[move] })),
  ];
}

/**
 * Pareto: each top customer's share of the revenue as a bar and the cumulative share as a line, both
 * in percent so that they share one axis (Frappe charts have one y axis; revenue in money next to a
 * 0-100 line would flatten the line). Customers past the first 20 with revenue form one "Others" bar.
 */
export function paretoChart(rows: readonly AbcRow[]): ReportChart {
  const earning = rows.slice(0, PARETO_BARS).filter((r) => Number(r.revenue) > 0);
  const labels: string[] = earning.map((r) => r.customer_name);
  const shares = earning.map((r) => Number(r.share));
  const cumulative = earning.map((r) => Number(r.cumulative_share));
  const rest = rows[earning.length];
  if (earning.length === PARETO_BARS && rest && Number(rest.revenue) > 0) {
    const reached = cumulative[cumulative.length - 1]!;
    labels.push('Others');
    shares.push(Math.round((100 - reached) * 100) / 100);
    cumulative.push(100);
  }
  return {
    type: 'axis-mixed',
    fieldtype: 'Percent',
    data: {
      labels,
      datasets: [
        { name: 'Revenue Share %', chartType: 'bar', values: shares },
        { name: 'Cumulative Share %', chartType: 'line', values: cumulative },
      ],
    },
  };
}
