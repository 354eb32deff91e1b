/** Field -> SQL column, per dialect: Frappe's type map on MariaDB, the matching affinities on SQLite. */
import type { DocField } from '../meta';
import type { Dialect } from './connection';

export interface ColumnSpec {
  name: string;
  /** SQL type as the dialect spells it, e.g. `varchar(140)`, `decimal(21,9)`. */
  type: string;
  notNull: boolean;
  defaultValue: number | null;
  /**
   * SQLite only: compare without case, as MariaDB's utf8mb4_unicode_ci does, so an indexed `=` finds
   * 'ACME' for 'acme' on both databases (names and unique fields).
   */
  nocase?: boolean;
}

export function columnSpec(field: DocField, dialect: Dialect): ColumnSpec {
  const kind = field.type.column;
  if (!kind) throw new Error(`${field.fieldname} (${field.fieldtype}) has no column`);
  const notNull = field.type.notNull;
  return {
    name: field.fieldname,
    type: dialect === 'mysql' ? mysqlType(field) : sqliteType(field),
    notNull,
    defaultValue: columnDefault(field),
    nocase: dialect === 'sqlite' && kind === 'varchar' && field.unique ? true : undefined,
  };
}

function mysqlType(field: DocField): string {
  // Frappe's framework columns are narrower than an Int field: docstatus int(1), idx int(8).
  if (field.standard && field.fieldname === 'docstatus') return 'int(1)';
  if (field.standard && field.fieldname === 'idx') return 'int(8)';
  switch (field.type.column) {
    case 'varchar':
      return `varchar(${field.length})`;
    case 'int':
      return Number(field.def.length ?? 0) > 11 ? 'bigint(20)' : 'int(11)';
    case 'check':
      return 'int(1)';
    case 'decimal':
      return 'decimal(21,9)';
    case 'rating':
      return 'decimal(3,2)';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime(6)';
    case 'time':
      return 'time(6)';
    case 'text':
      return 'text';
    case 'longtext':
      return 'longtext';
    case 'json':
      return 'json';
    default:
      throw new Error(`no column for ${field.fieldtype}`);
  }
}

function sqliteType(field: DocField): string {
  switch (field.type.column) {
    case 'varchar':
      return `varchar(${field.length})`;
    case 'int':
    case 'check':
      return 'integer';
    case 'decimal':
    case 'rating':
      return 'real';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    default:
      return 'text';
  }
}

/** The value a column takes when a row leaves it out: NULL, or for NOT NULL numbers Frappe's cint/flt of the default. */
export function columnDefault(field: DocField): number | null {
  if (!field.type.notNull) return null;
  // Non-numeric defaults (e.g. "Today") give 0.
  const value = Number(field.def.default ?? 0);
  if (!Number.isFinite(value)) return 0;
  return field.type.column === 'decimal' ? value : Math.trunc(value);
}

/**
 * Columns that can carry a plain index (MariaDB cannot index text/longtext without a prefix, nor more than
 * 3072 bytes of a varchar). Unique indexes on long varchars are still made: MariaDB builds them as hash indexes.
 */
export function isIndexable(spec: ColumnSpec): boolean {
  const varchar = /^varchar\((\d+)\)$/.exec(spec.type);
  if (varchar) return Number(varchar[1]) <= 768;
  return !/text|json|longtext/.test(spec.type);
}
