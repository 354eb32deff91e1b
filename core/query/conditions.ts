/**
 * Turns one checked Condition into a WHERE clause with bound values. Frappe compares nullable
 * columns through `ifnull(col, <empty>)`, which defeats indexes; here the column stays bare and
 * `OR col IS NULL` is added exactly when the empty value would have matched, so the results are
 * Frappe's and `=` / `in` still use the index.
 */
import type { Knex } from 'knex';
import { TREE_OPERATORS, type DocField, type DocTypeMeta } from '../meta';
import { intervalRange, timespanRange } from './dates';
import type { Condition } from './filters';

/** What NULL reads as in Frappe's ifnull() comparisons, per value kind. */
function emptyValue(field: DocField): string | number {
  switch (field.fieldname === 'name' ? 'string' : field.type.value) {
    case 'int':
    case 'check':
    case 'float':
    case 'rating':
      return 0;
    case 'date':
      return '0001-01-01';
    case 'datetime':
      return '0001-01-01 00:00:00.000000';
    case 'time':
      return '00:00:00';
    default:
      return '';
  }
}

function likeMatches(text: string, pattern: string): boolean {
  // Runs of % are one % (a pattern of thousands of them would otherwise overflow the regex stack).
  const source = pattern.replace(/%+/g, '%').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is').test(text);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Whether the empty value satisfies the condition (then NULLs must match too). */
function emptyMatches(cond: Condition, range: readonly [unknown, unknown] | undefined): boolean {
  const empty = emptyValue(cond.ref.field);
  const v = cond.value === null ? empty : cond.value;
  switch (cond.operator) {
    case '=':
      return compare(empty, v) === 0;
    case '!=':
      return compare(empty, v) !== 0;
    case '>':
      return compare(empty, v) > 0;
    case '<':
      return compare(empty, v) < 0;
    case '>=':
      return compare(empty, v) >= 0;
    case '<=':
      return compare(empty, v) <= 0;
    case 'in':
      return (cond.value as unknown[]).some((x) => compare(empty, x ?? empty) === 0);
    case 'not in':
      return !(cond.value as unknown[]).some((x) => compare(empty, x ?? empty) === 0);
    case 'like':
      return likeMatches(String(empty), String(cond.value));
    case 'not like':
      return !likeMatches(String(empty), String(cond.value));
    case 'between':
    case 'timespan':
    case 'previous':
    case 'next':
      return range !== undefined && compare(empty, range[0]) >= 0 && compare(empty, range[1]) <= 0;
    case 'not descendants of':
    case 'not ancestors of':
      return true;
    default:
      return false;
  }
}

/** Nested-set bounds of the tree nodes named in tree filters, read before the query is built. */
export type TreeBounds = Map<string, { lft: number; rgt: number } | undefined>;

export function treeKey(doctype: string, node: string): string {
  return `${doctype}\u0000${node.toLowerCase()}`;
}

export async function loadTreeBounds(k: Knex, conditions: { cond: Condition; tree: DocTypeMeta | undefined }[]): Promise<TreeBounds> {
  const bounds: TreeBounds = new Map();
  for (const { cond, tree } of conditions) {
    if (!tree || !TREE_OPERATORS.includes(cond.operator)) continue;
    const key = treeKey(tree.name, String(cond.value));
    if (bounds.has(key)) continue;
    const row = (await k(tree.tableName).where('name', String(cond.value)).first('lft', 'rgt')) as { lft: number; rgt: number } | undefined;
    bounds.set(key, row ? { lft: Number(row.lft), rgt: Number(row.rgt) } : undefined);
  }
  return bounds;
}

function dateRange(cond: Condition): readonly [string, string] | undefined {
  if (cond.operator === 'between') return cond.value as [string, string];
  const range = cond.operator === 'timespan' ? timespanRange(String(cond.value)) : cond.operator === 'previous' || cond.operator === 'next' ? intervalRange(cond.operator, String(cond.value)) : undefined;
  if (!range) return undefined;
  if (cond.ref.field.type.value !== 'datetime') return range;
  return [`${range[0]} 00:00:00.000000`, `${range[1]} 23:59:59.999999`];
}

/**
 * Adds the condition to `b` (AND), on `column` (a qualified column reference). `tree` is the tree
 * DocType a tree operator walks; `bounds` holds its nodes' lft/rgt.
 */
export function applyCondition(b: Knex.QueryBuilder, column: string, cond: Condition, tree: DocTypeMeta | undefined, bounds: TreeBounds): void {
  const field = cond.ref.field;
  const nullable = !field.type.notNull && field.fieldname !== 'name';
  const range = dateRange(cond);
  const orNull = nullable && emptyMatches(cond, range);
  b.where((w) => {
    addClause(w, column, cond, range, tree, bounds, nullable);
    if (orNull) w.orWhereNull(column);
  });
}

function addClause(w: Knex.QueryBuilder, column: string, cond: Condition, range: readonly [unknown, unknown] | undefined, tree: DocTypeMeta | undefined, bounds: TreeBounds, nullable: boolean): void {
  const empty = emptyValue(cond.ref.field);
  const value = cond.value === null ? empty : cond.value;
  switch (cond.operator) {
    case '=':
    case '!=':
    case '>':
    case '<':
    case '>=':
    case '<=':
      w.where(column, cond.operator === '!=' ? '<>' : cond.operator, value as Knex.Value);
      return;
    case 'in':
      w.whereIn(column, (value as unknown[]).map((x) => x ?? empty) as Knex.Value[]);
      return;
    case 'not in':
      w.whereNotIn(column, (value as unknown[]).map((x) => x ?? empty) as Knex.Value[]);
      return;
    case 'like':
      w.where(column, 'like', String(value));
      return;
    case 'not like':
      w.where(column, 'not like', String(value));
      return;
    case 'is':
      // As Frappe's ifnull(col, '') != '' / = '': "set" and "not set" split the rows in two, the
      // type's empty value ('' for text, 0 for numbers) counting as not set like NULL.
      if (value === 'set') w.whereNotNull(column).andWhere(column, '<>', empty);
      else if (nullable) w.whereNull(column).orWhere(column, empty);
      else w.where(column, empty);
      return;
    case 'between':
    case 'timespan':
    case 'previous':
    case 'next':
      w.whereBetween(column, range as [Knex.Value, Knex.Value]);
      return;
    default:
      treeClause(w, column, cond, tree, bounds);
  }
}

function treeClause(w: Knex.QueryBuilder, column: string, cond: Condition, tree: DocTypeMeta | undefined, bounds: TreeBounds): void {
  const node = tree ? bounds.get(treeKey(tree.name, String(cond.value))) : undefined;
  const negated = cond.operator.startsWith('not ');
  if (!tree || !node) {
    // An unknown node has no descendants or ancestors: nothing matches, or everything for "not".
    if (negated) w.whereRaw('1 = 1');
    else w.whereRaw('1 = 0');
    return;
  }
  const nodes = (q: Knex.QueryBuilder) => {
    q.select('name').from(tree.tableName);
    if (cond.operator === 'descendants of (inclusive)') q.where('lft', '>=', node.lft).andWhere('rgt', '<=', node.rgt);
    else if (cond.operator.endsWith('descendants of')) q.where('lft', '>', node.lft).andWhere('rgt', '<', node.rgt);
    else q.where('lft', '<', node.lft).andWhere('rgt', '>', node.rgt);
  };
  if (negated) w.whereNotIn(column, nodes);
  else w.whereIn(column, nodes);
}
