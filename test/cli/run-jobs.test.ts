/**
 * `tabula run-jobs` and the scheduler of `tabula start`, as a user runs them (child processes on a
 * database of their own): the crm app's daily quotation expiry runs now from the command line (for a
 * given day, or today) and at start-up of the server.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readConfig } from '../../core/config';
import { addDays, todayDate } from '../../core/document';
import { openSite, type Site } from '../../core/site';
import { cliDatabase, lines, removeScratch, tabula, TABULA_BIN, type CliDatabase } from '../fixtures/cli/run';

const JOB_LINE = /^\[jobs\] crm: quotation\.set_expired_status: (\d+) quotations? expired \(\d+ ms\)$/;

/** Runs `tabula start` until its output has a line matching `wanted`; answers every line so far. */
function startUntil(env: Record<string, string>, wanted: RegExp, timeoutMs = 45_000): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [TABULA_BIN, 'start'], { env: { ...process.env, TABULA_DOCTYPE_PATHS: '', TABULA_REPORT_PATHS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tabula start never printed ${wanted}:\n${out}`));
    }, timeoutMs);
    const seen = (chunk: string) => {
      out += chunk;
      if (!lines(out).some((l) => wanted.test(l))) return;
      clearTimeout(timer);
      child.kill('SIGTERM');
      resolvePromise(lines(out));
    };
    child.stdout.setEncoding('utf8').on('data', seen);
    child.stderr.setEncoding('utf8').on('data', seen);
    child.on('error', reject);
  });
}

describe('cli: tabula run-jobs and the daily scheduler', function () {
  this.timeout(120_000);
  let db: CliDatabase;
  let env: Record<string, string>;
  let site: Site;
  const today = todayDate();

  before(async () => {
    db = await cliDatabase('run_jobs');
    env = { TABULA_APPS: 'core,crm', TABULA_DB_URL: db.url, TABULA_ADMIN_PASSWORD: 'run-jobs-test-password' };
    const migrated = await tabula(['migrate'], env);
    expect(migrated.code, migrated.stderr).to.equal(0);
    site = await openSite({ ...readConfig({}), dbUrl: db.url, apps: ['core', 'crm'], doctypePaths: [] });
    await site.documents.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
  });
  after(async () => {
    await site?.close();
    await db.drop();
    removeScratch();
  });

  /** A submitted quotation valid until `validTill` (today or later, or submitting would expire it at once). */
  const quotation = async (validTill: string) => {
    const customer = await site.documents.insert('Customer', { customer_name: `Jobs ${Math.random().toString(36).slice(2, 8)}` });
    const doc = await site.documents.insert('Quotation', {
      quotation_to: 'Customer',
      party_name: customer.name,
      company: 'Tabula Demo Ltd',
      transaction_date: today,
      valid_till: validTill,
      docstatus: 1,
      items: [{ item_code: 'WIDGET', qty: 1 }],
    });
    return String(doc.name);
  };
  const statusOf = async (name: string) => ((await site.db.knex('tabQuotation').where({ name }).first('status')) as { status: string }).status;

  it('run-jobs runs the daily jobs now: a quotation valid until today is expired once the day has passed', async () => {
    const name = await quotation(today);
    const now = await tabula(['run-jobs'], env);
    expect(now.code, now.stderr).to.equal(0);
    expect(lines(now.stdout).find((l) => JOB_LINE.test(l))).to.match(/: 0 quotations expired/);
    expect(await statusOf(name)).to.equal('Open');

    const later = await tabula(['run-jobs', '--job', 'quotation.set_expired_status', '--today', addDays(today, 1)], env);
    expect(later.code, later.stderr).to.equal(0);
    expect(lines(later.stdout)).to.have.length(1);
    expect(lines(later.stdout)[0]).to.match(JOB_LINE).and.match(/: 1 quotation expired/);
    expect(await statusOf(name)).to.equal('Expired');
  });

  it('run-jobs refuses an unknown job and a malformed date', async () => {
    const unknown = await tabula(['run-jobs', '--job', 'no.such_job'], env);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('No job named "no.such_job"');
    const badDate = await tabula(['run-jobs', '--today', '22-11-2026'], env);
    expect(badDate.code).to.equal(1);
    expect(badDate.stderr).to.contain('--today must be YYYY-MM-DD');
  });

  it('tabula start runs the daily jobs when it starts', async () => {
    // Expired before today: submitted while still valid, then valid_till moved back by hand, as time passing would.
    const name = await quotation(today);
    await site.db.knex('tabQuotation').where({ name }).update({ transaction_date: addDays(today, -2), valid_till: addDays(today, -1) });
    const output = await startUntil({ ...env, PORT: '0' }, JOB_LINE);
    expect(output.find((l) => JOB_LINE.test(l))).to.match(/: 1 quotation expired/);
    expect(await statusOf(name)).to.equal('Expired');
  });
});
