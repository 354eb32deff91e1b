/**
 * Schema sync, step 2: carry out a plan, logging every step. A table whose creation fails part-way
 * (an index that cannot be built) is dropped again, so a failed migrate leaves no half-created table.
 */
import type { Knex } from 'knex';
import { TabulaError } from '../errors';
import type { MetaRegistry } from '../meta';
import type { ColumnSpec } from './columns';
import type { Database } from './connection';
import { planSync, type IndexSpec, type SyncPlan, type SyncStep } from './sync-plan';
import { SYSTEM_TABLES } from './system-tables';

export type SyncLogger = (message: string) => void;

/** A sync step the database refused; `step` says which, `cause` is the database's own error. */
export class SchemaSyncError extends TabulaError {
  override readonly excType = 'SchemaSyncError';
  readonly step: SyncStep;
  constructor(step: SyncStep, cause: unknown) {
    super(`${describeStep(step).replace(/^\[sync\] /, '')} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.step = step;
    this.cause = cause;
  }
}

export async function syncSchema(db: Database, registry: MetaRegistry, log: SyncLogger = () => {}): Promise<SyncPlan> {
  const plan = await planSync(db, registry);
  for (const step of plan.steps) {
    log(describeStep(step));
    try {
      await applyStep(db, step);
    } catch (error) {
      throw new SchemaSyncError(step, error);
    }
  }
  for (const drift of plan.drift) log(`[sync] left as is: ${drift.table}.${drift.column} ${drift.detail}`);
  if (plan.steps.length === 0) log('[sync] schema is up to date');
  return plan;
}

export function describeStep(step: SyncStep): string {
  switch (step.kind) {
    case 'create-system-table':
      return `[sync] create table ${step.table}`;
    case 'create-table':
      return `[sync] create table ${step.table} (${step.columns.length + 1} columns, ${step.indexes.length} indexes)`;
    case 'add-column':
      return `[sync] add column ${step.table}.${step.column.name} ${step.column.type}`;
    case 'widen-column':
      return `[sync] widen column ${step.table}.${step.column.name} ${step.from} -> ${step.column.type}`;
    case 'add-index':
      return `[sync] add ${step.index.unique ? 'unique ' : ''}index ${step.table}(${step.index.columns.join(', ')})`;
  }
}

async function applyStep(db: Database, step: SyncStep): Promise<void> {
  const { knex } = db;
  switch (step.kind) {
    case 'create-system-table': {
      const table = SYSTEM_TABLES.find((t) => t.name === step.table)!;
      await knex.schema.createTable(table.name, (t) => {
        table.create(t);
        if (db.dialect === 'mysql') mysqlTableOptions(t);
      });
      return;
    }
    case 'create-table':
      return createTable(db, step);
    case 'add-column':
      await knex.schema.alterTable(step.table, (t) => addColumn(t, step.column));
      return;
    case 'widen-column': {
      const { column } = step;
      // A nullable column becoming NOT NULL (Rating -> Float): its empty values take the default first,
      // as a new row would, or MariaDB refuses the change.
      if (column.notNull) await knex(step.table).whereNull(column.name).update({ [column.name]: column.defaultValue ?? 0 });
      await knex.raw(`ALTER TABLE ?? MODIFY ?? ${column.type}${column.notNull ? ` NOT NULL DEFAULT ${column.defaultValue ?? 0}` : ' NULL'}`, [step.table, column.name]);
      return;
    }
    case 'add-index':
      await addIndex(knex, step.table, step.index);
      return;
  }
}

async function createTable(db: Database, step: Extract<SyncStep, { kind: 'create-table' }>): Promise<void> {
  const { knex } = db;
  const makeTable = (k: Knex | Knex.Transaction) =>
    k.schema.createTable(step.table, (t) => {
      if (step.autoincrement) t.bigIncrements('name', { primaryKey: true });
      // On SQLite the key compares without case, like MariaDB's collation (see ColumnSpec.nocase).
      else t.specificType('name', db.dialect === 'sqlite' ? 'varchar(140) collate nocase' : 'varchar(140)').notNullable().primary();
      for (const column of step.columns) addColumn(t, column);
      if (db.dialect === 'mysql') mysqlTableOptions(t);
    });
  const addIndexes = async (k: Knex | Knex.Transaction) => {
    for (const index of step.indexes) await addIndex(k, step.table, index);
  };
  if (db.dialect === 'sqlite') {
    // SQLite DDL is transactional: all or nothing.
    await knex.transaction(async (trx) => {
      await makeTable(trx);
      await addIndexes(trx);
    });
    return;
  }
  // MariaDB commits each DDL statement: if an index fails after the table was made, drop the table again
  // (only if this step made it), so that the next migrate starts from scratch instead of a half table.
  // All indexes go in one ALTER: each DDL statement costs tens of milliseconds however small the
  // table, and a large app (ERPNext: ~3,500 indexes on ~500 tables) would otherwise spend minutes.
  await makeTable(knex);
  try {
    await addIndexesAtOnce(knex, step.table, step.indexes);
  } catch (error) {
    await knex.schema.dropTableIfExists(step.table).catch(() => {});
    throw error;
  }
}

function addColumn(t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, column: ColumnSpec): void {
  const builder = t.specificType(column.name, column.nocase ? `${column.type} collate nocase` : column.type);
  if (column.notNull) builder.notNullable().defaultTo(column.defaultValue ?? 0);
  else builder.nullable();
}

async function addIndex(k: Knex | Knex.Transaction, table: string, index: IndexSpec): Promise<void> {
  await k.schema.alterTable(table, (t) => {
    if (index.unique) t.unique(index.columns, { indexName: index.name });
    else t.index(index.columns, index.name);
  });
}

/** One `ALTER TABLE ... ADD INDEX a (..), ADD UNIQUE b (..)` statement (MariaDB/MySQL): all or none. */
async function addIndexesAtOnce(k: Knex, table: string, indexes: IndexSpec[]): Promise<void> {
  if (!indexes.length) return;
  const clauses = indexes.map((index) => `add ${index.unique ? 'unique' : 'index'} ?? (${index.columns.map(() => '??').join(', ')})`);
  const bindings = indexes.flatMap((index) => [index.name, ...index.columns]);
  await k.raw(`alter table ?? ${clauses.join(', ')}`, [table, ...bindings]);
}

function mysqlTableOptions(t: Knex.CreateTableBuilder): void {
  t.engine('InnoDB');
  t.charset('utf8mb4');
  t.collate('utf8mb4_unicode_ci');
}
