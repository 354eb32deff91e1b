/**
 * Customer Status' cards and donut from the rows the query returned: one pass that counts statuses
 * and trends and adds overdue cents (integers, so the sum is exact on both databases).
 */
import type { ReportChart, ReportSummaryItem } from '../../core/reports';
import { STATUSES } from './queries';

export interface StatusRow {
  status: string;
  trend: string;
  overdue: number;
}

const INDICATORS: Record<(typeof STATUSES)[number], ReportSummaryItem['indicator']> = {
  'Never Ordered': 'Grey',
  New: 'Blue',
  Active: 'Green',
  'At Risk': 'Orange',
  Churned: 'Red',
};

interface Counts {
  perStatus: Map<string, number>;
  surge: number;
  drop: number;
  overdueCents: number;
}

function count(rows: readonly StatusRow[]): Counts {
  const c: Counts = { perStatus: new Map(STATUSES.map((s) => [s, 0])), surge: 0, drop: 0, overdueCents: 0 };
  for (const row of rows) {
    c.perStatus.set(row.status, (c.perStatus.get(row.status) ?? 0) + 1);
    if (row.trend === 'Surge') c.surge++;
    else if (row.trend === 'Drop') c.drop++;
    c.overdueCents += Math.round(Number(row.overdue) * 100);
  }
  return c;
}

export function statusOutput(rows: readonly StatusRow[]): { report_summary: ReportSummaryItem[]; chart: ReportChart } {
  const c = count(rows);
  return {
    report_summary: [
      ...STATUSES.map((status) => ({ value: c.perStatus.get(status)!, label: status, datatype: 'Int', indicator: INDICATORS[status] })),
      { value: c.surge, label: 'Revenue Surge', datatype: 'Int', indicator: 'Green' },
      { value: c.drop, label: 'Revenue Drop', datatype: 'Int', indicator: 'Red' },
      { value: c.overdueCents / 100, label: 'Overdue', datatype: 'Currency', indicator: 'Red' },
    ],
    chart: {
      type: 'donut',
      data: { labels: [...STATUSES], datasets: [{ name: 'Customers', values: STATUSES.map((s) => c.perStatus.get(s)!) }] },
    },
  };
}
