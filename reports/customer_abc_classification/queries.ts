/**
 * The SQL of Customer ABC Classification: one statement.
 * - `agg`: submitted orders up to to_date grouped per customer once, on the composite (customer,
 *   docstatus, transaction_date, name, base_net_total) index that covers it: orders and revenue in
 *   the period, revenue in the previous period, first and last order. Revenue is in integer cents,
 *   so the running sums and the threshold comparisons are exact on both databases.
 * - `ranked`: window functions over those per-customer rows only (never over raw orders, perf-notes
 *   conclusion 3): the rank, the running revenue and the total, for the period and the one before.
 * - `classed`, then the rows: class, previous class and movement as CASE expressions.
 */
import type { Knex } from 'knex';
import type { ReportContext } from '../../core/reports';
import { mainSalesPerson, perCustomer, type CustomerFilters } from '../customer_status/customer-scope';
import type { Period, Thresholds } from './settings';

export interface Built {
  query: Knex.QueryBuilder;
}

interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** Per-customer figures of the customers the report lists: revenue in the period, or an order before it. */
function perCustomerOrders(ctx: ReportContext, p: Period, f: CustomerFilters): Knex.QueryBuilder {
  const k = ctx.knex;
  const orders = ctx.from('Sales Order', 'o').where('o.docstatus', 1).where('o.transaction_date', '<=', p.to);
  const customer = perCustomer(ctx, orders, f);
  const cents = 'ROUND(SUM(CASE WHEN o.transaction_date >= ? THEN o.base_net_total ELSE 0 END) * 100)';
  return orders
    .groupBy(customer)
    .select(
      k.raw('?? as customer', [customer]),
      k.raw('SUM(CASE WHEN o.transaction_date >= ? THEN 1 ELSE 0 END) as orders', [p.from]),
      k.raw(`${cents} as cents`, [p.from]),
      k.raw('ROUND(SUM(CASE WHEN o.transaction_date >= ? AND o.transaction_date < ? THEN o.base_net_total ELSE 0 END) * 100) as previous_cents', [p.previousFrom, p.from]),
      k.raw('MIN(o.transaction_date) as first_order_date'),
      k.raw('MAX(o.transaction_date) as last_order_date'),
    )
    .havingRaw(`${cents} > 0 OR MIN(o.transaction_date) < ?`, [p.from, p.from]);
}

/** Rank and running sums in revenue order, ties by customer name (then by the customer's ID, for a total order). */
function ranked(ctx: ReportContext, t: Thresholds): Knex.QueryBuilder {
  const k = ctx.knex;
  const running = (cents: string) => `SUM(${cents}) OVER (ORDER BY ${cents} DESC, c.customer_name, agg.customer ROWS UNBOUNDED PRECEDING)`;
  const query = k
    .from('agg')
    .leftJoin('tabCustomer as c', 'c.name', 'agg.customer')
    .select(
      'agg.*',
      'c.customer_name',
      'c.territory',
      k.raw('ROW_NUMBER() OVER (ORDER BY agg.cents DESC, c.customer_name, agg.customer) as position'),
      k.raw(`${running('agg.cents')} as cumulative_cents`),
      k.raw('SUM(agg.cents) OVER () as total_cents'),
    );
  // The previous period's running sums only matter to the cumulative method.
  if (t.method === 'Cumulative Share') query.select(k.raw(`${running('agg.previous_cents')} as previous_cumulative`), k.raw('SUM(agg.previous_cents) OVER () as previous_total'));
  ctx.restrict(query, 'Customer', 'c');
  return query;
}

/** A class from revenue in cents (and, for the cumulative method, the running sum and the total). */
function classSql(t: Thresholds, cents: string, cumulative: string, total: string): Sql {
  if (t.method === 'Fixed Amount')
    return {
      sql: `CASE WHEN ${cents} <= 0 THEN 'D' WHEN ${cents} >= ? THEN 'A' WHEN ${cents} >= ? THEN 'B' WHEN ${cents} >= ? THEN 'C' ELSE 'D' END`,
      bindings: [t.aCents, t.bCents, t.cCents],
    };
  // The share before the customer decides: the customer crossing the line is still in the class.
  const before = `(${cumulative} - ${cents}) * 100`;
  return { sql: `CASE WHEN ${cents} <= 0 THEN 'D' WHEN ${before} < ? * ${total} THEN 'A' WHEN ${before} < ? * ${total} THEN 'B' ELSE 'C' END`, bindings: [t.aShare, t.bShare] };
}

function classed(ctx: ReportContext, p: Period, t: Thresholds): Knex.QueryBuilder {
  const k = ctx.knex;
  const now = classSql(t, 'cents', 'cumulative_cents', 'total_cents');
  const before = classSql(t, 'previous_cents', 'previous_cumulative', 'previous_total');
  // No previous class for a customer that had not ordered by the previous period's end, nor for
  // one whose only orders in the previous period brought no revenue.
  const previous = `CASE WHEN first_order_date >= ? THEN NULL WHEN previous_cents <= 0 AND first_order_date >= ? THEN NULL ELSE ${before.sql} END`;
  return k.from('ranked').select('ranked.*', k.raw(`${now.sql} as cls`, now.bindings), k.raw(`${previous} as previous_cls`, [p.from, p.previousFrom, ...before.bindings]));
}

const MOVEMENT = `CASE WHEN previous_cls IS NULL THEN 'New'
  WHEN cls = 'D' AND previous_cls <> 'D' THEN 'Lost'
  WHEN cls < previous_cls THEN 'Up'
  WHEN cls > previous_cls THEN 'Down'
  ELSE 'Same' END`;

export function abcRows(ctx: ReportContext, p: Period, t: Thresholds, f: CustomerFilters): Built {
  const k = ctx.knex;
  const percent = (cents: string) => `CASE WHEN total_cents > 0 THEN ROUND(${cents} * 100.0 / total_cents, 2) ELSE 0 END`;
  const query = k
    .with('agg', perCustomerOrders(ctx, p, f))
    .with('ranked', ranked(ctx, t))
    .with('classed', classed(ctx, p, t))
    .from('classed')
    .select(
      'position as rank',
      'customer',
      'customer_name',
      'territory',
      mainSalesPerson(ctx, 'classed.customer').as('sales_person'),
      'orders',
      k.raw('cents / 100.0 as revenue'),
      k.raw(`${percent('cents')} as share`),
      k.raw(`${percent('cumulative_cents')} as cumulative_share`),
      'cls as class',
      'previous_cls as previous_class',
      k.raw(`${MOVEMENT} as movement`),
      'last_order_date',
    )
    .orderBy('position');
  return { query };
}
