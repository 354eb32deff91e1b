/**
 * Opens the site database through knex: SQLite (better-sqlite3) by default, MariaDB/MySQL (mysql2)
 * for production. Both are configured so values come back in the same shapes: dates as strings,
 * decimals as numbers.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type Dialect = 'sqlite' | 'mysql';

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The URL with any password masked, for logs. */
  readonly label: string;
  /** The SQLite file's absolute path (undefined for MariaDB and for an in-memory database). */
  readonly sqliteFile?: string;
  close(): Promise<void>;
}

export function parseDbUrl(url: string): { dialect: Dialect; filename?: string; mysql?: MysqlTarget } {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!filename) throw new Error(`TABULA_DB_URL "${url}" names no SQLite file (use sqlite:data/site.sqlite or sqlite::memory:)`);
    return { dialect: 'sqlite', filename };
  }
  if (url.startsWith('mysql:') || url.startsWith('mariadb:')) {
    const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database) throw new Error(`TABULA_DB_URL "${maskUrl(url)}" names no database`);
    return {
      dialect: 'mysql',
      mysql: {
        host: parsed.hostname || '127.0.0.1',
        port: Number(parsed.port || 3306),
        user: decodeURIComponent(parsed.username || 'root'),
        password: decodeURIComponent(parsed.password || ''),
        database,
      },
    };
  }
  throw new Error(`TABULA_DB_URL "${maskUrl(url)}" must start with sqlite: or mysql://`);
}

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function maskUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:****@');
}

export async function openDatabase(url: string, options: { createDatabase?: boolean } = {}): Promise<Database> {
  const target = parseDbUrl(url);
  const knex = target.dialect === 'sqlite' ? openSqlite(target.filename!) : await openMysql(target.mysql!, options.createDatabase ?? true);
  return {
    knex,
    dialect: target.dialect,
    label: maskUrl(url),
    sqliteFile: target.dialect === 'sqlite' && target.filename !== ':memory:' ? resolve(target.filename!) : undefined,
    close: () => knex.destroy(),
  };
}

function openSqlite(filename: string): Knex {
  const memory = filename === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(filename)), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: memory ? ':memory:' : resolve(filename) },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // An in-memory database lives as long as its one connection: never let the pool drop it.
      idleTimeoutMillis: memory ? Number.MAX_SAFE_INTEGER : 30_000,
      afterCreate(connection: { pragma(s: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('foreign_keys = OFF');
        done(null, connection);
      },
    },
  });
}

async function openMysql(target: MysqlTarget, createDatabase: boolean): Promise<Knex> {
  const common = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    charset: 'utf8mb4_unicode_ci',
    dateStrings: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'local',
    // JSON columns come back as text, as on SQLite; the document layer parses them once.
    jsonStrings: true,
  };
  if (createDatabase) {
    const bootstrap = knexFactory({ client: 'mysql2', connection: common, pool: { min: 0, max: 1 } });
    try {
      await bootstrap.raw('CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [target.database]);
    } finally {
      await bootstrap.destroy();
    }
  }
  return knexFactory({
    client: 'mysql2',
    connection: { ...common, database: target.database },
    pool: { min: 0, max: 10 },
  });
}
