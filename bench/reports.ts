/**
 * Report benchmark: each script report's run time next to the best single hand-written SQL query
 * for the same answer on the same database (the cases in bench/baselines/*.ts), as a ratio; the goal
 * is at most 1.2x (perf-notes.md). The report runs as Administrator through the engine (filters
 * validated, budget, worker thread on SQLite); the baseline runs on the site's own connection.
 *
 *   npm run bench:reports                      # builds BENCH_CUSTOMERS / BENCH_ORDERS demo sites on SQLite and MariaDB
 *   BENCH_REPORTS_DB=sqlite:data/big.sqlite npm run bench:reports   # an existing site with demo data
 *
 * Each case is timed RUNS times back to back after one warm-up run; medians are printed, and row counts
 * are compared (a report that answers a different number of rows than its baseline is flagged).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { PROJECT_ROOT, readConfig } from '../core/config';
import { loadModule, todayDate } from '../core/document';
import { UserAccess } from '../core/permissions';
import { runReport } from '../core/reports';
import { migrate, openSite, reportEnvironment, type Site } from '../core/site';
import { generateDemo } from '../fixtures/demo/generate';
import { onBothDatabases } from './databases';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ONLY = process.env.BENCH_ONLY?.toLowerCase();

export interface BaselineCase {
  report: string;
  label: string;
  filters: Record<string, unknown>;
  baseline(k: Knex, dialect: 'sqlite' | 'mysql', asOf: string): Promise<unknown[]>;
}

async function loadCases(): Promise<BaselineCase[]> {
  const folder = join(PROJECT_ROOT, 'bench/baselines');
  const cases: BaselineCase[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts')).sort()) {
    const module = (await loadModule(join(folder, file))) as { default: BaselineCase[] };
    cases.push(...module.default);
  }
  return cases.filter((c) => !ONLY || c.report.toLowerCase().includes(ONLY) || c.label.toLowerCase().includes(ONLY));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(work: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  let rows = await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    rows = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), rows };
}

async function benchSite(label: string, site: Site, cases: BaselineCase[]): Promise<string[]> {
  const access = await UserAccess.load(site.db.knex, site.registry, 'Administrator');
  const env = reportEnvironment(site);
  const asOf = todayDate();
  const lines: string[] = [];
  console.log(`\n${label}: ${RUNS} runs each, medians`);
  for (const c of cases) {
    const report = await time(async () => (await runReport(env, access, c.report, c.filters)).rows.length);
    const baseline = await time(async () => (await c.baseline(site.db.knex, site.db.dialect, asOf)).length);
    const ratio = report.ms / baseline.ms;
    const mismatch = report.rows === baseline.rows ? '' : ` (ROW COUNTS DIFFER: report ${report.rows}, baseline ${baseline.rows})`;
    const line = `| ${label} | ${c.report} | ${c.label} | ${report.rows} | ${report.ms.toFixed(1)} | ${baseline.ms.toFixed(1)} | ${ratio.toFixed(2)}${mismatch} |`;
    console.log(line);
    lines.push(line);
  }
  return lines;
}

async function main(): Promise<void> {
  const cases = await loadCases();
  const header = ['| database | report | case | rows | report ms | best SQL ms | ratio |', '|---|---|---|---|---|---|---|'];
  const results: string[] = [];
  const existing = process.env.BENCH_REPORTS_DB;
  if (existing) {
    const site = await openSite({ ...readConfig(), dbUrl: existing });
    try {
      results.push(...(await benchSite(site.db.label, site, cases)));
    } finally {
      await site.close();
    }
  } else {
    await onBothDatabases('reports', async (label, dbUrl) => {
      const site = await openSite({ ...readConfig(), dbUrl, apps: ['core', 'crm'] });
      try {
        await migrate(site);
        const started = performance.now();
        const summary = await generateDemo(site.documents, { customers: CUSTOMERS, orders: ORDERS });
        console.log(`\n${label}: demo of ${summary.customers} customers, ${summary.orders} orders built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        results.push(...(await benchSite(label, site, cases)));
      } finally {
        await site.close();
      }
    });
  }
  console.log(['', ...header, ...results].join('\n'));
}

await main();
