/**
 * Customer Status: the best single hand-written query for the report's rows (as the Administrator,
 * so no permission scope), with the default filters (as of today, active 90 / churned 180 days,
 * 30-day windows, 50 % threshold): enabled customers LEFT JOINed to their orders grouped once on the
 * composite (customer, docstatus, transaction_date, name, base_net_total) index, which covers the
 * aggregate, and to their open invoices grouped apart; every derived column (status, change %,
 * trend, days) computed in SQL (perf-notes conclusion 5); the main sales person as an index probe.
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/db';

type Dialect = 'sqlite' | 'mysql';

const SUBTREE = 'Europe';

const DAYS: Record<Dialect, (from: string, to: string) => string> = {
  mysql: (from, to) => `DATEDIFF(${to}, ${from})`,
  sqlite: (from, to) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
};

/** SQLite reads the invoices fastest in file order: unary + keeps the indexes out (2.5x at 320k invoices). */
const PLAIN: Record<Dialect, (column: string) => string> = {
  mysql: (column) => column,
  sqlite: (column) => `+${column}`,
};

function trend(last: string, previous: string): string {
  return `CASE WHEN ${previous} = 0 THEN (CASE WHEN ${last} > 0 THEN 'Surge' ELSE 'Steady' END)
    WHEN (${last} - ${previous}) * 100 >= 50 * ${previous} THEN 'Surge'
    WHEN (${last} - ${previous}) * 100 <= -50 * ${previous} THEN 'Drop' ELSE 'Steady' END`;
}

function change(last: string, previous: string): string {
  return `CASE WHEN ${previous} > 0 THEN ROUND((${last} - ${previous}) * 100.0 / ${previous}, 2) END`;
}

const TERRITORY_SUBTREE = `SELECT t.name FROM tabTerritory t JOIN tabTerritory root ON root.name = :territory WHERE t.lft >= root.lft AND t.rgt <= root.rgt`;
const SCOPED_CUSTOMERS = `SELECT sc.name FROM tabCustomer sc WHERE sc.territory IN (${TERRITORY_SUBTREE})`;

const MEASURES = `COUNT(*) AS lifetime_orders, ROUND(SUM(o.base_net_total), 2) AS lifetime_revenue,
        MIN(o.transaction_date) AS first_order_date, MAX(o.transaction_date) AS last_order_date,
        SUM(CASE WHEN o.transaction_date > :lastFrom THEN 1 ELSE 0 END) AS last_orders,
        SUM(CASE WHEN o.transaction_date > :previousFrom AND o.transaction_date <= :lastFrom THEN 1 ELSE 0 END) AS previous_orders,
        ROUND(SUM(CASE WHEN o.transaction_date > :lastFrom THEN o.base_net_total ELSE 0 END) * 100) AS last_cents,
        ROUND(SUM(CASE WHEN o.transaction_date > :previousFrom AND o.transaction_date <= :lastFrom THEN o.base_net_total ELSE 0 END) * 100) AS previous_cents`;

/** Orders per customer; scoped, MariaDB drives from the subtree's customers, SQLite keeps `customer IN (...)` (perf-notes conclusion 6). */
function orders(dialect: Dialect, scoped: boolean): string {
  if (scoped && dialect === 'mysql')
    return `SELECT sc.name AS customer, ${MEASURES}
      FROM tabCustomer sc JOIN \`tabSales Order\` o ON o.customer = sc.name AND o.docstatus = 1 AND o.transaction_date <= :asOf
      WHERE sc.territory IN (${TERRITORY_SUBTREE})
      GROUP BY sc.name`;
  return `SELECT o.customer, ${MEASURES}
      FROM \`tabSales Order\` o WHERE o.docstatus = 1 AND o.transaction_date <= :asOf
        ${scoped ? `AND o.customer IN (${SCOPED_CUSTOMERS})` : ''}
      GROUP BY o.customer`;
}

