/**
 * Customer ABC Classification: the best single hand-written query for the report's rows (as the
 * Administrator, so no permission scope), cumulative-share method at 80 / 95 %. Orders up to to_date
 * grouped per customer on the composite (customer, docstatus, transaction_date, name,
 * base_net_total) index, which covers the aggregate; window functions over the per-customer rows
 * only (perf-notes conclusion 3); classes from integer cents; the main sales person as an index
 * probe per listed row. Scoped to a territory subtree, MariaDB drives from the subtree's customers
 * and SQLite keeps `customer IN (subtree customers)` in the aggregate (perf-notes conclusion 6).
 *
 * The report's default period is the last full month before today, the demo's as-of date.
 */
import type { Knex } from 'knex';
import { addDays, daysBetween } from '../../core/db';

type Dialect = 'sqlite' | 'mysql';

const SUBTREE = 'Europe';

function lastFullMonth(asOf: string): { from: string; to: string; previousFrom: string } {
  const to = addDays(`${asOf.slice(0, 8)}01`, -1);
  const from = `${to.slice(0, 8)}01`;
  return { from, to, previousFrom: addDays(from, -(daysBetween(from, to) + 1)) };
}

const MEASURES = `SUM(CASE WHEN o.transaction_date >= :from THEN 1 ELSE 0 END) AS orders,
    ROUND(SUM(CASE WHEN o.transaction_date >= :from THEN o.base_net_total ELSE 0 END) * 100) AS cents,
    ROUND(SUM(CASE WHEN o.transaction_date >= :previousFrom AND o.transaction_date < :from THEN o.base_net_total ELSE 0 END) * 100) AS previous_cents,
    MIN(o.transaction_date) AS first_order_date, MAX(o.transaction_date) AS last_order_date`;
const LISTED = `HAVING ROUND(SUM(CASE WHEN o.transaction_date >= :from THEN o.base_net_total ELSE 0 END) * 100) > 0 OR MIN(o.transaction_date) < :from`;
const TERRITORY_SUBTREE = `SELECT t.name FROM tabTerritory t JOIN tabTerritory root ON root.name = :territory WHERE t.lft >= root.lft AND t.rgt <= root.rgt`;

function aggregate(dialect: Dialect, scoped: boolean): string {
  if (scoped && dialect === 'mysql')
    return `SELECT sc.name AS customer, ${MEASURES}
      FROM tabCustomer sc JOIN \`tabSales Order\` o ON o.customer = sc.name AND o.docstatus = 1 AND o.transaction_date <= :to
      WHERE sc.territory IN (${TERRITORY_SUBTREE})
      GROUP BY sc.name ${LISTED}`;
  return `SELECT o.customer, ${MEASURES}
    FROM \`tabSales Order\` o
    WHERE o.docstatus = 1 AND o.transaction_date <= :to
      ${scoped ? `AND o.customer IN (SELECT sc.name FROM tabCustomer sc WHERE sc.territory IN (${TERRITORY_SUBTREE}))` : ''}
    GROUP BY o.customer ${LISTED}`;
}

const CLASS = `CASE WHEN cents <= 0 THEN 'D' WHEN (cumulative_cents - cents) * 100 < 80 * total_cents THEN 'A'
    WHEN (cumulative_cents - cents) * 100 < 95 * total_cents THEN 'B' ELSE 'C' END`;
const PREVIOUS_CLASS = `CASE WHEN first_order_date >= :from THEN NULL
    WHEN previous_cents <= 0 AND first_order_date >= :previousFrom THEN NULL
    WHEN previous_cents <= 0 THEN 'D'
    WHEN (previous_cumulative - previous_cents) * 100 < 80 * previous_total THEN 'A'
    WHEN (previous_cumulative - previous_cents) * 100 < 95 * previous_total THEN 'B' ELSE 'C' END`;

async function abcRows(k: Knex, dialect: Dialect, asOf: string, territory?: string): Promise<unknown[]> {
  // Names by code point on both databases, as the report ranks ties.
  const name = dialect === 'mysql' ? 'c.customer_name COLLATE utf8mb4_bin' : 'c.customer_name';
  const sql = `WITH agg AS (${aggregate(dialect, territory !== undefined)}),
  ranked AS (
    SELECT agg.*, c.customer_name, c.territory,
      ROW_NUMBER() OVER (ORDER BY agg.cents DESC, ${name}, agg.customer) AS position,
      SUM(agg.cents) OVER (ORDER BY agg.cents DESC, ${name}, agg.customer ROWS UNBOUNDED PRECEDING) AS cumulative_cents,
      SUM(agg.cents) OVER () AS total_cents,
      SUM(agg.previous_cents) OVER (ORDER BY agg.previous_cents DESC, ${name}, agg.customer ROWS UNBOUNDED PRECEDING) AS previous_cumulative,
      SUM(agg.previous_cents) OVER () AS previous_total
    FROM agg LEFT JOIN tabCustomer c ON c.name = agg.customer
  ),
  classed AS (SELECT ranked.*, ${CLASS} AS cls, ${PREVIOUS_CLASS} AS previous_cls FROM ranked)
  SELECT position AS \`rank\`, customer, customer_name, territory,
    (SELECT st.sales_person FROM \`tabSales Team\` st
      WHERE st.parent = classed.customer AND st.parenttype = 'Customer' AND st.parentfield = 'sales_team' AND st.sales_person IS NOT NULL
      ORDER BY st.allocated_percentage DESC, st.sales_person ASC LIMIT 1) AS sales_person,
    orders, cents / 100.0 AS revenue,
    CASE WHEN total_cents > 0 THEN ROUND(cents * 100.0 / total_cents, 2) ELSE 0 END AS share,
    CASE WHEN total_cents > 0 THEN ROUND(cumulative_cents * 100.0 / total_cents, 2) ELSE 0 END AS cumulative_share,
    cls AS class, previous_cls AS previous_class,
    CASE WHEN previous_cls IS NULL THEN 'New' WHEN cls = 'D' AND previous_cls <> 'D' THEN 'Lost'
      WHEN cls < previous_cls THEN 'Up' WHEN cls > previous_cls THEN 'Down' ELSE 'Same' END AS movement,
    last_order_date
  FROM classed ORDER BY position`;
  const answer = await k.raw(sql, { ...lastFullMonth(asOf), ...(territory === undefined ? {} : { territory }) });
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

export default [
  {
    report: 'Customer ABC Classification',
    label: 'c. last full month vs the period before, cumulative 80/95',
    filters: {},
    baseline: (k: Knex, dialect: Dialect, asOf: string) => abcRows(k, dialect, asOf),
  },
  {
    report: 'Customer ABC Classification',
    label: `c2. territory subtree ${SUBTREE}, last full month`,
    filters: { territory: SUBTREE },
    baseline: (k: Knex, dialect: Dialect, asOf: string) => abcRows(k, dialect, asOf, SUBTREE),
  },
];
