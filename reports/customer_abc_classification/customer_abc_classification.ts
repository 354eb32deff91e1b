/**
 * Customer ABC Classification (CRM.md sections 2 and 3): customers ranked by revenue (submitted
 * Sales Orders' base_net_total) in a period, classed A / B / C by cumulative share or by fixed
 * amounts, D for customers with earlier orders but no revenue in the period; the same method's class
 * in the previous period of equal length, and the movement between the two. One SQL statement for
 * the per-customer figures in rank order; one pass over those rows for the classes (classify.ts);
 * the summary and the Pareto chart are read from the rows.
 *
 * Without dates the period is the last full month: the engine's date defaults are today or an
 * offset from it, and cannot name the first day of a month, so both dates are left empty and
 * resolved here.
 */
import { defineReport } from '../../core/reports';
import { CUSTOMER_COLUMNS } from '../shared/customers';
import { classify, type AbcRow } from './classify';
import { abcRows } from './queries';
import { periodOf, thresholdsOf } from './settings';
import { abcSummary, paretoChart } from './summary';

const FIXED = 'eval:doc.method == "Fixed Amount"';
const CUMULATIVE = 'eval:doc.method == "Cumulative Share"';

export default defineReport({
  name: 'Customer ABC Classification',
  ref_doctype: 'Sales Order',
  module: 'CRM',
  description: 'Customers classed A, B, C by their share of revenue (or fixed amounts) in a period, D when they stopped ordering, with the move since the previous period.',
  filters: [
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', description: 'Empty: the first day of last month' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', description: 'Empty: the last day of last month' },
    { fieldname: 'method', label: 'Method', fieldtype: 'Select', options: 'Cumulative Share\nFixed Amount', default: 'Cumulative Share', reqd: 1 },
    { fieldname: 'a_share', label: 'A Share %', fieldtype: 'Percent', default: 80, reqd: 1, depends_on: CUMULATIVE },
    { fieldname: 'b_share', label: 'B Share %', fieldtype: 'Percent', default: 95, reqd: 1, depends_on: CUMULATIVE },
    { fieldname: 'a_min', label: 'A Minimum', fieldtype: 'Currency', min: 0, depends_on: FIXED },
    { fieldname: 'b_min', label: 'B Minimum', fieldtype: 'Currency', min: 0, depends_on: FIXED },
    { fieldname: 'c_min', label: 'C Minimum', fieldtype: 'Currency', min: 0, depends_on: FIXED },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
    { fieldname: 'customer_group', label: 'Customer Group', fieldtype: 'Link', options: 'Customer Group' },
    { fieldname: 'sales_person', label: 'Sales Person', fieldtype: 'Link', options: 'Sales Person' },
  ],
  columns: [
    { fieldname: 'rank', label: 'Rank', fieldtype: 'Int', width: 70, disable_total: 1 },
    CUSTOMER_COLUMNS.customer,
    CUSTOMER_COLUMNS.customer_name,
    CUSTOMER_COLUMNS.territory,
    CUSTOMER_COLUMNS.sales_person,
    { fieldname: 'orders', label: 'Orders', fieldtype: 'Int', width: 80 },
    { fieldname: 'revenue', label: 'Revenue', fieldtype: 'Currency', width: 130 },
    { fieldname: 'share', label: 'Share %', fieldtype: 'Percent', width: 90, disable_total: 1 },
    { fieldname: 'cumulative_share', label: 'Cumulative Share %', fieldtype: 'Percent', width: 110, disable_total: 1 },
    { fieldname: 'class', label: 'Class', fieldtype: 'Data', width: 70 },
    { fieldname: 'previous_class', label: 'Previous Class', fieldtype: 'Data', width: 90 },
    { fieldname: 'movement', label: 'Movement', fieldtype: 'Data', width: 90 },
    { fieldname: 'last_order_date', label: 'Last Order', fieldtype: 'Date', width: 100 },
  ],
  async execute(filters, ctx) {
    const period = periodOf(filters, ctx.today);
    const thresholds = thresholdsOf(filters);
    const { query } = abcRows(ctx, period, filters);
    const rows = await ctx.rows<AbcRow & Record<string, unknown>>(query);
    classify(thresholds, rows);
    return {
      result: rows,
      message: `Period ${period.from} to ${period.to}; previous period ${period.previousFrom} to ${period.previousTo}`,
      report_summary: abcSummary(rows),
      chart: paretoChart(rows),
    };
  },
});
