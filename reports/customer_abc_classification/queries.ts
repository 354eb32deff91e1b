/**
 * The SQL of Customer ABC Classification: one statement, no window functions.
 * - `agg`: submitted orders up to to_date grouped per customer once, on the composite (customer,
 *   docstatus, transaction_date, name, base_net_total) index that covers it: orders and revenue in
 *   the period, revenue in the previous period, and whether the customer had ordered by the end of
 *   the previous period. Revenue is in integer cents, so classify.ts holds the lines exactly.
 * - the rows: joined to the customer (and its permissions), the main sales person probed, sorted
 *   in rank order (revenue desc, customer name, customer ID).
 *
 * The running shares, classes and movements are one pass over these per-customer rows in
 * classify.ts. Measured against the same answer computed with window functions in SQL (rank,
 * running sums and totals for both periods, bench/baselines/customer-abc.ts): those need two more
 * sorts and two more passes over the rows in SQLite, and temporary tables in MariaDB.
 *
 * Names are compared by code point (SQLite's BINARY, MariaDB's utf8mb4_bin), so that ties in revenue
 * fall the same way on both databases and in classify.ts's ranking of the previous period.
 */
import type { Knex } from 'knex';
import type { ReportContext } from '../../core/reports';
import { mainSalesPerson, perCustomer, type CustomerFilters } from '../shared/customers';
import type { Period } from './settings';

export interface Built {
  query: Knex.QueryBuilder;
}

/** Per-customer figures of the customers the report lists: revenue in the period, or an order before it. */
function perCustomerOrders(ctx: ReportContext, p: Period, f: CustomerFilters): Knex.QueryBuilder {
  const k = ctx.knex;
  const orders = ctx.from('Sales Order', 'o').where('o.docstatus', 1).where('o.transaction_date', '<=', p.to);
  const customer = perCustomer(ctx, orders, f);
  const cents = 'ROUND(SUM(CASE WHEN o.transaction_date >= ? THEN o.base_net_total ELSE 0 END) * 100)';
  const previousCents = 'ROUND(SUM(CASE WHEN o.transaction_date >= ? AND o.transaction_date < ? THEN o.base_net_total ELSE 0 END) * 100)';
  return orders
    .groupBy(customer)
    .select(
      k.raw('?? as customer', [customer]),
      k.raw('SUM(CASE WHEN o.transaction_date >= ? THEN 1 ELSE 0 END) as orders', [p.from]),
      k.raw(`${cents} as cents`, [p.from]),
      // The previous period's revenue, or NULL for a customer without a class there: no order by
      // its end, or no revenue in it and no order before it.
      k.raw(`CASE WHEN MIN(o.transaction_date) >= ? THEN NULL WHEN ${previousCents} <= 0 AND MIN(o.transaction_date) >= ? THEN NULL ELSE ${previousCents} END as previous_cents`, [
        p.from,
        p.previousFrom,
        p.from,
        p.previousFrom,
        p.previousFrom,
        p.from,
      ]),
      k.raw('MAX(o.transaction_date) as last_order_date'),
    )
    .havingRaw(`${cents} > 0 OR MIN(o.transaction_date) < ?`, [p.from, p.from]);
}

/**
 * The rows in rank order, every column present from the start: classify.ts fills rank, share,
 * cumulative share and the classes in place (the same object shapes, no second copy of the rows).
 * `previous_class` carries the previous period's cents (or NULL) until then.
 */
export function abcRows(ctx: ReportContext, p: Period, f: CustomerFilters): Built {
  const k = ctx.knex;
  const name = ctx.dialect === 'mysql' ? 'c.customer_name COLLATE utf8mb4_bin' : 'c.customer_name';
  const query = k
    .with('agg', perCustomerOrders(ctx, p, f))
    .from('agg')
    .leftJoin('tabCustomer as c', 'c.name', 'agg.customer')
    .select(
      k.raw('0 as ??', ['rank']),
      'agg.customer',
      'c.customer_name',
      'c.territory',
      mainSalesPerson(ctx, 'agg.customer').as('sales_person'),
      'agg.orders',
      k.raw('agg.cents / 100.0 as revenue'),
      k.raw('0 as share'),
      k.raw('0 as cumulative_share'),
      k.raw(`'' as ??`, ['class']),
      'agg.previous_cents as previous_class',
      k.raw(`'' as movement`),
      'agg.last_order_date',
    )
    .orderByRaw(`agg.cents DESC, ${name}, agg.customer`);
  ctx.restrict(query, 'Customer', 'c');
  return { query };
}
