/**
 * Customer Sales' columns per view (detail, or grouped by customer, item, or both) and its summary
 * cards: revenue, customers, orders, average order value.
 */
import type { ReportColumn, ReportSummaryItem } from '../../core/reports';
import type { GroupBy } from './queries';

const CUSTOMER: ReportColumn[] = [
  { fieldname: 'customer', label: 'Customer', fieldtype: 'Link', options: 'Customer', width: 140 },
  { fieldname: 'customer_name', label: 'Customer Name', fieldtype: 'Data', width: 170 },
];
const ITEM: ReportColumn[] = [
  { fieldname: 'item_code', label: 'Item', fieldtype: 'Link', options: 'Item', width: 120 },
  { fieldname: 'item_name', label: 'Item Name', fieldtype: 'Data', width: 150 },
  { fieldname: 'item_group', label: 'Item Group', fieldtype: 'Link', options: 'Item Group', width: 120 },
];
const QTY: ReportColumn = { fieldname: 'qty', label: 'Qty', fieldtype: 'Float', width: 80 };
const AMOUNT: ReportColumn = { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency', width: 120 };

export const DETAIL_COLUMNS: ReportColumn[] = [
  ...CUSTOMER,
  { fieldname: 'doctype', label: 'Document Type', fieldtype: 'Data', width: 110 },
  { fieldname: 'document', label: 'Document', fieldtype: 'Dynamic Link', options: 'doctype', width: 150 },
  { fieldname: 'transaction_date', label: 'Date', fieldtype: 'Date', width: 100 },
  ...ITEM,
  QTY,
  { fieldname: 'rate', label: 'Rate', fieldtype: 'Currency', width: 100 },
  { fieldname: 'discount_percentage', label: 'Discount %', fieldtype: 'Percent', width: 90 },
  AMOUNT,
];

const MEASURES: ReportColumn[] = [
  { fieldname: 'order_count', label: 'Orders', fieldtype: 'Int', width: 80 },
  QTY,
  AMOUNT,
  { fieldname: 'first_purchase_date', label: 'First Purchase', fieldtype: 'Date', width: 110 },
  { fieldname: 'last_purchase_date', label: 'Last Purchase', fieldtype: 'Date', width: 110 },
];

export function columnsOf(groupBy: GroupBy): ReportColumn[] {
  if (groupBy === 'Customer') return [...CUSTOMER, ...MEASURES];
  if (groupBy === 'Item') return [...ITEM, ...MEASURES];
  if (groupBy === 'Customer and Item') return [...CUSTOMER, ...ITEM, ...MEASURES];
  return DETAIL_COLUMNS;
}

export interface Totals {
  /** In cents, so that adding rows up in JS is exact. */
  cents: number;
  customers: number;
  orders: number;
}

/** The rows' amounts added up in cents (each is rounded to cents in SQL), so the sum is exact. */
export function centsOf(rows: readonly Record<string, unknown>[]): number {
  let cents = 0;
  for (const row of rows) cents += Math.round(Number(row.amount) * 100);
  return cents;
}

/** Totals of detail rows (distinct customers and documents) or of per-customer rows (orders add up). */
export function totalsOfRows(rows: readonly Record<string, unknown>[], groupBy: 'None' | 'Customer'): Totals {
  let orders = 0;
  const customers = new Set<unknown>();
  const documents = new Set<unknown>();
  for (const row of rows) {
    customers.add(row.customer);
    if (groupBy === 'Customer') orders += Number(row.order_count);
    else documents.add(row.document);
  }
  return { cents: centsOf(rows), customers: customers.size, orders: groupBy === 'Customer' ? orders : documents.size };
}

export function salesSummary(t: Totals): ReportSummaryItem[] {
  return [
    { value: t.cents / 100, label: 'Revenue', datatype: 'Currency', indicator: 'Green' },
    { value: t.customers, label: 'Customers', datatype: 'Int', indicator: 'Blue' },
    { value: t.orders, label: 'Orders', datatype: 'Int', indicator: 'Blue' },
    { value: t.orders ? Math.round(t.cents / t.orders) / 100 : 0, label: 'Average Order Value', datatype: 'Currency', indicator: 'Blue' },
  ];
}
