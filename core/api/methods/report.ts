/**
 * Script reports under Frappe's names:
 * - `frappe.desk.query_report.run` (report_name, filters) answers Frappe's result shape, the totals
 *   row appended as a list when the report declares one;
 * - `frappe.desk.query_report.get_script` gives the filter and column declarations the desk builds
 *   its report view from (there is no client script to send);
 * - `frappe.desk.query_report.export_query` (report_name, filters, file_format_type CSV | Excel)
 *   streams the same run, same filters and permissions, as a file.
 */
import { ValidationError } from '../../errors';
import { todayDate } from '../../document';
import { assertCanRun, filtersWithDefaultsOn, runReport, type ReportRun } from '../../reports';
import { writeCsv } from '../../reports/export/csv';
import { writeXlsx } from '../../reports/export/xlsx';
import { reportEnvironment } from '../../site';
import { optionalText, requiredText } from '../params';
import { ANSWERED, read, type MethodCall, type MethodTable } from './types';

function run({ ctx, args, state }: MethodCall): Promise<ReportRun> {
  return runReport(reportEnvironment(state.site), ctx.access, requiredText(args, 'report_name'), args.filters);
}

async function runMethod(call: MethodCall) {
  const done = await run(call);
  return {
    result: done.totals ? [...done.rows, done.totals] : done.rows,
    columns: done.columns,
    message: done.message ?? null,
    chart: done.chart ?? null,
    report_summary: done.report_summary ?? null,
    add_total_row: done.totals !== undefined,
    skip_total_row: done.report.definition.add_total_row ? done.totals === undefined : false,
    status: null,
    prepared_report: false,
    execution_time: done.executionTime,
  };
}

function getScript({ ctx, args, state }: MethodCall) {
  const env = reportEnvironment(state.site);
  const report = env.reports.get(requiredText(args, 'report_name'));
  assertCanRun(ctx.access, env, report);
  const { definition } = report;
  return {
    name: definition.name,
    ref_doctype: definition.ref_doctype,
    description: definition.description ?? '',
    script: '',
    html_format: '',
    filters: filtersWithDefaultsOn(definition.filters, todayDate()),
    columns: definition.columns,
    add_total_row: Boolean(definition.add_total_row),
  };
}

const FORMATS: Record<string, 'csv' | 'xlsx'> = { csv: 'csv', excel: 'xlsx', xlsx: 'xlsx' };

async function exportQuery(call: MethodCall) {
  const requested = (optionalText(call.args, 'file_format_type') ?? 'CSV').toLowerCase();
  const format = FORMATS[requested];
  if (!format) throw new ValidationError(`file_format_type must be CSV or Excel (got "${requested}")`, [{ fieldname: 'file_format_type', message: 'expected CSV or Excel' }]);
  const done = await run(call);
  const name = done.report.definition.name;
  const { res } = call;
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/["\\\r\n]/g, '')}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`);
  if (format === 'csv') await writeCsv(res, done.columns, done.rows, done.totals);
  else await writeXlsx(res, name, done.columns, done.rows, done.totals);
  return ANSWERED;
}

export const REPORT_METHODS: MethodTable = {
  'frappe.desk.query_report.run': read(runMethod),
  'frappe.desk.query_report.get_script': read(getScript),
  'frappe.desk.query_report.export_query': read(exportQuery),
};
