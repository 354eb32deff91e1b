/**
 * The customer profile (issue #7 item 5, CRM.md section 2): one customer as of a date, for the
 * desk's profile page. `tabula.crm.customer_profile` (customer, optional as_of_date and months)
 * answers:
 * - `customer`: the Customer's header fields, read as the caller (a 403/404 otherwise);
 * - `sales`: lifetime orders and revenue, first and last order, average days between orders and
 *   average order value, the monthly revenue of the last `months` months (12 by default, ending with
 *   as_of's month; months without orders are 0), the top items and item groups: all from submitted
 *   Sales Orders up to as_of, aggregated and rounded in SQL, narrowed to the Sales Orders the caller
 *   may read (null without the read right);
 * - `status`: the Customer Status report's row for this customer as of as_of (its query, filtered
 *   to the customer: the same definition, the same permissions); null when the caller may not run it;
 * - `abc`: the Customer ABC Classification report's row for its default period (the last full
 *   month before as_of) and method: the report is run through the engine, as the caller, so the
 *   class is the one the caller sees there; null when the caller may not run it (class null when
 *   the customer had no order up to the period's end);
 * - `opportunities` (open, of the customer or the lead it came from), `contacts` (linked through
 *   Dynamic Link), `communications` (the latest ten, on the customer or its opportunities): lists
 *   through the query layer, so rights and User Permissions apply; null without the read right;
 * - `follow_ups`: the customer's open assignments (ToDos), as `assign_to.get` answers them.
 */
import type { Knex } from 'knex';
import { openAssignments } from '../../core/api/methods/assign_to';
import { optionalText, requiredText } from '../../core/api/params';
import type { MethodCall } from '../../core/api/methods/types';
import { todayDate } from '../../core/document';
import { PermissionError, ValidationError } from '../../core/errors';
import { applyScope, getList } from '../../core/query';
import { assertCanRun, runReport } from '../../core/reports';
import { createReportContext } from '../../core/reports/context';
import { validateReportFilters } from '../../core/reports/filters';
import type { ReportContext } from '../../core/reports';
import { reportEnvironment } from '../../core/site';
import { lastFullMonth, periodOf } from '../../reports/customer_abc_classification/settings';
import { customerStatus } from '../../reports/customer_status/queries';
import { validDate } from './follow_ups';

const CUSTOMER = 'Customer';
const OPEN_OPPORTUNITY = ['Open', 'Replied', 'Quotation'];
const TOP = 10;
const ABC_REPORT = 'Customer ABC Classification';

type Row = Record<string, unknown>;

export interface MonthRevenue {
  month: string;
  revenue: number;
  orders: number;
}

function dateArg(call: MethodCall): string {
  const text = optionalText(call.args, 'as_of_date')?.trim();
  if (!text) return todayDate();
  if (!validDate(text))
    throw new ValidationError(`as_of_date must be a date as YYYY-MM-DD (got "${text}")`, [{ fieldname: 'as_of_date', message: 'expected YYYY-MM-DD' }]);
  return text;
}

function monthsArg(call: MethodCall): number {
  const raw = call.args.months;
  if (raw === undefined || raw === null || raw === '') return 12;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 36) throw new ValidationError(`months must be a whole number from 1 to 36 (got ${JSON.stringify(raw)})`, [{ fieldname: 'months', message: 'expected 1 to 36' }]);
  return n;
}

