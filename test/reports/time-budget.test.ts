/**
 * A report past its time budget is cancelled at the database and answered with QueryTimeoutError:
 * on MariaDB the statement is killed (it is gone from the process list), on a SQLite file it runs in
 * a reader process that is killed (none is left running), so the site's own connection stays free
 * meanwhile and the next run works.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { readConfig } from '../../core/config';
import { QueryTimeoutError } from '../../core/errors';
import { UserAccess } from '../../core/permissions';
import { runReport } from '../../core/reports';
import { migrate, openSite, reportEnvironment, type Site } from '../../core/site';
import { DEAL, installDeals, REPORTS, ZONE } from '../fixtures/reports/deals';
import { TEST_DIALECT } from '../support/database';
import { createTestSite } from '../support/site';

/** This process's SQLite reader children (Linux /proc). */
function readerProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A killed process stays a zombie until its parent reaps it: that one is no longer running.
      if (state !== 'Z' && Number(ppid) === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('sqlite-reader.cjs')) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

describe('reports: the time budget', function () {
  this.timeout(30_000);
  let site: Site;
  let cleanup: () => Promise<void>;

  before(async () => {
    if (TEST_DIALECT === 'sqlite') {
      // A file: an in-memory database cannot be read from a worker thread.
      const folder = mkdtempSync(join(tmpdir(), 'tabula-budget-'));
      site = await openSite({ ...readConfig({}), dbUrl: `sqlite:${join(folder, 'site.sqlite')}`, apps: ['core'], doctypePaths: [] }, { extraDoctypes: [ZONE, DEAL].map((def) => ({ app: 'test', def })), extraReports: REPORTS });
      await migrate(site);
      cleanup = async () => {
        await site.close();
        rmSync(folder, { recursive: true, force: true });
      };
    } else {
      const test = await createTestSite({ label: 'report_budget', doctypes: [ZONE, DEAL], reports: REPORTS });
      site = test;
      cleanup = () => test.destroy();
    }
    await installDeals((doctype, doc) => site.documents.insert(doctype, doc));
  });
  after(() => cleanup?.());

  const admin = () => UserAccess.load(site.db.knex, site.registry, 'Administrator');

  it('cancels a run past its budget with QueryTimeoutError naming the budget, and the site keeps answering', async () => {
    const started = Date.now();
    const slow = runReport(reportEnvironment(site), await admin(), 'Slow Report', {}).then(
      () => undefined,
      (error: unknown) => error,
    );
    // The site's own connection is not held by the report meanwhile.
    const during = Date.now();
    expect((await site.documents.get('Deal', 'Alpha')).amount).to.equal(1000.1);
    expect(Date.now() - during).to.be.below(900);
    const error = await slow;
    const elapsed = Date.now() - started;
    expect(error).to.be.instanceOf(QueryTimeoutError);
    expect((error as Error).message).to.contain('time budget of 1 s');
    expect(elapsed).to.be.at.least(900).and.below(10_000);
    if (TEST_DIALECT === 'sqlite') {
      // SIGKILL is delivered asynchronously: give the kernel a moment.
      for (let attempt = 0; attempt < 20 && readerProcesses().length; attempt++) await new Promise((r) => setTimeout(r, 100));
      expect(readerProcesses(), 'the reader running the slow query is killed').to.deep.equal([]);
    }

    const next = await runReport(reportEnvironment(site), await admin(), 'Deal Summary', { window_days: 1 });
    expect(next.rows.map((r) => r.deal)).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
  });

  if (TEST_DIALECT === 'mariadb') {
    it('leaves no statement running on the server', async () => {
      await runReport(reportEnvironment(site), await admin(), 'Slow Report', {}).catch(() => undefined);
      // KILL QUERY is asynchronous on the server: give it a moment to take the statement off the list.
      let running = 1;
      for (let attempt = 0; attempt < 20 && running > 0; attempt++) {
        const [rows] = (await site.db.knex.raw("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(120)%'")) as [{ n: number }[]];
        running = Number(rows[0]!.n);
        if (running) await new Promise((r) => setTimeout(r, 100));
      }
      expect(running).to.equal(0);
    });
  }
});
