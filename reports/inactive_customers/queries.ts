/**
 * The SQL of Inactive Customers, in the shapes perf-notes.md measured as fastest: orders grouped per
 * customer (GROUP BY + MAX on the composite index, never window functions over raw rows), the latest
 * document's amount and the main sales person as index probes on the listed rows only, customers
 * LEFT JOINed with IFNULL(c.disabled, 1) = 0 so MariaDB reads the aggregate first.
 */
import type { Knex } from 'knex';
import type { ReportContext } from '../../core/reports';
import { daysBetweenSql, mainSalesPerson } from '../shared/customers';

/** Where a customer's "orders" come from: the document, its date column, and whether returns exist. */
export interface OrderSource {
  doctype: 'Sales Order' | 'Sales Invoice';
  date: 'transaction_date' | 'posting_date';
  hasReturns: boolean;
}

export const SOURCES: Record<OrderSource['doctype'], OrderSource> = {
  'Sales Order': { doctype: 'Sales Order', date: 'transaction_date', hasReturns: false },
  'Sales Invoice': { doctype: 'Sales Invoice', date: 'posting_date', hasReturns: true },
};

/** A builder handed out of an async function boxed: a bare knex builder is thenable and would run. */
export interface Built {
  query: Knex.QueryBuilder;
}

export interface InactiveQuery {
  source: OrderSource;
  asOf: string;
  /** The latest order date that still makes a customer inactive: as_of - days. */
  cutoff: string;
  /** Narrows `tabCustomer as <alias>` to the customer filters (territory, group, sales person, customer). */
  scope?: (query: Knex.QueryBuilder, alias: string) => Promise<void>;
  includeNeverOrdered: boolean;
}

/** The user's submitted, non-return documents dated up to as_of (the orders that count). */
function counted(ctx: ReportContext, q: InactiveQuery, alias: string): Knex.QueryBuilder {
  const query = ctx.from(q.source.doctype, alias).where(`${alias}.docstatus`, 1);
  // is_return sits before the date in Sales Invoice's index: an equality keeps the date a range scan.
  if (q.source.hasReturns) query.where(`${alias}.is_return`, 0);
  return query.where(`${alias}.${q.source.date}`, '<=', q.asOf);
}

/** Whole calendar days from a date column to as_of, as `alias`. */
function daysSince(ctx: ReportContext, column: string, asOf: string, alias: string): Knex.Raw {
  return ctx.knex.raw(`${daysBetweenSql(ctx, column, '?')} as ${alias}`, [asOf]);
}

/** The customer's own columns, the same in both parts of the UNION. */
function customerColumns(ctx: ReportContext): (string | Knex.QueryBuilder)[] {
  return ['c.name as customer', 'c.customer_name', 'c.territory', 'c.customer_group', mainSalesPerson(ctx, 'c.name').as('sales_person')];
}

/**
 * Orders per customer whose last one is on or before the cutoff. With customer filters, SQLite is
 * fastest with `customer IN (scoped customers)` inside the aggregate, MariaDB when driven from the
 * scoped customers and grouped by c.name (perf-notes conclusion 6).
 */
async function aggregate(ctx: ReportContext, q: InactiveQuery): Promise<Built> {
  const k = ctx.knex;
  const date = `o.${q.source.date}`;
  const measures = [k.raw('COUNT(*) as number_of_orders'), k.raw('ROUND(SUM(o.base_net_total), 2) as total_order_value'), k.raw(`MAX(${date}) as last_order_date`)];
  let agg: Knex.QueryBuilder;
  if (q.scope && ctx.dialect === 'mysql') {
    agg = counted(ctx, q, 'o').join('tabCustomer as sc', 'sc.name', 'o.customer').groupBy('sc.name').select('sc.name as customer', ...measures);
    await q.scope(agg, 'sc');
  } else {
    agg = counted(ctx, q, 'o').groupBy('o.customer').select('o.customer', ...measures);
    if (q.scope) {
      const customers = k('tabCustomer as sc').select('sc.name');
      await q.scope(customers, 'sc');
      agg.whereIn('o.customer', customers);
    }
  }
  return { query: agg.havingRaw(`MAX(${date}) <= ?`, [q.cutoff]) };
}

/** The listed customers that ordered (and, with the flag, those that never did), sorted. */
export async function inactiveCustomers(ctx: ReportContext, q: InactiveQuery): Promise<Built> {
  const k = ctx.knex;
  const latest = counted(ctx, q, 'p')
    .select(k.raw('ROUND(p.base_net_total, 2)'))
    .where('p.customer', ctx.knex.ref('agg.customer'))
    .where(`p.${q.source.date}`, ctx.knex.ref('agg.last_order_date'))
    .orderBy('p.name', 'desc')
    .limit(1);
  // A CTE rather than FROM (subquery): knex misorders the bindings of a derived table in a UNION.
  const ordered = k
    .with('agg', (await aggregate(ctx, q)).query)
    .from('agg')
    .leftJoin('tabCustomer as c', 'c.name', 'agg.customer')
    .whereRaw('IFNULL(c.disabled, 1) = 0')
    .select(
      ...customerColumns(ctx),
      'agg.number_of_orders',
      'agg.total_order_value',
      'agg.last_order_date',
      latest.as('last_order_amount'),
      daysSince(ctx, 'agg.last_order_date', q.asOf, 'days_since_last_order'),
    );
  ctx.restrict(ordered, 'Customer', 'c');
  if (q.includeNeverOrdered) ordered.unionAll((await neverOrdered(ctx, q)).query);
  // Output names, so that the ORDER BY applies to the whole UNION on both databases.
  return { query: ordered.orderBy([{ column: 'total_order_value', order: 'desc' }, { column: 'customer', order: 'asc' }]) };
}

/** Enabled customers without a counted order: NOT EXISTS is one probe on the composite index each. */
async function neverOrdered(ctx: ReportContext, q: InactiveQuery): Promise<Built> {
  const k = ctx.knex;
  const any = counted(ctx, q, 'n').select(k.raw('1')).where('n.customer', ctx.knex.ref('c.name'));
  const query = ctx
    .from('Customer', 'c')
    .where('c.disabled', 0)
    .whereNotExists(any)
    .select(
      ...customerColumns(ctx),
      k.raw('0 as number_of_orders'),
      k.raw('0 as total_order_value'),
      k.raw('NULL as last_order_date'),
      k.raw('NULL as last_order_amount'),
      k.raw('NULL as days_since_last_order'),
    );
  if (q.scope) await q.scope(query, 'c');
  return { query };
}
