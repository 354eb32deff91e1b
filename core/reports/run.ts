/**
 * Runs a report for a user: the report right on ref_doctype and the report's roles, the filters
 * validated, `execute` within the time budget, then every Link column checked against the user's
 * User Permissions (a report that forgot `ctx.from` still leaks nothing), and the totals row.
 */
import type { Database } from '../db';
import { todayDate } from '../document';
import { PermissionError } from '../errors';
import type { MetaRegistry } from '../meta';
import type { UserAccess } from '../permissions';
import { createReportContext } from './context';
import { validateReportFilters } from './filters';
import type { ReportRegistry } from './registry';
import { timeoutError, type ReportRunner } from './runner';
import { totalRow } from './totals';
import type { LoadedReport, ReportChart, ReportColumn, ReportOutput, ReportRow, ReportSummaryItem } from './types';

export interface ReportEnvironment {
  registry: MetaRegistry;
  reports: ReportRegistry;
  db: Database;
  runner: ReportRunner;
  /** Seconds, when the report sets none. */
  defaultTimeout: number;
}

export interface ReportRun {
  report: LoadedReport;
  filters: Record<string, unknown>;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Frappe's totals row (a list, one cell per column), when the report declares add_total_row. */
  totals?: unknown[];
  message?: string;
  chart?: ReportChart;
  report_summary?: ReportSummaryItem[];
  /** Seconds. */
  executionTime: number;
}

export function assertCanRun(access: UserAccess, env: ReportEnvironment, report: LoadedReport): void {
  const { definition } = report;
  const deny = (why: string) => new PermissionError(`Not permitted to run ${definition.name}: ${why}`, [{ fieldname: 'report_name', message: why }]);
  const refMeta = env.registry.get(definition.ref_doctype);
  if (!access.can(refMeta, 'report')) throw deny(`it needs the report right on ${refMeta.name}`);
  const roles = definition.roles ?? [];
  if (!access.isAdministrator && roles.length && !roles.some((role) => access.roles.has(role))) throw deny(`it is for ${roles.join(', ')}`);
}

export async function runReport(env: ReportEnvironment, access: UserAccess, name: string, rawFilters: unknown): Promise<ReportRun> {
  const started = performance.now();
  const report = env.reports.get(name);
  assertCanRun(access, env, report);
  const { definition } = report;
  const today = todayDate();
  const filters = await validateReportFilters(env.db.knex, env.registry, definition, env.reports.filterMetaOf(report), rawFilters, access.user, today);
  const seconds = definition.timeout ?? env.defaultTimeout;
  const deadline = Date.now() + seconds * 1000;
  const session = await env.runner.open(deadline, seconds);
  let output: ReportOutput;
  try {
    const ctx = await createReportContext({ today, knex: env.db.knex, dialect: env.db.dialect, registry: env.registry, access, session, refDoctype: definition.ref_doctype });
    output = normalise(await withinBudget(definition.execute(filters as never, ctx), deadline, seconds));
  } finally {
    session.release();
  }
  const columns = output.columns ?? [...definition.columns];
  const rows = await permittedRows(access, env, definition.ref_doctype, columns, output.result);
  const totals = definition.add_total_row && !output.skip_total_row ? totalRow(columns, rows) : undefined;
  return {
    report,
    filters,
    columns,
    rows,
    totals,
    message: output.message,
    chart: output.chart,
    report_summary: output.report_summary,
    executionTime: Math.round(performance.now() - started) / 1000,
  };
}

function normalise(output: ReportOutput | ReportRow[]): ReportOutput {
  return Array.isArray(output) ? { result: output } : output;
}

/** The JS side of the budget: queries are cancelled by the runner; this ends a run stuck elsewhere. */
function withinBudget<T>(work: Promise<T>, deadline: number, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(seconds)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

async function permittedRows(access: UserAccess, env: ReportEnvironment, refDoctype: string, columns: readonly ReportColumn[], rows: ReportRow[]): Promise<ReportRow[]> {
  const checks: { fieldname: string; allowed: Set<string> }[] = [];
  for (const column of columns) {
    if (column.fieldtype !== 'Link' || !column.options || !env.registry.has(column.options)) continue;
    const allowed = await access.allowedValues(column.options, refDoctype);
    if (allowed) checks.push({ fieldname: column.fieldname, allowed: new Set(allowed.map((v) => v.toLowerCase())) });
  }
  if (checks.length === 0) return rows;
  return rows.filter((row) =>
    checks.every(({ fieldname, allowed }) => {
      const value = row[fieldname];
      return value === null || value === undefined || value === '' || allowed.has(String(value).toLowerCase());
    }),
  );
}
