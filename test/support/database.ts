/**
 * Each test suite gets a database of its own: SQLite in memory, or a fresh MariaDB schema that is
 * dropped afterwards. TABULA_TEST_DB chooses (sqlite | mariadb); TABULA_TEST_MARIADB_URL points at the
 * server (default: root on 127.0.0.1:3306).
 */
import knexFactory from 'knex';

export type TestDialect = 'sqlite' | 'mariadb';

export const TEST_DIALECT: TestDialect = process.env.TABULA_TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';

export const MARIADB_SERVER_URL = process.env.TABULA_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

let counter = 0;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'suite'): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  const name = `tabula_test_${process.pid}_${++counter}_${label.replace(/\W+/g, '_').slice(0, 20)}`.toLowerCase();
  return { url: `${MARIADB_SERVER_URL}/${name}`, drop: () => dropMariadbDatabase(name) };
}

async function dropMariadbDatabase(name: string): Promise<void> {
  const server = new URL(MARIADB_SERVER_URL);
  const admin = knexFactory({
    client: 'mysql2',
    connection: { host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username || 'root'), password: decodeURIComponent(server.password) },
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  } finally {
    await admin.destroy();
  }
}
