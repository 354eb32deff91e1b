/**
 * `tabula run-report` in a child process, as a user runs it: the CRM app's Lead Details on a site
 * with two leads, as a table, JSON, CSV on stdout and an XLSX file; bad filters and unknown reports
 * end with a message naming the problem and exit code 1; --user applies that user's permissions.
 */
import { expect } from 'chai';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../core/config';
import { todayDate } from '../../core/document';
import { migrate, openSite } from '../../core/site';
import { cliDatabase, lines, removeScratch, scratchDir, tabula, type CliDatabase, type CliResult } from '../fixtures/cli/run';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).to.equal(code);
}

describe('cli: tabula run-report', function () {
  this.timeout(120_000);
  const today = todayDate();
  const filters = JSON.stringify({ from_date: today, to_date: today });
  let db: CliDatabase;
  let env: Record<string, string>;

  before(async () => {
    db = await cliDatabase('run_report');
    env = { TABULA_APPS: 'core,crm', TABULA_DB_URL: db.url };
    const site = await openSite(readConfig(env));
    try {
      await migrate(site);
      await site.documents.insert('Lead', { first_name: 'Ada', last_name: 'Lovelace', company_name: 'Engines Ltd', email_id: 'ada@engines.example', territory: 'Germany', source: 'Website' });
      await site.documents.insert('Lead', { first_name: 'Grace', last_name: 'Hopper', email_id: 'grace@navy.example', territory: 'United States', source: 'Cold Calling' });
      await site.documents.insert('User', { email: 'de@ex.com', first_name: 'De', roles: [{ role: 'Sales User' }] });
      await site.documents.insert('User Permission', { user: 'de@ex.com', allow: 'Territory', for_value: 'Germany' });
    } finally {
      await site.close();
    }
  });
  after(async () => {
    await db.drop();
    removeScratch();
  });

  it('prints an aligned table with the row count', async () => {
    const result = await tabula(['run-report', 'Lead Details', '--filters', filters], env);
    expectExit(result, 0);
    const output = lines(result.stdout);
    expect(output[0]).to.match(/^Lead\s+Lead Name\s+Organization\s+Status/);
    expect(output.filter((l) => l.includes('Lovelace') || l.includes('Hopper'))).to.have.length(2);
    expect(output.at(-1)).to.match(/^2 rows in [\d.]+ s\s+Leads: 2/);
  });

  it('writes JSON with columns and rows keyed by fieldname', async () => {
    const result = await tabula(['run-report', 'Lead Details', '--filters', filters, '--format', 'json'], env);
    expectExit(result, 0);
    const body = JSON.parse(result.stdout);
    expect(body.columns[0]).to.include({ fieldname: 'lead', fieldtype: 'Link', options: 'Lead' });
    expect(body.result.map((r: { lead_name: string }) => r.lead_name).sort()).to.deep.equal(['Ada Lovelace', 'Grace Hopper']);
    expect(body.result.find((r: { lead_name: string }) => r.lead_name === 'Ada Lovelace')).to.include({ territory: 'Germany', email_id: 'ada@engines.example', created_on: today });
  });

  it('writes CSV to stdout and XLSX to a file', async () => {
    const csv = await tabula(['run-report', 'Lead Details', '--filters', filters, '--format', 'csv'], env);
    expectExit(csv, 0);
    const rows = csv.stdout.replace(/^\uFEFF/, '').trim().split('\n');
    expect(rows[0]).to.equal('Lead,Lead Name,Organization,Status,Source,Lead Owner,Territory,Email,Mobile,City,Country,Created On');
    expect(rows).to.have.length(3);
    const file = join(scratchDir('run_report'), 'leads.xlsx');
    const xlsx = await tabula(['run-report', 'Lead Details', '--filters', filters, '--format', 'xlsx', '--output', file], env);
    expectExit(xlsx, 0);
    expect(existsSync(file) && statSync(file).size).to.be.above(1000);
    expect(xlsx.stderr).to.contain(`2 rows written to ${file}`);
  });

  it("runs as --user with that user's permissions", async () => {
    const result = await tabula(['run-report', 'Lead Details', '--filters', filters, '--format', 'json', '--user', 'de@ex.com'], env);
    expectExit(result, 0);
    expect(JSON.parse(result.stdout).result.map((r: { lead_name: string }) => r.lead_name)).to.deep.equal(['Ada Lovelace']);
  });

  it('ends with exit code 1 and the problem named for bad filters and unknown reports', async () => {
    const bad = await tabula(['run-report', 'Lead Details', '--filters', JSON.stringify({ from_date: 'yesterday', to_date: today })], env);
    expectExit(bad, 1);
    expect(bad.stderr).to.contain('From Date');
    const unknown = await tabula(['run-report', 'Nothing Like This', '--filters', '{}'], env);
    expectExit(unknown, 1);
    expect(unknown.stderr).to.contain('Report Nothing Like This not found');
    const usage = await tabula(['run-report'], env);
    expectExit(usage, 1);
    expect(usage.stderr).to.contain('Usage: tabula run-report');
  });
});
