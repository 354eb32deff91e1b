/**
 * The shapes of a script report: its filter and column declarations (Frappe's field declarations),
 * what `execute` returns (Frappe's result, chart and report_summary), and the filter types that let
 * `execute` see its filters typed.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../db';
import type { DocTypeMeta } from '../meta';

/** Filter field types a report may declare: document field types plus Frappe's MultiSelectList. */
export type FilterFieldtype =
  | 'Data'
  | 'Link'
  | 'Dynamic Link'
  | 'Select'
  | 'Date'
  | 'Datetime'
  | 'Int'
  | 'Float'
  | 'Currency'
  | 'Percent'
  | 'Check'
  | 'Small Text'
  | 'MultiSelectList';

type NumberTypes = 'Int' | 'Float' | 'Currency' | 'Percent' | 'Check';

/** The value `execute` receives for a filter type. */
export type FilterValue<T extends FilterFieldtype> = T extends NumberTypes ? number : T extends 'MultiSelectList' ? string[] : string;

export interface ReportFilter {
  fieldname: string;
  label: string;
  fieldtype: FilterFieldtype;
  /** Link target, Select options ("A\nB"), MultiSelectList target DocType. */
  options?: string;
  /** For Date filters also "Today" or an offset from the run's date: "-30 days", "-1 month", "+2 weeks", "-1 year". */
  default?: string | number;
  reqd?: 0 | 1;
  depends_on?: string;
  description?: string;
  /** Smallest allowed value of a number filter (e.g. 1 for "days since last order"). */
  min?: number;
}

/** Filters a report always receives: required ones and ones with a default (or a Check, which is 0 when off). */
type Always<F> = F extends { reqd: 1 } ? true : F extends { default: string | number } ? true : F extends { fieldtype: 'Check' | 'MultiSelectList' } ? true : false;

/** The typed filters of a declaration list: `{days: number, territory?: string, customers: string[]}`. */
export type FiltersOf<D extends readonly ReportFilter[]> = {
  [F in D[number] as Always<F> extends true ? F['fieldname'] : never]: FilterValue<F['fieldtype']>;
} & {
  [F in D[number] as Always<F> extends true ? never : F['fieldname']]?: FilterValue<F['fieldtype']>;
};

export interface ReportColumn {
  fieldname: string;
  label: string;
  fieldtype: string;
  options?: string;
  width?: number;
  /** Leave this column out of the totals row. */
  disable_total?: 0 | 1;
  /** Digits after the decimal point in exports (Currency defaults to 2). */
  precision?: number;
}

export type ReportRow = Record<string, unknown>;

/** Frappe's chart payload. */
export interface ReportChart {
  data: { labels: (string | number)[]; datasets: { name?: string; values: number[]; chartType?: string }[] };
  type: 'bar' | 'line' | 'pie' | 'percentage' | 'donut' | 'axis-mixed';
  colors?: string[];
  fieldtype?: string;
  [key: string]: unknown;
}

/** One card of Frappe's report_summary. */
export interface ReportSummaryItem {
  value: unknown;
  label: string;
  datatype: string;
  indicator?: 'Green' | 'Red' | 'Blue' | 'Orange' | 'Grey';
  currency?: string;
}

export interface ReportOutput {
  result: ReportRow[];
  /** Columns for this run when they depend on the filters (e.g. a grouped view); else the declared ones. */
  columns?: ReportColumn[];
  message?: string;
  chart?: ReportChart;
  report_summary?: ReportSummaryItem[];
  skip_total_row?: boolean;
}

/** What `execute` works with: the database (through the time budget) and the user's permissions. */
export interface ReportContext {
  readonly user: string;
  readonly dialect: Dialect;
  /** Today's date (YYYY-MM-DD) at the start of the run. */
  readonly today: string;
  /** For building queries only: run them with `rows` or `first`, which keep the run's time budget. */
  readonly knex: Knex;
  meta(doctype: string): DocTypeMeta;
  /** The rows of a query (builder or raw), cancelled at the database when the budget runs out. */
  rows<T = ReportRow>(query: Knex.QueryBuilder | Knex.Raw): Promise<T[]>;
  first<T = ReportRow>(query: Knex.QueryBuilder | Knex.Raw): Promise<T | undefined>;
  /** `tab<DocType> as alias` narrowed to the rows this user may see (the permission-aware path). */
  from(doctype: string, alias: string): Knex.QueryBuilder;
  /** Narrows a joined DocType (by its alias) to the rows this user may see. */
  restrict(query: Knex.QueryBuilder, doctype: string, alias: string): void;
  /** Restricts `column` to a tree node and its descendants (Territory, Customer Group, ...). */
  inSubtree(query: Knex.QueryBuilder, column: string, doctype: string, node: string): void;
}

export interface ReportDefinition<D extends readonly ReportFilter[] = readonly ReportFilter[]> {
  name: string;
  ref_doctype: string;
  /** Roles that may run it; empty means anyone with the `report` right on ref_doctype. */
  roles?: readonly string[];
  module?: string;
  description?: string;
  filters: D;
  columns: readonly ReportColumn[];
  /** Append Frappe's totals row (sums; Percent averaged). */
  add_total_row?: boolean;
  /** Seconds a run may take before it is cancelled (default: the site's TABULA_REPORT_TIMEOUT). */
  timeout?: number;
  execute(filters: FiltersOf<D>, ctx: ReportContext): Promise<ReportOutput | ReportRow[]>;
}

/** A loaded report with its file, for messages. */
export interface LoadedReport {
  definition: ReportDefinition;
  file: string;
}
