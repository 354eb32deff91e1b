/**
 * `tabula run-report "<Report Name>" [--filters '<json>'] [--format table|json|csv|xlsx] [--output F]
 * [--user U]`: runs a script report as a user (default Administrator) with the same validation,
 * permissions and time budget as the API; csv goes to stdout unless --output names a file.
 */
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { UserAccess } from '../permissions';
import { runReport, type ReportRun } from '../reports';
import { writeCsv } from '../reports/export/csv';
import { writeXlsx } from '../reports/export/xlsx';
import { openSite, reportEnvironment } from '../site';
import { formatTable } from './text-table';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: tabula run-report "<Report Name>" [--filters '{"field": value}'] [--format ${FORMATS.join('|')}] [--output FILE] [--user USER]`;

export async function runReportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { filters: { type: 'string', default: '{}' }, format: { type: 'string', default: 'table' }, output: { type: 'string' }, user: { type: 'string', default: 'Administrator' } },
  });
  const format = values.format as Format;
  const name = positionals.join(' ').trim();
  if (!name || !FORMATS.includes(format)) {
    console.error(USAGE);
    return 1;
  }
  if (format === 'xlsx' && !values.output) {
    console.error('--format xlsx writes a file: give --output report.xlsx');
    return 1;
  }
  const site = await openSite(readConfig());
  try {
    const access = await UserAccess.load(site.db.knex, site.registry, values.user!);
    const done = await runReport(reportEnvironment(site), access, name, values.filters);
    await write(done, format, values.output);
    if (values.output) console.error(`${done.rows.length} rows written to ${values.output} in ${done.executionTime} s`);
    return 0;
  } finally {
    await site.close();
  }
}

async function write(done: ReportRun, format: Format, output: string | undefined): Promise<void> {
  const out = output ? createWriteStream(output) : stdoutKeptOpen();
  if (format === 'csv') return writeCsv(out, done.columns, done.rows, done.totals);
  if (format === 'xlsx') return writeXlsx(out, done.report.definition.name, done.columns, done.rows, done.totals);
  const text =
    format === 'json'
      ? JSON.stringify({ columns: done.columns, result: done.rows, totals: done.totals ?? null, report_summary: done.report_summary ?? null, chart: done.chart ?? null, message: done.message ?? null, execution_time: done.executionTime }, null, 2)
      : formatTable(done);
  await new Promise<void>((resolve, reject) => out.end(text + '\n', () => resolve()).on('error', reject));
}

/** Standard output must stay open after a stream that ends its destination. */
function stdoutKeptOpen(): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      process.stdout.write(chunk, callback);
    },
  });
}
