/**
 * The README's test command: the whole suite on SQLite, then on MariaDB when it is reachable. With
 * CI=true an unreachable MariaDB is a failure, never a silent skip. Ends with one totals line.
 * Extra arguments go to mocha (e.g. a spec file).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { MARIADB_SERVER_URL } from './support/database';

interface Stats {
  passes: number;
  failures: number;
  pending: number;
}

const extraArgs = process.argv.slice(2);
const statsDir = mkdtempSync(join(tmpdir(), 'tabula-test-'));

function runSuite(dialect: 'sqlite' | 'mariadb'): { stats: Stats; status: number } {
  const statsFile = join(statsDir, `${dialect}.json`);
  console.log(`\n=== Test suite on ${dialect} ===`);
  const result = spawnSync('npx', ['mocha', ...extraArgs], {
    stdio: 'inherit',
    env: { ...process.env, TABULA_TEST_DB: dialect, TABULA_TEST_STATS: statsFile },
  });
  const stats: Stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : { passes: 0, failures: 1, pending: 0 };
  return { stats, status: result.status ?? 1 };
}

async function mariadbReachable(): Promise<string | undefined> {
  const server = new URL(MARIADB_SERVER_URL);
  const probe = knexFactory({
    client: 'mysql2',
    connection: { host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || 'root'), password: decodeURIComponent(server.password), connectTimeout: 3000 },
    pool: { min: 0, max: 1 },
  });
  try {
    await probe.raw('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await probe.destroy();
  }
}

const results: { dialect: string; stats: Stats; status: number }[] = [];
results.push({ dialect: 'sqlite', ...runSuite('sqlite') });

const unreachable = await mariadbReachable();
let failedToReach = false;
if (unreachable === undefined) results.push({ dialect: 'mariadb', ...runSuite('mariadb') });
else if (process.env.CI === 'true') {
  console.error(`\nMariaDB at ${MARIADB_SERVER_URL} is not reachable (${unreachable}); CI requires it.`);
  failedToReach = true;
} else console.log(`\nMariaDB at ${MARIADB_SERVER_URL} is not reachable (${unreachable}): its run was skipped. CI=true makes this a failure.`);

const total = { passes: 0, failures: failedToReach ? 1 : 0, pending: 0 };
console.log('');
for (const { dialect, stats } of results) {
  console.log(`${dialect}: ${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending`);
  total.passes += stats.passes;
  total.failures += stats.failures;
  total.pending += stats.pending;
}
const failed = failedToReach || results.some((r) => r.status !== 0 || r.stats.failures > 0);
console.log(`tests: ${total.passes} passed, ${total.failures} failed, ${total.pending} skipped`);
process.exit(failed ? 1 : 0);
