/** Framework tables that belong to no DocType: naming series counters and Single DocType values. */
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
];
