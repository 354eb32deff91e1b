/**
 * The report API's shapes as the desk reads them (core/api/methods/report.ts sends them): the
 * declarations from `get_script` and one run's answer from `run`. Kept apart from the server's own
 * types so the desk bundle never imports server code.
 */
export interface ReportFilterDef {
  fieldname: string;
  label: string;
  fieldtype: string;
  options?: string;
  /** Date defaults arrive resolved to a date (YYYY-MM-DD). */
  default?: string | number | null;
  reqd?: 0 | 1;
  description?: string;
  min?: number;
}

export interface ReportColumnDef {
  fieldname: string;
  label: string;
  fieldtype: string;
  options?: string;
  width?: number;
  precision?: number;
}

export interface ReportScript {
  name: string;
  ref_doctype: string;
  description: string;
  filters: ReportFilterDef[];
  columns: ReportColumnDef[];
  add_total_row: boolean;
}

export interface ChartDataset {
  name?: string;
  values: number[];
  chartType?: string;
}

export interface ChartPayload {
  type: 'bar' | 'line' | 'pie' | 'donut' | 'percentage' | 'axis-mixed';
  data: { labels: (string | number)[]; datasets: ChartDataset[] };
  colors?: string[];
  fieldtype?: string;
}

export interface SummaryCard {
  value: unknown;
  label: string;
  datatype: string;
  indicator?: string;
}

export type Row = Record<string, unknown>;

/** `run`'s answer, the totals row (a list) still at the end of `result` when add_total_row. */
export interface RunAnswer {
  result: (Row | unknown[])[];
  columns: ReportColumnDef[];
  message: string | null;
  chart: ChartPayload | null;
  report_summary: SummaryCard[] | null;
  add_total_row: boolean;
  execution_time: number;
}

/** A run as the view uses it: data rows and the totals row apart, the totals keyed by fieldname. */
export interface ReportRun {
  rows: Row[];
  totals: Row | null;
  columns: ReportColumnDef[];
  message: string | null;
  chart: ChartPayload | null;
  summary: SummaryCard[];
  executionTime: number;
}
