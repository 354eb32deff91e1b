/**
 * Customer Status (CRM.md sections 2 and 3): every customer's lifecycle status as of a date (Never
 * Ordered, New, Active, At Risk, Churned), its revenue and order count in the last window against
 * the window before (change % and Surge / Drop / Steady), lifetime figures, the average days between
 * orders, and its receivable and overdue amounts from Sales Invoices. One statement per run.
 *
 * Disabled customers are left out unless asked for, as in Inactive Customers. The receivable is the
 * invoices' current outstanding amount: payments are not dated, so it is not rewound to as_of_date.
 */
import { defineReport } from '../../core/reports';
import { ValidationError } from '../../core/errors';
import { CUSTOMER_COLUMNS } from '../shared/customers';
import { customerStatus, STATUSES } from './queries';
import { statusOutput, type StatusRow } from './summary';

export default defineReport({
  name: 'Customer Status',
  ref_doctype: 'Customer',
  module: 'CRM',
  description: 'Active, new, at-risk, churned and never-ordered customers as of a date, with surges and drops in their last window.',
  filters: [
    { fieldname: 'as_of_date', label: 'As Of Date', fieldtype: 'Date', default: 'Today', reqd: 1 },
    { fieldname: 'active_days', label: 'Active Within (days)', fieldtype: 'Int', default: 90, reqd: 1, min: 1 },
    { fieldname: 'churn_days', label: 'Churned After (days)', fieldtype: 'Int', default: 180, reqd: 1, min: 1 },
    { fieldname: 'window_days', label: 'Window (days)', fieldtype: 'Int', default: 30, reqd: 1, min: 1 },
    { fieldname: 'change_threshold', label: 'Change Threshold %', fieldtype: 'Percent', default: 50, reqd: 1 },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
    { fieldname: 'customer_group', label: 'Customer Group', fieldtype: 'Link', options: 'Customer Group' },
    { fieldname: 'sales_person', label: 'Sales Person', fieldtype: 'Link', options: 'Sales Person' },
    { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: ['', ...STATUSES].join('\n') },
    { fieldname: 'include_disabled', label: 'Include Disabled', fieldtype: 'Check', default: 0 },
  ],
  columns: [
    ...Object.values(CUSTOMER_COLUMNS),
    { fieldname: 'mobile_no', label: 'Mobile No', fieldtype: 'Data', width: 120 },
    { fieldname: 'status', label: 'Status', fieldtype: 'Data', width: 110 },
    { fieldname: 'first_order_date', label: 'First Order', fieldtype: 'Date', width: 100 },
    { fieldname: 'last_order_date', label: 'Last Order', fieldtype: 'Date', width: 100 },
    { fieldname: 'days_since_last_order', label: 'Days Since Last Order', fieldtype: 'Int', width: 100 },
    { fieldname: 'lifetime_orders', label: 'Lifetime Orders', fieldtype: 'Int', width: 100 },
    { fieldname: 'lifetime_revenue', label: 'Lifetime Revenue', fieldtype: 'Currency', width: 130 },
    { fieldname: 'avg_days_between_orders', label: 'Avg Days Between Orders', fieldtype: 'Float', precision: 1, width: 110, disable_total: 1 },
    { fieldname: 'last_window_revenue', label: 'Revenue (Last Window)', fieldtype: 'Currency', width: 130 },
    { fieldname: 'previous_window_revenue', label: 'Revenue (Previous Window)', fieldtype: 'Currency', width: 130 },
    { fieldname: 'revenue_change', label: 'Revenue Change %', fieldtype: 'Percent', width: 100, disable_total: 1 },
    { fieldname: 'trend', label: 'Trend', fieldtype: 'Data', width: 90 },
    { fieldname: 'last_window_orders', label: 'Orders (Last Window)', fieldtype: 'Int', width: 100 },
    { fieldname: 'previous_window_orders', label: 'Orders (Previous Window)', fieldtype: 'Int', width: 100 },
    { fieldname: 'orders_change', label: 'Orders Change %', fieldtype: 'Percent', width: 100, disable_total: 1 },
    { fieldname: 'frequency_trend', label: 'Frequency Trend', fieldtype: 'Data', width: 100 },
    { fieldname: 'receivable', label: 'Receivable', fieldtype: 'Currency', width: 120 },
    { fieldname: 'overdue', label: 'Overdue', fieldtype: 'Currency', width: 120 },
  ],
  async execute(filters, ctx) {
    if (filters.churn_days < filters.active_days)
      throw new ValidationError(`Churned After (${filters.churn_days} days) must not be shorter than Active Within (${filters.active_days} days)`, [
        { fieldname: 'churn_days', message: `must be at least active_days (${filters.active_days})` },
      ]);
    if (!(filters.change_threshold > 0))
      throw new ValidationError('Change Threshold % must be more than 0', [{ fieldname: 'change_threshold', message: `must be more than 0 (got ${filters.change_threshold})` }]);
    const { query } = customerStatus(ctx, {
      asOf: filters.as_of_date,
      activeDays: filters.active_days,
      churnDays: filters.churn_days,
      windowDays: filters.window_days,
      threshold: filters.change_threshold,
      territory: filters.territory,
      customer_group: filters.customer_group,
      sales_person: filters.sales_person,
      status: filters.status,
      includeDisabled: Boolean(filters.include_disabled),
    });
    const rows = await ctx.rows<StatusRow & Record<string, unknown>>(query);
    return { result: rows, ...statusOutput(rows) };
  },
});
