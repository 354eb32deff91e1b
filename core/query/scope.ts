/** Narrows a query to the documents a permission Scope reaches: own documents, User Permissions. */
import type { Knex } from 'knex';
import type { DocTypeMeta } from '../meta';
import type { Scope } from '../permissions';

export function isUnrestricted(scope: Scope): boolean {
  return !scope.owner && scope.restrictions.length === 0;
}

/** Adds the scope's conditions on the table (or alias) `table`. */
export function applyScope(q: Knex.QueryBuilder, table: string, scope: Scope): void {
  if (scope.owner) {
    const owner = scope.owner;
    const columns = scope.ownerColumns ?? ['owner'];
    q.where((w) => {
      for (const column of columns) w.orWhere(`${table}.${column}`, owner);
    });
  }
  for (const r of scope.restrictions) {
    const column = `${table}.${r.fieldname}`;
    q.where((w) => {
      w.whereIn(column, r.values as string[]);
      if (r.allowEmpty) w.orWhereNull(column).orWhere(column, '');
    });
  }
}

/** Rows of a child table reachable through parents the scope allows. */
export function applyParentScope(q: Knex.QueryBuilder, childTable: string, parent: DocTypeMeta, scope: Scope): void {
  q.where(`${childTable}.parenttype`, parent.name);
  if (isUnrestricted(scope)) return;
  q.whereIn(`${childTable}.parent`, (sub: Knex.QueryBuilder) => {
    sub.select(`${parent.tableName}.name`).from(parent.tableName);
    applyScope(sub, parent.tableName, scope);
  });
}
