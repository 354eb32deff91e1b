/**
 * The context `execute` receives: query building with knex, execution through the run's time budget,
 * and the user's permissions as the easy path (`from` narrows a table to what the user may see).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../db';
import { ValidationError } from '../errors';
import type { MetaRegistry } from '../meta';
import type { Scope, UserAccess } from '../permissions';
import { applyScope } from '../query';
import type { BudgetedSession, Query } from './runner';
import type { ReportContext } from './types';

export interface ContextOptions {
  knex: Knex;
  dialect: Dialect;
  registry: MetaRegistry;
  access: UserAccess;
  session: BudgetedSession;
  refDoctype: string;
  /** The run's date, the same one its filters' relative defaults were resolved on. */
  today: string;
}

/**
 * Scopes are resolved up front, so `from` and `restrict` are synchronous: an async function cannot
 * hand back a knex builder, which is thenable and would be run by the promise that returns it.
 */
export async function createReportContext(o: ContextOptions): Promise<ReportContext> {
  const meta = (doctype: string) => o.registry.get(doctype);
  const scopes = new Map<string, Scope>();
  for (const m of o.registry.all()) {
    if (m.istable || m.issingle) continue;
    // The report's own DocType carries the report right's scope (if_owner too); joined masters carry
    // the user's User Permissions, as Frappe filters report rows through their Link columns.
    scopes.set(m.name, m.name === o.refDoctype ? await o.access.scope(m, 'report') : { restrictions: await o.access.restrictions(m) });
  }
  const rows = <T>(query: Query) => o.session.rows<T>(query);
  const restrict = (query: Knex.QueryBuilder, doctype: string, alias: string) => {
    const scope = scopes.get(meta(doctype).name);
    if (!scope) throw new ValidationError(`${doctype} has no rows of its own to report on`, [{ fieldname: 'doctype', message: `${doctype} is a child table or a single` }]);
    applyScope(query, alias, scope);
  };
  return {
    user: o.access.user,
    dialect: o.dialect,
    today: o.today,
    knex: o.knex,
    meta,
    rows,
    async first<T>(query: Query) {
      return (await rows<T>(query))[0];
    },
    from(doctype, alias) {
      const query = o.knex(`${meta(doctype).tableName} as ${alias}`);
      restrict(query, doctype, alias);
      return query;
    },
    restrict,
    inSubtree(query, column, doctype, node) {
      const tree = meta(doctype);
      if (!tree.isTree) throw new ValidationError(`${tree.name} is not a tree`, [{ fieldname: column, message: `${tree.name} has no subtrees` }]);
      // One subquery by the node's nested-set bounds: no extra round trip, and nothing to await.
      const subtree = o.knex(`${tree.tableName} as t`)
        .join(`${tree.tableName} as root`, (on) => on.on('t.lft', '>=', 'root.lft').andOn('t.rgt', '<=', 'root.rgt'))
        .where('root.name', node)
        .select('t.name');
      query.whereIn(column, subtree);
    },
  };
}
