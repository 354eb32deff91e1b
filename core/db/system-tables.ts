/**
 * Framework tables that belong to no DocType: naming series counters, Single DocType values, applied
 * patches, password hashes (`__Auth`, Frappe's name) and login sessions.
 */
import type { Knex } from 'knex';

export interface SystemTable {
  name: string;
  create(table: Knex.CreateTableBuilder): void;
}

export const SYSTEM_TABLES: SystemTable[] = [
  {
    name: 'tabSeries',
    create(t) {
      t.specificType('name', 'varchar(100)').notNullable().primary();
      t.bigInteger('current').notNullable().defaultTo(0);
    },
  },
  {
    name: 'tabSingles',
    create(t) {
      t.specificType('doctype', 'varchar(140)').notNullable();
      t.specificType('field', 'varchar(140)').notNullable();
      t.text('value');
      t.primary(['doctype', 'field']);
    },
  },
  {
    // Applied data patches, so each runs once per site.
    name: '__patches',
    create(t) {
      t.specificType('name', 'varchar(140)').notNullable().primary();
      t.specificType('applied_on', 'varchar(32)').notNullable();
    },
  },
  {
    // Password and API-secret hashes, one row per (doctype, name, fieldname), kept out of the document
    // tables so that no document read or report ever returns them.
    name: '__Auth',
    create(t) {
      t.specificType('doctype', 'varchar(140)').notNullable();
      t.specificType('name', nocase(t, 'varchar(255)')).notNullable();
      t.specificType('fieldname', 'varchar(140)').notNullable();
      t.text('password').notNullable();
      t.integer('encrypted').notNullable().defaultTo(0);
      t.primary(['doctype', 'name', 'fieldname']);
    },
  },
  {
    // Login sessions; `expires_at` in epoch milliseconds.
    name: 'tabSessions',
    create(t) {
      t.specificType('sid', 'varchar(64)').notNullable().primary();
      t.specificType('user', nocase(t, 'varchar(255)')).notNullable().index();
      t.specificType('csrf_token', 'varchar(64)').notNullable();
      t.specificType('ip', 'varchar(64)');
      t.specificType('user_agent', 'varchar(255)');
      t.specificType('created', 'varchar(32)');
      t.specificType('last_seen', 'varchar(32)');
      t.bigInteger('expires_at').notNullable();
    },
  },
];

/**
 * A column holding a user's name compares without case on SQLite too, as it does under MariaDB's
 * utf8mb4_unicode_ci and as `tabUser.name` does (see ColumnSpec.nocase), so that both databases
 * find the same rows. The builder knows its client; system tables are not told the dialect otherwise.
 */
function nocase(t: Knex.CreateTableBuilder, type: string): string {
  // better-sqlite3 reports the dialect "sqlite3" too.
  const dialect = (t as unknown as { client?: { dialect?: string } }).client?.dialect;
  return dialect === 'sqlite3' ? `${type} collate nocase` : type;
}
