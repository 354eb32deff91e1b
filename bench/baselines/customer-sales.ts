/**
 * Customer Sales: the best single hand-written query for the report's rows (as the Administrator,
 * so no permission scope) for perf-notes.md's cases e1 (detail lines of 50 customers over a year)
 * and e2 (the same grouped by customer and item). Both ride the composite index
 * (customer, docstatus, transaction_date, ...) of Sales Order, then the items' `parent` index.
 *
 * The filters are relative to today, the demo's default as-of date; the customers are the demo's
 * first 50 (CUST-<year>-00001...), named by the year the demo was generated in.
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';

type Dialect = 'sqlite' | 'mysql';

const TODAY = todayDate();
const LAST_YEAR = { from_date: addDays(TODAY, -364), to_date: TODAY };
const CUSTOMERS = Array.from({ length: 50 }, (_, i) => `CUST-${TODAY.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`);

const LINES = `FROM \`tabSales Order\` d
    JOIN \`tabSales Order Item\` i ON i.parent = d.name AND i.parenttype = 'Sales Order' AND i.parentfield = 'items'
    JOIN tabCustomer c ON c.name = d.customer
  WHERE d.customer IN (${CUSTOMERS.map(() => '?').join(', ')}) AND d.docstatus = 1 AND d.transaction_date BETWEEN ? AND ?`;

const DETAIL = `SELECT d.customer, c.customer_name, 'Sales Order' AS doctype, d.name AS document, d.transaction_date,
    i.item_code, i.item_name, i.item_group, ROUND(i.qty, 3) AS qty, ROUND(i.base_rate, 2) AS rate,
    ROUND(COALESCE(i.discount_percentage, 0), 2) AS discount_percentage, ROUND(i.base_net_amount, 2) AS amount
  ${LINES}
  ORDER BY d.customer, d.transaction_date, d.name, i.idx`;

const BY_CUSTOMER_AND_ITEM = `SELECT d.customer, MAX(c.customer_name) AS customer_name,
    i.item_code, MAX(i.item_name) AS item_name, MAX(i.item_group) AS item_group,
    COUNT(DISTINCT d.name) AS order_count, ROUND(SUM(i.qty), 3) AS qty, ROUND(SUM(i.base_net_amount), 2) AS amount,
    MIN(d.transaction_date) AS first_purchase_date, MAX(d.transaction_date) AS last_purchase_date
  ${LINES}
  GROUP BY d.customer, i.item_code
  ORDER BY d.customer, amount DESC, i.item_code`;

async function rows(k: Knex, dialect: Dialect, sql: string): Promise<unknown[]> {
  const answer = await k.raw(sql, [...CUSTOMERS, LAST_YEAR.from_date, LAST_YEAR.to_date]);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

const FILTERS = { customers: CUSTOMERS, ...LAST_YEAR };

export default [
  {
    report: 'Customer Sales',
    label: 'e1. detail, 50 customers x 1 year',
    filters: { ...FILTERS, group_by: 'None' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => rows(k, dialect, DETAIL),
  },
  {
    report: 'Customer Sales',
    label: 'e2. grouped customer x item, 50 customers x 1 year',
    filters: { ...FILTERS, group_by: 'Customer and Item' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => rows(k, dialect, BY_CUSTOMER_AND_ITEM),
  },
];
