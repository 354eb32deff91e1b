/** The three report methods: declarations, a run, and the export URL the browser downloads from. */
import { call, methodUrl } from '../api/client';
import type { ReportRun, ReportScript, Row, RunAnswer } from './types';

export type FilterValues = Record<string, unknown>;

export function getScript(report: string): Promise<ReportScript> {
  return call<ReportScript>('frappe.desk.query_report.get_script', { report_name: report });
}

/** Splits the totals row (sent as a list, one cell per column) from the data rows. */
export function toRun(answer: RunAnswer): ReportRun {
  const result = answer.result ?? [];
  const last = result[result.length - 1];
  const hasTotals = answer.add_total_row && Array.isArray(last);
  const rows = (hasTotals ? result.slice(0, -1) : result) as Row[];
  let totals: Row | null = null;
  if (hasTotals) {
    totals = {};
    answer.columns.forEach((column, i) => {
      totals![column.fieldname] = (last as unknown[])[i];
    });
  }
  return {
    rows,
    totals,
    columns: answer.columns ?? [],
    message: answer.message ?? null,
    chart: answer.chart ?? null,
    summary: answer.report_summary ?? [],
    executionTime: answer.execution_time ?? 0,
  };
}

export async function runReport(report: string, filters: FilterValues): Promise<ReportRun> {
  return toRun(await call<RunAnswer>('frappe.desk.query_report.run', { report_name: report, filters }));
}

export function exportUrl(report: string, filters: FilterValues, format: 'CSV' | 'Excel'): string {
  return methodUrl('frappe.desk.query_report.export_query', { report_name: report, filters, file_format_type: format });
}
