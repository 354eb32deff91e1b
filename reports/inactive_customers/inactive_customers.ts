/**
 * Inactive Customers (CRM.md sections 2 and 3): enabled customers whose last submitted order (or
 * invoice, returns excluded) up to as_of_date is at least `days_since_last_order` days old, most
 * valuable first. One query per run (two selects in a UNION with never-ordered customers).
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/document';
import { defineReport, type ReportContext } from '../../core/reports';
import { CUSTOMER_COLUMNS, hasCustomerFilters, narrowCustomers, type CustomerFilters } from '../shared/customers';
import { inactiveCustomers, SOURCES, type InactiveQuery } from './queries';
import { inactiveChart, inactiveSummary, type InactiveRow } from './summary';

/** The customer filters as a narrowing of `tabCustomer as <alias>`, or undefined when there are none. */
function customerScope(ctx: ReportContext, f: CustomerFilters & { customer?: string }): InactiveQuery['scope'] {
  if (!hasCustomerFilters(f) && !f.customer) return undefined;
  return async (query: Knex.QueryBuilder, alias: string) => {
    if (f.customer) query.where(`${alias}.name`, f.customer);
    narrowCustomers(ctx, query, alias, f);
  };
}

export default defineReport({
  name: 'Inactive Customers',
  ref_doctype: 'Sales Order',
  module: 'CRM',
  description: 'Customers whose last order is older than a number of days, most valuable first.',
  filters: [
    { fieldname: 'days_since_last_order', label: 'Days Since Last Order', fieldtype: 'Int', default: 60, reqd: 1, min: 1 },
    { fieldname: 'doctype', label: 'Based On', fieldtype: 'Select', options: 'Sales Order\nSales Invoice', default: 'Sales Order', reqd: 1 },
    { fieldname: 'as_of_date', label: 'As Of Date', fieldtype: 'Date', default: 'Today', reqd: 1 },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
    { fieldname: 'customer_group', label: 'Customer Group', fieldtype: 'Link', options: 'Customer Group' },
    { fieldname: 'sales_person', label: 'Sales Person', fieldtype: 'Link', options: 'Sales Person' },
    { fieldname: 'customer', label: 'Customer', fieldtype: 'Link', options: 'Customer' },
    { fieldname: 'include_never_ordered', label: 'Include Never Ordered', fieldtype: 'Check', default: 0 },
  ],
  columns: [
    ...Object.values(CUSTOMER_COLUMNS),
    { fieldname: 'number_of_orders', label: 'Number of Orders', fieldtype: 'Int', width: 110 },
    { fieldname: 'total_order_value', label: 'Total Order Value', fieldtype: 'Currency', width: 140 },
    { fieldname: 'last_order_date', label: 'Last Order Date', fieldtype: 'Date', width: 110 },
    { fieldname: 'last_order_amount', label: 'Last Order Amount', fieldtype: 'Currency', width: 140 },
    { fieldname: 'days_since_last_order', label: 'Days Since Last Order', fieldtype: 'Int', width: 110 },
  ],
  async execute(filters, ctx) {
    const days = filters.days_since_last_order;
    const { query } = await inactiveCustomers(ctx, {
      source: SOURCES[filters.doctype as keyof typeof SOURCES],
      asOf: filters.as_of_date,
      cutoff: addDays(filters.as_of_date, -days),
      scope: customerScope(ctx, filters),
      includeNeverOrdered: Boolean(filters.include_never_ordered),
    });
    const rows = await ctx.rows<InactiveRow & Record<string, unknown>>(query);
    return {
      result: rows,
      report_summary: inactiveSummary(rows),
      chart: inactiveChart(rows, days, Boolean(filters.include_never_ordered)),
    };
  },
});
