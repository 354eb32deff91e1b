/** How the profile page presents its data: badge tones, table columns, the chart payload. */
import type { Row } from './api';

export interface ProfileColumn {
  key: string;
  label: string;
  numeric?: boolean;
  format?: (value: unknown, row: Row) => string;
  link?: (row: Row) => string | null;
}

const STATUS_TONE: Record<string, string> = { New: 'blue', Active: 'green', 'At Risk': 'orange', Churned: 'red', 'Never Ordered': 'gray' };
const CLASS_TONE: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export const statusTone = (status: string | null | undefined) => STATUS_TONE[status ?? ''] ?? 'gray';
export const classTone = (cls: string | null | undefined) => CLASS_TONE[cls ?? ''] ?? 'gray';

/** The monthly revenue as the report chart's payload (Frappe's shape): one bar per month. */
export function monthlyChart(monthly: { month: string; revenue: number }[]) {
  return {
    type: 'bar' as const,
    fieldtype: 'Currency',
    data: { labels: monthly.map((m) => m.month), datasets: [{ name: 'Revenue', values: monthly.map((m) => m.revenue) }] },
  };
}
