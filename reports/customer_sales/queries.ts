/**
 * The SQL of Customer Sales: the submitted lines of one document type in a period, narrowed by the
 * filters, as detail rows or grouped by customer, item, or both. Money and quantities are rounded in
 * SQL so both databases answer the same numbers; the period and customer list ride the composite
 * (customer, docstatus, date, ...) index of Sales Order and Sales Invoice.
 */
import type { Knex } from 'knex';
import type { ReportContext } from '../../core/reports';

export type SalesDoctype = 'Sales Order' | 'Sales Invoice' | 'Quotation';
export type GroupBy = 'None' | 'Customer' | 'Item' | 'Customer and Item';

interface Source {
  items: string;
  /** The column naming the customer. */
  party: string;
  date: string;
  /** Conditions beyond docstatus = 1 that make a line a customer's sale. */
  only: Record<string, string | number>;
}

const SOURCES: Record<SalesDoctype, Source> = {
  'Sales Order': { items: 'Sales Order Item', party: 'customer', date: 'transaction_date', only: {} },
  'Sales Invoice': { items: 'Sales Invoice Item', party: 'customer', date: 'posting_date', only: { is_return: 0 } },
  // Quotations to Leads are not a customer's purchases.
  Quotation: { items: 'Quotation Item', party: 'party_name', date: 'transaction_date', only: { quotation_to: 'Customer' } },
};

export interface SalesFilters {
  doctype: SalesDoctype;
  from_date: string;
  to_date: string;
  customers: string[];
  item?: string;
  item_group?: string;
  territory?: string;
  customer_group?: string;
  min_amount?: number;
  max_amount?: number;
}

/** A builder handed out of an async function boxed: a bare knex builder is thenable and would run. */
export interface Built {
  query: Knex.QueryBuilder;
}

/** The filtered lines: documents `d`, their items `i`, the customer `c`; nothing selected yet. */
export async function lines(ctx: ReportContext, f: SalesFilters): Promise<Built> {
  const { query: q } = await documents(ctx, f);
  q.join(`${ctx.meta(SOURCES[f.doctype].items).tableName} as i`, 'i.parent', 'd.name').where({ 'i.parenttype': f.doctype, 'i.parentfield': 'items' });
  if (f.item) q.where('i.item_code', f.item);
  if (f.item_group) ctx.inSubtree(q, 'i.item_group', 'Item Group', f.item_group);
  if (f.min_amount !== undefined) q.where('i.base_net_amount', '>=', f.min_amount);
  if (f.max_amount !== undefined) q.where('i.base_net_amount', '<=', f.max_amount);
  return { query: q };
}

/** The filtered documents `d` with their customer `c`, before any line is looked at. */
async function documents(ctx: ReportContext, f: SalesFilters): Promise<Built> {
  const src = SOURCES[f.doctype];
  const q = ctx
    .from(f.doctype, 'd')
    .join('tabCustomer as c', 'c.name', `d.${src.party}`)
    .where('d.docstatus', 1)
    .where(Object.fromEntries(Object.entries(src.only).map(([column, value]) => [`d.${column}`, value])))
    .whereBetween(`d.${src.date}`, [f.from_date, f.to_date]);
  ctx.restrict(q, 'Customer', 'c');
  if (f.customers.length) q.whereIn(`d.${src.party}`, f.customers);
  // The customer's own territory and group, as in Inactive Customers.
  if (f.territory) ctx.inSubtree(q, 'c.territory', 'Territory', f.territory);
  if (f.customer_group) ctx.inSubtree(q, 'c.customer_group', 'Customer Group', f.customer_group);
  return { query: q };
}

/** Whether a filter looks at the lines; without one, every filtered document has a line in the result. */
function filtersLines(f: SalesFilters): boolean {
  return Boolean(f.item || f.item_group) || f.min_amount !== undefined || f.max_amount !== undefined;
}

export function partyColumn(doctype: SalesDoctype): string {
  return `d.${SOURCES[doctype].party}`;
}

/** One row per line, in customer, date, document and line order. */
export function detail(ctx: ReportContext, f: SalesFilters, q: Knex.QueryBuilder): Knex.QueryBuilder {
  const k = ctx.knex;
  const src = SOURCES[f.doctype];
  return q
    .select(
      `d.${src.party} as customer`,
      'c.customer_name',
      k.raw('? as doctype', [f.doctype]),
      'd.name as document',
      `d.${src.date} as transaction_date`,
      'i.item_code',
      'i.item_name',
      'i.item_group',
      k.raw('ROUND(i.qty, 3) as qty'),
      k.raw('ROUND(i.base_rate, 2) as rate'),
      k.raw('ROUND(COALESCE(i.discount_percentage, 0), 2) as discount_percentage'),
      k.raw('ROUND(i.base_net_amount, 2) as amount'),
    )
    .orderBy([`d.${src.party}`, `d.${src.date}`, 'd.name', 'i.idx']);
}

/** Order count, quantity, amount, first and last purchase per customer, item, or customer and item. */
export function grouped(ctx: ReportContext, f: SalesFilters, groupBy: Exclude<GroupBy, 'None'>, q: Knex.QueryBuilder): Knex.QueryBuilder {
  const k = ctx.knex;
  const src = SOURCES[f.doctype];
  const party = `d.${src.party}`;
  const measures = [
    k.raw('COUNT(DISTINCT d.name) as order_count'),
    k.raw('ROUND(SUM(i.qty), 3) as qty'),
    k.raw('ROUND(SUM(i.base_net_amount), 2) as amount'),
    k.raw(`MIN(d.${src.date}) as first_purchase_date`),
    k.raw(`MAX(d.${src.date}) as last_purchase_date`),
  ];
  // Names through MAX(): one row per key even if an item was renamed, under ONLY_FULL_GROUP_BY too.
  const customer = [`${party} as customer`, k.raw('MAX(c.customer_name) as customer_name')];
  const item = ['i.item_code', k.raw('MAX(i.item_name) as item_name'), k.raw('MAX(i.item_group) as item_group')];
  if (groupBy === 'Customer') return q.select(...customer, ...measures).groupBy(party).orderBy([{ column: 'amount', order: 'desc' }, { column: party }]);
  if (groupBy === 'Item') return q.select(...item, ...measures).groupBy('i.item_code').orderBy([{ column: 'amount', order: 'desc' }, { column: 'i.item_code' }]);
  return q
    .select(...customer, ...item, ...measures)
    .groupBy(party, 'i.item_code')
    .orderBy([{ column: party }, { column: 'amount', order: 'desc' }, { column: 'i.item_code' }]);
}

/**
 * Customers and orders behind the filtered lines, for views whose rows cannot be added up (an order
 * spans several items). Without line filters the documents alone answer, from the (customer,
 * docstatus, date, name) index, without reading a line.
 */
export async function customersAndOrders(ctx: ReportContext, f: SalesFilters): Promise<Built> {
  const k = ctx.knex;
  const { query } = filtersLines(f) ? await lines(ctx, f) : await documents(ctx, f);
  return { query: query.select(k.raw(`COUNT(DISTINCT ${partyColumn(f.doctype)}) as customers`), k.raw('COUNT(DISTINCT d.name) as orders')) };
}
