/**
 * Inactive Customers: the best single hand-written query for the report's rows (as the
 * Administrator, so no permission scope), per dialect, in the forms perf-notes.md found fastest:
 * orders grouped per customer on the composite index with HAVING MAX(date) <= cutoff, customers
 * LEFT JOINed with IFNULL(c.disabled, 1) = 0, the latest order's amount and the main sales person as
 * index probes on the listed rows. Scoped to a territory subtree, MariaDB drives from the subtree's
 * customers (GROUP BY c.name) and SQLite keeps `customer IN (subtree customers)` in the aggregate.
 *
 * The report's as_of_date defaults to today, the demo's default as-of date; `asOf` is that day.
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/document';

type Dialect = 'sqlite' | 'mysql';

const DAYS = 60;
const SUBTREE = 'Europe';

const DAYS_SINCE: Record<Dialect, string> = {
  mysql: 'DATEDIFF(?, agg.last_order_date)',
  sqlite: 'CAST(julianday(?) - julianday(agg.last_order_date) AS INTEGER)',
};

const MEASURES = `COUNT(*) AS number_of_orders, ROUND(SUM(o.base_net_total), 2) AS total_order_value, MAX(o.transaction_date) AS last_order_date`;
const TERRITORY_SUBTREE = `SELECT t.name FROM tabTerritory t JOIN tabTerritory root ON root.name = ? WHERE t.lft >= root.lft AND t.rgt <= root.rgt`;

/** The per-customer aggregate, all customers or one territory subtree, in the dialect's best shape. */
function aggregate(dialect: Dialect, scoped: boolean): string {
  if (scoped && dialect === 'mysql')
    return `SELECT sc.name AS customer, ${MEASURES}
      FROM tabCustomer sc JOIN \`tabSales Order\` o ON o.customer = sc.name AND o.docstatus = 1 AND o.transaction_date <= ?
      WHERE sc.territory IN (${TERRITORY_SUBTREE})
      GROUP BY sc.name HAVING MAX(o.transaction_date) <= ?`;
  return `SELECT o.customer, ${MEASURES}
    FROM \`tabSales Order\` o
    WHERE o.docstatus = 1 AND o.transaction_date <= ?
      ${scoped ? `AND o.customer IN (SELECT sc.name FROM tabCustomer sc WHERE sc.territory IN (${TERRITORY_SUBTREE}))` : ''}
    GROUP BY o.customer HAVING MAX(o.transaction_date) <= ?`;
}

async function inactiveRows(k: Knex, dialect: Dialect, asOf: string, territory?: string): Promise<unknown[]> {
  const sql = `SELECT c.name AS customer, c.customer_name, c.territory, c.customer_group,
      (SELECT st.sales_person FROM \`tabSales Team\` st
        WHERE st.parent = c.name AND st.parenttype = 'Customer' AND st.parentfield = 'sales_team' AND st.sales_person IS NOT NULL
        ORDER BY st.allocated_percentage DESC, st.sales_person ASC LIMIT 1) AS sales_person,
      agg.number_of_orders, agg.total_order_value, agg.last_order_date,
      (SELECT ROUND(p.base_net_total, 2) FROM \`tabSales Order\` p
        WHERE p.customer = agg.customer AND p.docstatus = 1 AND p.transaction_date = agg.last_order_date
        ORDER BY p.name DESC LIMIT 1) AS last_order_amount,
      ${DAYS_SINCE[dialect]} AS days_since_last_order
    FROM (${aggregate(dialect, territory !== undefined)}) agg
    LEFT JOIN tabCustomer c ON c.name = agg.customer
    WHERE IFNULL(c.disabled, 1) = 0
    ORDER BY total_order_value DESC, customer ASC`;
  const cutoff = addDays(asOf, -DAYS);
  // In text order: days since, the as-of bound, the subtree root (scoped), the cutoff.
  const bindings = territory === undefined ? [asOf, asOf, cutoff] : [asOf, asOf, territory, cutoff];
  const answer = await k.raw(sql, bindings as Knex.RawBinding[]);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

export default [
  {
    report: 'Inactive Customers',
    label: 'a. all customers, 60 days',
    filters: { days_since_last_order: DAYS },
    baseline: (k: Knex, dialect: Dialect, asOf: string) => inactiveRows(k, dialect, asOf),
  },
  {
    report: 'Inactive Customers',
    label: `b. territory subtree ${SUBTREE}, 60 days`,
    filters: { days_since_last_order: DAYS, territory: SUBTREE },
    baseline: (k: Knex, dialect: Dialect, asOf: string) => inactiveRows(k, dialect, asOf, SUBTREE),
  },
];
