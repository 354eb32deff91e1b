/**
 * The SQL of Customer Status: one statement. Orders are grouped per customer once (lifetime figures,
 * first and last date, both windows as conditional sums) on the composite (customer, docstatus,
 * transaction_date, name, base_net_total) index, which covers the whole aggregate; open invoices are
 * grouped per customer apart (a join of orders and invoices would multiply rows). Customers drive
 * the statement, LEFT JOINed to both, and every derived column (status, change %, trend, days) is
 * computed in SQL so the rows leave the database finished (perf-notes conclusion 5).
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/document';
import type { ReportContext } from '../../core/reports';
import { daysBetweenSql, hasCustomerFilters, mainSalesPerson, narrowCustomers, perCustomer, scopedCustomers, type CustomerFilters } from '../shared/customers';
import { changeSql, trendSql } from './windows';

export const STATUSES = ['Never Ordered', 'New', 'Active', 'At Risk', 'Churned'] as const;

export interface StatusQuery extends CustomerFilters {
  asOf: string;
  activeDays: number;
  churnDays: number;
  windowDays: number;
  threshold: number;
  status?: string;
  includeDisabled: boolean;
}

/** A builder handed out of a function boxed: a bare knex builder is thenable and would run if awaited. */
export interface Built {
  query: Knex.QueryBuilder;
}

/** Submitted orders up to as_of per customer: lifetime figures, first and last date, both windows. */
function orders(ctx: ReportContext, q: StatusQuery): Knex.QueryBuilder {
  const k = ctx.knex;
  const lastFrom = addDays(q.asOf, -q.windowDays);
  const previousFrom = addDays(q.asOf, -2 * q.windowDays);
  const inLast = 'o.transaction_date > ?';
  const inPrevious = 'o.transaction_date > ? AND o.transaction_date <= ?';
  const base = ctx.from('Sales Order', 'o').where('o.docstatus', 1).where('o.transaction_date', '<=', q.asOf);
  const customer = perCustomer(ctx, base, q);
  return base.groupBy(customer).select(
    k.raw('?? as customer', [customer]),
    k.raw('COUNT(*) as lifetime_orders'),
    k.raw('ROUND(SUM(o.base_net_total), 2) as lifetime_revenue'),
    k.raw('MIN(o.transaction_date) as first_order_date'),
    k.raw('MAX(o.transaction_date) as last_order_date'),
    k.raw(`SUM(CASE WHEN ${inLast} THEN 1 ELSE 0 END) as last_orders`, [lastFrom]),
    k.raw(`SUM(CASE WHEN ${inPrevious} THEN 1 ELSE 0 END) as previous_orders`, [previousFrom, lastFrom]),
    // Integer cents: exact sums and exact threshold comparisons on both databases.
    k.raw(`ROUND(SUM(CASE WHEN ${inLast} THEN o.base_net_total ELSE 0 END) * 100) as last_cents`, [lastFrom]),
    k.raw(`ROUND(SUM(CASE WHEN ${inPrevious} THEN o.base_net_total ELSE 0 END) * 100) as previous_cents`, [previousFrom, lastFrom]),
  );
}

/** Receivable (outstanding of submitted invoices posted up to as_of) and its overdue part (due before as_of). */
function receivables(ctx: ReportContext, q: StatusQuery): Knex.QueryBuilder {
  const k = ctx.knex;
  // SQLite: unary + keeps the customer and date indexes out of the plan, so the invoices are read in
  // file order; walking the customer index instead costs a random seek per invoice for
  // outstanding_amount (2.5x slower over 320k invoices). With customer filters the IN list below
  // still probes the composite index.
  const plain = (column: string) => (ctx.dialect === 'sqlite' ? `+${column}` : column);
  const query = ctx
    .from('Sales Invoice', 'i')
    .where('i.docstatus', 1)
    .whereRaw(`${plain('i.posting_date')} <= ?`, [q.asOf])
    // Settled invoices add nothing: skipping them keeps the grouping small.
    .whereNot('i.outstanding_amount', 0)
    .groupByRaw(plain('i.customer'))
    .select('i.customer', k.raw('ROUND(SUM(i.outstanding_amount), 2) as receivable'), k.raw('ROUND(SUM(CASE WHEN i.due_date < ? THEN i.outstanding_amount ELSE 0 END), 2) as overdue', [q.asOf]));
  if (hasCustomerFilters(q)) query.whereIn('i.customer', scopedCustomers(ctx, q));
  return query;
}