async function statusRows(k: Knex, dialect: Dialect, asOf: string, territory?: string): Promise<unknown[]> {
  const scope = territory === undefined ? '' : `AND c.territory IN (${TERRITORY_SUBTREE})`;
  const lastCents = 'COALESCE(agg.last_cents, 0)';
  const previousCents = 'COALESCE(agg.previous_cents, 0)';
  const lastOrders = 'COALESCE(agg.last_orders, 0)';
  const previousOrders = 'COALESCE(agg.previous_orders, 0)';
  const sql = `SELECT c.name AS customer, c.customer_name, c.territory, c.customer_group,
      (SELECT st.sales_person FROM \`tabSales Team\` st
        WHERE st.parent = c.name AND st.parenttype = 'Customer' AND st.parentfield = 'sales_team' AND st.sales_person IS NOT NULL
        ORDER BY st.allocated_percentage DESC, st.sales_person ASC LIMIT 1) AS sales_person,
      c.mobile_no,
      CASE WHEN agg.customer IS NULL THEN 'Never Ordered' WHEN agg.first_order_date >= :activeSince THEN 'New'
        WHEN agg.last_order_date >= :activeSince THEN 'Active' WHEN agg.last_order_date >= :churnSince THEN 'At Risk' ELSE 'Churned' END AS status,
      agg.first_order_date, agg.last_order_date, ${DAYS[dialect]('agg.last_order_date', ':asOf')} AS days_since_last_order,
      COALESCE(agg.lifetime_orders, 0) AS lifetime_orders, COALESCE(agg.lifetime_revenue, 0) AS lifetime_revenue,
      CASE WHEN agg.lifetime_orders > 1 THEN ROUND(${DAYS[dialect]('agg.first_order_date', 'agg.last_order_date')} * 1.0 / (agg.lifetime_orders - 1), 1) END AS avg_days_between_orders,
      ${lastCents} / 100.0 AS last_window_revenue, ${previousCents} / 100.0 AS previous_window_revenue,
      ${change(lastCents, previousCents)} AS revenue_change, ${trend(lastCents, previousCents)} AS trend,
      ${lastOrders} AS last_window_orders, ${previousOrders} AS previous_window_orders,
      ${change(lastOrders, previousOrders)} AS orders_change, ${trend(lastOrders, previousOrders)} AS frequency_trend,
      COALESCE(inv.receivable, 0) AS receivable, COALESCE(inv.overdue, 0) AS overdue
    FROM tabCustomer c
    LEFT JOIN (${orders(dialect, territory !== undefined)}
    ) agg ON agg.customer = c.name
    LEFT JOIN (
      SELECT i.customer, ROUND(SUM(i.outstanding_amount), 2) AS receivable,
        ROUND(SUM(CASE WHEN i.due_date < :asOf THEN i.outstanding_amount ELSE 0 END), 2) AS overdue
      FROM \`tabSales Invoice\` i WHERE i.docstatus = 1 AND ${PLAIN[dialect]('i.posting_date')} <= :asOf AND i.outstanding_amount <> 0
        ${territory === undefined ? '' : `AND i.customer IN (${SCOPED_CUSTOMERS})`}
      GROUP BY ${PLAIN[dialect]('i.customer')}
    ) inv ON inv.customer = c.name
    WHERE c.disabled = 0 ${scope}
    ORDER BY lifetime_revenue DESC, customer`;
  const bindings = {
    asOf,
    activeSince: addDays(asOf, -90),
    churnSince: addDays(asOf, -180),
    lastFrom: addDays(asOf, -30),
    previousFrom: addDays(asOf, -60),
    ...(territory === undefined ? {} : { territory }),
  };
  const answer = await k.raw(sql, bindings);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

export default [
  {
    report: 'Customer Status',
    label: 'd. every customer, two 30-day windows',
    filters: {},
    baseline: (k: Knex, dialect: Dialect, asOf: string) => statusRows(k, dialect, asOf),
  },
  {
    report: 'Customer Status',
    label: `d2. territory subtree ${SUBTREE}`,
    filters: { territory: SUBTREE },
    baseline: (k: Knex, dialect: Dialect, asOf: string) => statusRows(k, dialect, asOf, SUBTREE),
  },
];
