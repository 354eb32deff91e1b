/**
 * What the customer reports (Inactive Customers, Customer Status, Customer ABC Classification) share
 * about customers: the territory, customer group and sales person filters (each a subtree) as a
 * narrowing of `tabCustomer`, the customer's main sales person, and whole calendar days between two
 * dates in each dialect. A folder without `shared.ts`, so the registry never takes it for a report.
 */
import type { Knex } from 'knex';
import type { ReportColumn, ReportContext } from '../../core/reports';

export interface CustomerFilters {
  territory?: string;
  customer_group?: string;
  sales_person?: string;
}

/** The customer's own columns, first in each customer report. */
export const CUSTOMER_COLUMNS = {
  customer: { fieldname: 'customer', label: 'Customer', fieldtype: 'Link', options: 'Customer', width: 150 },
  customer_name: { fieldname: 'customer_name', label: 'Customer Name', fieldtype: 'Data', width: 180 },
  territory: { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory', width: 120 },
  customer_group: { fieldname: 'customer_group', label: 'Customer Group', fieldtype: 'Link', options: 'Customer Group', width: 120 },
  sales_person: { fieldname: 'sales_person', label: 'Sales Person', fieldtype: 'Link', options: 'Sales Person', width: 130 },
} satisfies Record<string, ReportColumn>;

export function hasCustomerFilters(f: CustomerFilters): boolean {
  return Boolean(f.territory || f.customer_group || f.sales_person);
}

/** Narrows `tabCustomer as <alias>` in `query` to the filters' subtrees. */
export function narrowCustomers(ctx: ReportContext, query: Knex.QueryBuilder, alias: string, f: CustomerFilters): void {
  if (f.territory) ctx.inSubtree(query, `${alias}.territory`, 'Territory', f.territory);
  if (f.customer_group) ctx.inSubtree(query, `${alias}.customer_group`, 'Customer Group', f.customer_group);
  if (!f.sales_person) return;
  // Every member of the sales team owns the customer, not only the one the row shows.
  const members = ctx.knex('tabSales Team as team').select('team.parent').where({ 'team.parenttype': 'Customer', 'team.parentfield': 'sales_team' });
  ctx.inSubtree(members, 'team.sales_person', 'Sales Person', f.sales_person);
  query.whereIn(`${alias}.name`, members);
}

/** The customers the filters select (`SELECT name FROM tabCustomer ...`), for `customer IN (...)`. */
export function scopedCustomers(ctx: ReportContext, f: CustomerFilters): Knex.QueryBuilder {
  const query = ctx.knex('tabCustomer as sc').select('sc.name');
  narrowCustomers(ctx, query, 'sc', f);
  return query;
}

/**
 * Narrows an orders query (`o`, with a `customer` column) to the filtered customers and answers the
 * column to group it by. SQLite is fastest with `customer IN (scoped customers)` inside the
 * aggregate, MariaDB when driven from the scoped customers and grouped by their name (perf-notes
 * conclusion 6).
 */
export function perCustomer(ctx: ReportContext, orders: Knex.QueryBuilder, f: CustomerFilters): string {
  if (!hasCustomerFilters(f)) return 'o.customer';
  if (ctx.dialect !== 'mysql') {
    orders.whereIn('o.customer', scopedCustomers(ctx, f));
    return 'o.customer';
  }
  orders.join('tabCustomer as sc', 'sc.name', 'o.customer');
  narrowCustomers(ctx, orders, 'sc', f);
  return 'sc.name';
}

/** The sales-team member with the highest allocation, ties by name: one probe on the child's parent index. */
export function mainSalesPerson(ctx: ReportContext, customerColumn: string): Knex.QueryBuilder {
  return ctx
    .knex('tabSales Team as main')
    .select('main.sales_person')
    .where('main.parent', ctx.knex.ref(customerColumn))
    .where({ 'main.parenttype': 'Customer', 'main.parentfield': 'sales_team' })
    .whereNotNull('main.sales_person')
    .orderBy([{ column: 'main.allocated_percentage', order: 'desc' }, { column: 'main.sales_person', order: 'asc' }])
    .limit(1);
}

/** SQL for the whole calendar days from date column `from` to date column `to` (identifiers, or a `?` placeholder bound by the caller; never values). */
export function daysBetweenSql(ctx: ReportContext, from: string, to: string): string {
  return ctx.dialect === 'mysql' ? `DATEDIFF(${to}, ${from})` : `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`;
}
