/**
 * Runs a benchmark on both databases: a temporary SQLite file, then a throwaway MariaDB schema (when
 * one answers at BENCH_MARIADB_URL, default root on 127.0.0.1:3306); both are removed afterwards.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function onBothDatabases(name: string, bench: (label: string, dbUrl: string) => Promise<void>): Promise<void> {
  const sqliteFile = join(tmpdir(), `tabula-${name}-${process.pid}.sqlite`);
  try {
    await bench('SQLite (better-sqlite3, file)', `sqlite:${sqliteFile}`);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
  }
  const mariadb = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
  const dbName = `tabula_${name.replace(/\W/g, '_')}_${process.pid}`;
  try {
    await bench('MariaDB (mysql2)', `${mariadb}/${dbName}`);
  } catch (error) {
    console.log(`\nMariaDB skipped: ${(error as Error).message}`);
  } finally {
    const { default: knexFactory } = await import('knex');
    const url = new URL(mariadb);
    const admin = knexFactory({ client: 'mysql2', connection: { host: url.hostname, port: Number(url.port || 3306), user: url.username || 'root', password: decodeURIComponent(url.password) } });
    await admin.raw('DROP DATABASE IF EXISTS ??', [dbName]).catch(() => undefined);
    await admin.destroy();
  }
}