/** The `count` months ending with as_of's, oldest first, as YYYY-MM. */
export function monthsUpTo(asOf: string, count: number): string[] {
  let year = Number(asOf.slice(0, 4));
  let month = Number(asOf.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Runs `work` with a report's context as the report itself would get it (its right, its ref_doctype's scope); null when the caller may not run it. */
async function asReport<T>(call: MethodCall, reportName: string, rawFilters: Row, today: string, work: (filters: Row, ctx: ReportContext) => Promise<T>): Promise<T | null> {
  const env = reportEnvironment(call.state.site);
  if (!hasReport(env, reportName)) return null;
  const report = env.reports.get(reportName);
  try {
    assertCanRun(call.ctx.access, env, report);
  } catch (error) {
    if (error instanceof PermissionError) return null;
    throw error;
  }
  const { definition } = report;
  const filters = await validateReportFilters(env.db.knex, env.registry, definition, env.reports.filterMetaOf(report), rawFilters, call.ctx.user, today);
  const seconds = definition.timeout ?? env.defaultTimeout;
  const session = await env.runner.open(Date.now() + seconds * 1000, seconds);
  try {
    const ctx = await createReportContext({ today, knex: env.db.knex, dialect: env.db.dialect, registry: env.registry, access: call.ctx.access, session, refDoctype: definition.ref_doctype });
    return await work(filters, ctx);
  } finally {
    session.release();
  }
}

function hasReport(env: ReturnType<typeof reportEnvironment>, name: string): boolean {
  try {
    env.reports.get(name);
    return true;
  } catch {
    return false;
  }
}

async function statusOf(call: MethodCall, customer: string, asOf: string): Promise<Row | null> {
  return asReport(call, 'Customer Status', { as_of_date: asOf, include_disabled: 1 }, asOf, async (f, ctx) => {
    const { query } = customerStatus(ctx, {
      asOf: String(f.as_of_date),
      activeDays: Number(f.active_days),
      churnDays: Number(f.churn_days),
      windowDays: Number(f.window_days),
      threshold: Number(f.change_threshold),
      includeDisabled: true,
    });
    query.where('c.name', customer);
    return (await ctx.first<Row>(query)) ?? null;
  });
}

/**
 * The ABC class is relative to every other customer the caller sees (cumulative shares), so the
 * report runs whole, through the engine (its right, filters, permissions), for the last full month
 * before as_of (the report's own default when as_of is today), and this customer's row is taken.
 */
async function abcOf(call: MethodCall, customer: string, asOf: string): Promise<Row | null> {
  const env = reportEnvironment(call.state.site);
  if (!hasReport(env, ABC_REPORT)) return null;
  const { from, to } = lastFullMonth(asOf);
  let run;
  try {
    run = await runReport(env, call.ctx.access, ABC_REPORT, { from_date: from, to_date: to });
  } catch (error) {
    if (error instanceof PermissionError) return null;
    throw error;
  }
  const period = periodOf({ from_date: from, to_date: to, method: String(run.filters.method), a_share: 0, b_share: 0 }, asOf);
  const row = run.rows.find((r) => r.customer === customer);
  return { period: { from: period.from, to: period.to, previous_from: period.previousFrom, previous_to: period.previousTo }, method: run.filters.method, ...(row ?? { class: null, previous_class: null, movement: null }) };
}

/** Submitted Sales Orders of the customer up to as_of, narrowed to what the caller may read; null without the read right. */
async function salesOf(call: MethodCall, customer: string, asOf: string, months: number) {
  const { registry, db } = call.state.site;
  const k = db.knex;
  const soMeta = registry.get('Sales Order');
  if (!call.ctx.access.can(soMeta, 'read')) return null;
  const scope = await call.ctx.access.scope(soMeta, 'read');
  const orders = (alias = 'o') => {
    const q = k(`${soMeta.tableName} as ${alias}`).where(`${alias}.customer`, customer).where(`${alias}.docstatus`, 1).where(`${alias}.transaction_date`, '<=', asOf);
    applyScope(q, alias, scope);
    return q;
  };
  const span = db.dialect === 'mysql' ? 'DATEDIFF(MAX(o.transaction_date), MIN(o.transaction_date))' : 'CAST(julianday(MAX(o.transaction_date)) - julianday(MIN(o.transaction_date)) AS INTEGER)';
  const lifetime = (await orders().first(
    k.raw('COUNT(*) as lifetime_orders'),
    k.raw('ROUND(COALESCE(SUM(o.base_net_total), 0), 2) as lifetime_revenue'),
    k.raw('MIN(o.transaction_date) as first_order_date'),
    k.raw('MAX(o.transaction_date) as last_order_date'),
    k.raw(`CASE WHEN COUNT(*) > 1 THEN ROUND(${span} * 1.0 / (COUNT(*) - 1), 1) END as avg_order_interval`),
    k.raw('CASE WHEN COUNT(*) > 0 THEN ROUND(SUM(o.base_net_total) / COUNT(*), 2) END as average_order_value'),
  )) as Row;

  const keys = monthsUpTo(asOf, months);
  const monthKey = db.dialect === 'mysql' ? "DATE_FORMAT(o.transaction_date, '%Y-%m')" : "strftime('%Y-%m', o.transaction_date)";
  const monthly = (await orders()
    .where('o.transaction_date', '>=', `${keys[0]}-01`)
    .groupByRaw(monthKey)
    .select(k.raw(`${monthKey} as month`), k.raw('COUNT(*) as orders'), k.raw('ROUND(SUM(o.base_net_total), 2) as revenue'))) as Row[];
  const byMonth = new Map(monthly.map((r) => [String(r.month), r]));

  const lines = () => orders().join('tabSales Order Item as i', (on) => on.on('i.parent', 'o.name').andOnVal('i.parenttype', 'Sales Order'));
  const topItems = (await lines()
    .groupBy('i.item_code')
    .select('i.item_code', k.raw('MAX(i.item_name) as item_name'), k.raw('MAX(i.item_group) as item_group'), k.raw('ROUND(SUM(i.qty), 3) as qty'), k.raw('ROUND(SUM(i.base_net_amount), 2) as revenue'), k.raw('COUNT(DISTINCT o.name) as orders'))
    .orderBy([{ column: 'revenue', order: 'desc' }, { column: 'i.item_code', order: 'asc' }])
    .limit(TOP)) as Row[];
  const topGroups = (await lines()
    .groupBy('i.item_group')
    .select('i.item_group', k.raw('ROUND(SUM(i.qty), 3) as qty'), k.raw('ROUND(SUM(i.base_net_amount), 2) as revenue'), k.raw('COUNT(DISTINCT o.name) as orders'))
    .orderBy([{ column: 'revenue', order: 'desc' }, { column: 'i.item_group', order: 'asc' }])
    .limit(TOP)) as Row[];

  return {
    lifetime_orders: num(lifetime.lifetime_orders),
    lifetime_revenue: num(lifetime.lifetime_revenue),
    first_order_date: lifetime.first_order_date ?? null,
    last_order_date: lifetime.last_order_date ?? null,
    avg_order_interval: lifetime.avg_order_interval === null || lifetime.avg_order_interval === undefined ? null : Number(lifetime.avg_order_interval),
    average_order_value: lifetime.average_order_value === null || lifetime.average_order_value === undefined ? null : Number(lifetime.average_order_value),
    monthly: keys.map((month): MonthRevenue => ({ month, revenue: num(byMonth.get(month)?.revenue), orders: num(byMonth.get(month)?.orders) })),
    top_items: topItems.map((r) => ({ item_code: r.item_code, item_name: r.item_name, item_group: r.item_group, qty: num(r.qty), revenue: num(r.revenue), orders: num(r.orders) })),
    top_item_groups: topGroups.map((r) => ({ item_group: r.item_group, qty: num(r.qty), revenue: num(r.revenue), orders: num(r.orders) })),
  };
}

/** A permission-checked list, or null when the caller may not read the DocType. */
async function listOrNull(call: MethodCall, doctype: string, request: Parameters<typeof getList>[2]): Promise<Row[] | null> {
  if (!call.ctx.access.can(call.state.site.registry.get(doctype), 'read')) return null;
  try {
    return (await getList(call.ctx.query, doctype, request)).rows;
  } catch (error) {
    if (error instanceof PermissionError) return null;
    throw error;
  }
}

async function opportunitiesOf(call: MethodCall, customer: string, lead: string | null) {
  const fields = ['name', 'opportunity_from', 'party_name', 'status', 'sales_stage', 'probability', 'opportunity_amount', 'expected_closing', 'transaction_date', 'opportunity_owner'];
  const parties: [string, string][] = [[CUSTOMER, customer]];
  if (lead) parties.push(['Lead', lead]);
  const open: Row[] = [];
  const all: string[] = [];
  for (const [from, party] of parties) {
    const rows = await listOrNull(call, 'Opportunity', { fields: ['name', 'status'], filters: [['opportunity_from', '=', from], ['party_name', '=', party]], limit: 500, order_by: 'modified desc' });
    if (rows === null) return { open: null, names: [] as string[] };
    all.push(...rows.map((r) => String(r.name)));
    const detail = await listOrNull(call, 'Opportunity', { fields, filters: [['opportunity_from', '=', from], ['party_name', '=', party], ['status', 'in', OPEN_OPPORTUNITY]], limit: 50, order_by: 'transaction_date desc' });
    open.push(...(detail ?? []));
  }
  return { open, names: all };
}

async function communicationsOf(call: MethodCall, customer: string, opportunities: string[]): Promise<Row[] | null> {
  const fields = ['name', 'subject', 'communication_medium', 'sent_or_received', 'communication_date', 'sender', 'reference_doctype', 'reference_name', 'status'];
  const request = (filters: unknown[]) => ({ fields, filters, limit: TOP, order_by: 'communication_date desc' });
  const own = await listOrNull(call, 'Communication', request([['reference_doctype', '=', CUSTOMER], ['reference_name', '=', customer]]));
  if (own === null) return null;
  const onDeals = opportunities.length ? ((await listOrNull(call, 'Communication', request([['reference_doctype', '=', 'Opportunity'], ['reference_name', 'in', opportunities]]))) ?? []) : [];
  return [...own, ...onDeals].sort((a, b) => String(b.communication_date ?? '').localeCompare(String(a.communication_date ?? '')) || String(a.name).localeCompare(String(b.name))).slice(0, TOP);
}

export async function customerProfile(call: MethodCall) {
  const requested = optionalText(call.args, 'customer') ?? requiredText(call.args, 'name');
  const asOf = dateArg(call);
  const months = monthsArg(call);
  // Read as the caller: the read right, if_owner and User Permissions decide (403 / 404 otherwise).
  const doc = await call.ctx.documents.get(CUSTOMER, requested);
  const name = String(doc.name);
  const team = Array.isArray(doc.sales_team) ? (doc.sales_team as Row[]) : [];
  const mainSalesPerson = [...team].sort((a, b) => num(b.allocated_percentage) - num(a.allocated_percentage) || String(a.sales_person).localeCompare(String(b.sales_person)))[0]?.sales_person ?? null;

  const [sales, status, abc, opportunities, contacts] = await Promise.all([
    salesOf(call, name, asOf, months),
    statusOf(call, name, asOf),
    abcOf(call, name, asOf),
    opportunitiesOf(call, name, typeof doc.lead_name === 'string' && doc.lead_name ? doc.lead_name : null),
    listOrNull(call, 'Contact', {
      fields: ['name', 'full_name', 'email_id', 'mobile_no', 'phone', 'designation', 'is_primary_contact'],
      filters: [['Dynamic Link', 'link_doctype', '=', CUSTOMER], ['Dynamic Link', 'link_name', '=', name]],
      order_by: 'is_primary_contact desc, full_name asc',
      limit: 50,
    }),
  ]);
  const communications = await communicationsOf(call, name, opportunities.names);
  return {
    as_of_date: asOf,
    customer: {
      name,
      customer_name: doc.customer_name ?? null,
      customer_type: doc.customer_type ?? null,
      customer_group: doc.customer_group ?? null,
      territory: doc.territory ?? null,
      account_manager: doc.account_manager ?? null,
      sales_person: mainSalesPerson,
      disabled: num(doc.disabled),
      email_id: doc.email_id ?? null,
      mobile_no: doc.mobile_no ?? null,
      customer_primary_contact: doc.customer_primary_contact ?? null,
    },
    sales,
    status: status && {
      status: status.status,
      days_since_last_order: status.days_since_last_order ?? null,
      trend: status.trend,
      frequency_trend: status.frequency_trend,
      last_window_revenue: num(status.last_window_revenue),
      previous_window_revenue: num(status.previous_window_revenue),
      revenue_change: status.revenue_change ?? null,
      receivable: num(status.receivable),
      overdue: num(status.overdue),
    },
    abc: abc && {
      class: abc.class ?? null,
      previous_class: abc.previous_class ?? null,
      movement: abc.movement ?? null,
      rank: abc.rank ?? null,
      revenue: abc.revenue === undefined ? null : num(abc.revenue),
      share: abc.share === undefined ? null : num(abc.share),
      method: abc.method,
      period: abc.period,
    },
    opportunities: opportunities.open,
    contacts,
    communications,
    follow_ups: await openAssignments(call.ctx.documents.k as Knex, CUSTOMER, name),
  };
}
