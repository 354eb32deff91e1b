/**
 * Report declarations are checked when the site loads them: a broken report stops the start with the
 * file, the report and the declaration named. Relative date defaults ("-30 days") are resolved on the
 * run's date, for `execute` and for the desk's filter bar (get_script).
 */
import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, addMonths } from '../../core/db';
import { todayDate } from '../../core/document';
import { ReportDefinitionError } from '../../core/errors';
import { defineReport, ReportRegistry, runReport, type ReportDefinition } from '../../core/reports';
import { UserAccess } from '../../core/permissions';
import { reportEnvironment } from '../../core/site';
import { DEAL, ZONE } from '../fixtures/reports/deals';
import { createTestSite, type TestSite } from '../support/site';

function datedReport(defaults: Record<string, string>): ReportDefinition {
  return defineReport({
    name: 'Dated Deals',
    ref_doctype: 'Deal',
    filters: Object.entries(defaults).map(([fieldname, value]) => ({ fieldname, label: fieldname, fieldtype: 'Date' as const, default: value, reqd: 1 as const })),
    columns: [{ fieldname: 'echo', label: 'Echo', fieldtype: 'Data' }],
    async execute(filters) {
      return [{ echo: JSON.stringify(filters) }];
    },
  }) as ReportDefinition;
}

async function problemsOf(work: Promise<unknown>): Promise<{ file: string; doctype?: string; field?: string; message: string }[]> {
  try {
    await work;
  } catch (error) {
    expect(error).to.be.instanceOf(ReportDefinitionError);
    return (error as ReportDefinitionError).problems as never;
  }
  throw new Error('expected the registry to refuse the reports');
}

describe('reports: declarations checked at load, relative date defaults', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'report_registry', doctypes: [ZONE, DEAL], reports: [datedReport({ since: '-30 days', month_ago: '-1 month', next_fortnight: '+2 weeks', year_ago: '-1 year', today: 'Today' })] });
  });
  after(() => site?.destroy());

  it('refuses unknown DocTypes, Links to nowhere, bad filter types, bad defaults and duplicates, naming each', async () => {
    const broken = defineReport({
      name: 'Broken',
      ref_doctype: 'Nowhere',
      filters: [
        { fieldname: 'Bad Name', label: 'x', fieldtype: 'Data' },
        { fieldname: 'zone', label: 'Zone', fieldtype: 'Link', options: 'Atlantis' },
        { fieldname: 'since', label: 'Since', fieldtype: 'Date', default: 'last tuesday' },
        { fieldname: 'kind', label: 'Kind', fieldtype: 'Rating' as never },
      ],
      columns: [{ fieldname: 'deal', label: 'Deal', fieldtype: 'Link', options: 'Nothing' }],
      async execute() {
        return [];
      },
    }) as ReportDefinition;
    const problems = await problemsOf(ReportRegistry.load([], site.registry, [broken, { ...datedReport({}), name: 'dated deals' }, datedReport({})]));
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField['ref_doctype']).to.match(/"Nowhere" does not exist/);
    expect(byField['filters[0].fieldname']).to.match(/lower_snake_case/);
    expect(byField['filters[1].options']).to.match(/"Atlantis", which does not exist/);
    expect(byField['filters[2].default']).to.match(/"last tuesday" must be a date, "Today", or an offset/);
    expect(byField['filters[3].fieldtype']).to.match(/"Rating" is not a filter type/);
    expect(byField['columns[0].options']).to.match(/"Nothing", which does not exist/);
    expect(byField['name']).to.match(/defined twice/);
    expect(problems.every((p) => p.file.length > 0)).to.equal(true);
  });

  it('refuses a report module in TABULA_REPORT_PATHS that exports no definition, naming the file', async () => {
    const folder = join(tmpdir(), `tabula-reports-${process.pid}`);
    mkdirSync(join(folder, 'not_a_report'), { recursive: true });
    writeFileSync(join(folder, 'not_a_report', 'not_a_report.ts'), 'export const nothing = 1;\n');
    try {
      const problems = await problemsOf(ReportRegistry.load([folder], site.registry));
      expect(problems).to.have.length(1);
      expect(problems[0]!.file).to.equal(join(folder, 'not_a_report', 'not_a_report.ts'));
      expect(problems[0]!.message).to.match(/export default defineReport/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('resolves relative defaults on the run date, and a given value wins', async () => {
    const access = await UserAccess.load(site.db.knex, site.registry, 'Administrator');
    const today = todayDate();
    const run = await runReport(reportEnvironment(site), access, 'Dated Deals', { year_ago: '2020-02-29' });
    expect(JSON.parse(run.rows[0]!.echo as string)).to.deep.equal({
      since: addDays(today, -30),
      month_ago: addMonths(today, -1),
      next_fortnight: addDays(today, 14),
      year_ago: '2020-02-29',
      today,
    });
    expect(run.filters).to.include({ since: addDays(today, -30) });
  });

  it('moves by calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2026-03-31', -1)).to.equal('2026-02-28');
    expect(addMonths('2024-03-31', -1)).to.equal('2024-02-29');
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2026-11-22', -12)).to.equal('2025-11-22');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
  });
});
