/**
 * Customer Sales (CRM.md section 2): what each customer buys — the submitted lines of Sales Orders,
 * Sales Invoices (returns excluded) or Quotations to customers in a period, as detail rows or grouped
 * by customer, item, or customer and item. One query per run; a second one for the summary only in
 * the item views, whose rows cannot be added up into distinct customers and orders (it reads only the
 * documents' index unless a filter looks at the lines).
 */
import { defineReport } from '../../core/reports';
import { customersAndOrders, detail, grouped, lines, type GroupBy, type SalesDoctype, type SalesFilters } from './queries';
import { centsOf, columnsOf, DETAIL_COLUMNS, salesSummary, totalsOfRows } from './views';

export default defineReport({
  name: 'Customer Sales',
  ref_doctype: 'Sales Order',
  module: 'CRM',
  description: 'What each customer buys: document lines in a period, or totals per customer and item.',
  filters: [
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-1 year' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
    { fieldname: 'doctype', label: 'Based On', fieldtype: 'Select', options: 'Sales Order\nSales Invoice\nQuotation', default: 'Sales Order', reqd: 1 },
    { fieldname: 'customers', label: 'Customers', fieldtype: 'MultiSelectList', options: 'Customer' },
    { fieldname: 'item', label: 'Item', fieldtype: 'Link', options: 'Item' },
    { fieldname: 'item_group', label: 'Item Group', fieldtype: 'Link', options: 'Item Group' },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
    { fieldname: 'customer_group', label: 'Customer Group', fieldtype: 'Link', options: 'Customer Group' },
    { fieldname: 'min_amount', label: 'Min Line Amount', fieldtype: 'Currency' },
    { fieldname: 'max_amount', label: 'Max Line Amount', fieldtype: 'Currency' },
    { fieldname: 'group_by', label: 'Group By', fieldtype: 'Select', options: 'None\nCustomer\nItem\nCustomer and Item', default: 'None', reqd: 1 },
  ],
  columns: DETAIL_COLUMNS,
  async execute(filters, ctx) {
    const f: SalesFilters = { ...filters, doctype: filters.doctype as SalesDoctype };
    const groupBy = filters.group_by as GroupBy;
    const { query } = await lines(ctx, f);
    if (groupBy === 'None' || groupBy === 'Customer') {
      const rows = await ctx.rows(groupBy === 'None' ? detail(ctx, f, query) : grouped(ctx, f, groupBy, query));
      return { result: rows, columns: columnsOf(groupBy), report_summary: salesSummary(totalsOfRows(rows, groupBy)) };
    }
    const { query: counts } = await customersAndOrders(ctx, f);
    // Issued together: on MariaDB they run on two connections at once.
    const [rows, sums] = await Promise.all([ctx.rows(grouped(ctx, f, groupBy, query)), ctx.first<{ customers: number; orders: number }>(counts)]);
    const t = { cents: centsOf(rows), customers: Number(sums?.customers ?? 0), orders: Number(sums?.orders ?? 0) };
    return { result: rows, columns: columnsOf(groupBy), report_summary: salesSummary(t) };
  },
});