/** The status CASE over the aggregate's dates, compared as dates (as_of - date <= days ⇔ date >= as_of - days). */
function statusSql(q: StatusQuery): { sql: string; bindings: Knex.RawBinding[] } {
  const activeSince = addDays(q.asOf, -q.activeDays);
  return {
    sql: `CASE WHEN agg.customer IS NULL THEN 'Never Ordered'
      WHEN agg.first_order_date >= ? THEN 'New'
      WHEN agg.last_order_date >= ? THEN 'Active'
      WHEN agg.last_order_date >= ? THEN 'At Risk'
      ELSE 'Churned' END`,
    bindings: [activeSince, activeSince, addDays(q.asOf, -q.churnDays)],
  };
}

export function customerStatus(ctx: ReportContext, q: StatusQuery): Built {
  const k = ctx.knex;
  const status = statusSql(q);
  const lastCents = 'COALESCE(agg.last_cents, 0)';
  const previousCents = 'COALESCE(agg.previous_cents, 0)';
  const lastOrders = 'COALESCE(agg.last_orders, 0)';
  const previousOrders = 'COALESCE(agg.previous_orders, 0)';
  const trend = trendSql(lastCents, previousCents, q.threshold);
  const frequency = trendSql(lastOrders, previousOrders, q.threshold);
  const span = daysBetweenSql(ctx, 'agg.first_order_date', 'agg.last_order_date');
  const query = ctx
    .from('Customer', 'c')
    .with('agg', orders(ctx, q))
    .with('inv', receivables(ctx, q))
    .leftJoin('agg', 'agg.customer', 'c.name')
    .leftJoin('inv', 'inv.customer', 'c.name')
    .select(
      'c.name as customer',
      'c.customer_name',
      'c.territory',
      'c.customer_group',
      mainSalesPerson(ctx, 'c.name').as('sales_person'),
      'c.mobile_no',
      k.raw(`${status.sql} as status`, status.bindings),
      'agg.first_order_date',
      'agg.last_order_date',
      k.raw(`${daysBetweenSql(ctx, 'agg.last_order_date', '?')} as days_since_last_order`, [q.asOf]),
      k.raw('COALESCE(agg.lifetime_orders, 0) as lifetime_orders'),
      k.raw('COALESCE(agg.lifetime_revenue, 0) as lifetime_revenue'),
      k.raw(`CASE WHEN agg.lifetime_orders > 1 THEN ROUND(${span} * 1.0 / (agg.lifetime_orders - 1), 1) END as avg_days_between_orders`),
      k.raw(`${lastCents} / 100.0 as last_window_revenue`),
      k.raw(`${previousCents} / 100.0 as previous_window_revenue`),
      k.raw(`${changeSql(lastCents, previousCents)} as revenue_change`),
      k.raw(`${trend.sql} as trend`, trend.bindings),
      k.raw(`${lastOrders} as last_window_orders`),
      k.raw(`${previousOrders} as previous_window_orders`),
      k.raw(`${changeSql(lastOrders, previousOrders)} as orders_change`),
      k.raw(`${frequency.sql} as frequency_trend`, frequency.bindings),
      k.raw('COALESCE(inv.receivable, 0) as receivable'),
      k.raw('COALESCE(inv.overdue, 0) as overdue'),
    )
    .orderBy([{ column: 'lifetime_revenue', order: 'desc' }, { column: 'customer', order: 'asc' }]);
  if (!q.includeDisabled) query.where('c.disabled', 0);
  narrowCustomers(ctx, query, 'c', q);
  if (q.status) query.whereRaw(`${status.sql} = ?`, [...status.bindings, q.status]);
  return { query };
}
