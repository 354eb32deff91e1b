/**
 * Lost Opportunity (CRM.md section 2): opportunities with status Lost and lost_on in the period (both
 * ends included), with the stage they were lost in, their lost reasons joined in the database, and
 * their amount in the company currency. Unlike ERPNext, the period is on lost_on, not on `modified`,
 * and the reason filter keeps every reason of a matching opportunity, not just the one asked for.
 *
 * One query: the rows, each with its reasons listed in SQL. The chart's count and amount per lost
 * reason (an opportunity with two reasons counts under each) and the summary are added up from the
 * rows the report returns anyway, in cents, rather than by scanning the same set again.
 */
import type { Knex } from 'knex';
import { defineReport, type FiltersOf, type ReportContext } from '../../core/reports';
import { REASONS_BY_DIALECT, REASON_DETAIL, REASON_SEPARATOR } from './lost-reasons-sql';

interface ReasonRow {
  lost_reason: string;
  opportunities: number;
  amount: number;
}

/** What the chart needs of a listed row: its reasons and its amount in cents. */
interface LostRow {
  reasons: string[];
  cents: number;
}

const filters = [
  { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-12 months' },
  { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
  { fieldname: 'lost_reason', label: 'Lost Reason', fieldtype: 'Link', options: 'Opportunity Lost Reason' },
  { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
  { fieldname: 'owner', label: 'Opportunity Owner', fieldtype: 'Link', options: 'User' },
  { fieldname: 'opportunity_from', label: 'Opportunity From', fieldtype: 'Select', options: '\nLead\nCustomer' },
] as const;

type Filters = FiltersOf<typeof filters>;

/**
 * The lost opportunities the filters and the user's permissions select, as `o`. Wrapped in an object:
 * a knex builder is thenable, so an async function returning it would run it.
 */
async function lostOpportunities(f: Filters, ctx: ReportContext): Promise<{ base: Knex.QueryBuilder }> {
  const k = ctx.knex;
  const query = ctx.from('Opportunity', 'o').where('o.status', 'Lost').whereBetween('o.lost_on', [f.from_date, f.to_date]);
  // IN, not a correlated EXISTS: SQLite probed the EXISTS through the lost_reason index once per row.
  if (f.lost_reason)
    query.whereIn('o.name', k(`${REASON_DETAIL.table} as f`).where({ 'f.parenttype': 'Opportunity', 'f.parentfield': 'lost_reasons', 'f.lost_reason': f.lost_reason }).select('f.parent'));
  if (f.owner) query.where('o.opportunity_owner', f.owner);
  if (f.opportunity_from) query.where('o.opportunity_from', f.opportunity_from);
  if (f.territory) ctx.inSubtree(query, 'o.territory', 'Territory', f.territory);
  return { base: query };
}

/** Count and amount per reason, most lost first, then the larger amount, then the reason by code point. */
function byReason(rows: readonly LostRow[]): ReasonRow[] {
  const tally = new Map<string, { opportunities: number; cents: number }>();
  for (const row of rows)
    for (const reason of row.reasons) {
      const entry = tally.get(reason) ?? { opportunities: 0, cents: 0 };
      entry.opportunities += 1;
      entry.cents += row.cents;
      tally.set(reason, entry);
    }
  return [...tally]
    .map(([lost_reason, t]) => ({ lost_reason, opportunities: t.opportunities, amount: t.cents / 100 }))
    .sort((a, b) => b.opportunities - a.opportunities || b.amount - a.amount || (a.lost_reason < b.lost_reason ? -1 : a.lost_reason > b.lost_reason ? 1 : 0));
}

export default defineReport({
  name: 'Lost Opportunity',
  ref_doctype: 'Opportunity',
  module: 'CRM',
  description: 'Opportunities lost in a period, with the stage they were lost in and why.',
  filters,
  columns: [
    { fieldname: 'opportunity', label: 'Opportunity', fieldtype: 'Link', options: 'Opportunity', width: 160 },
    { fieldname: 'opportunity_from', label: 'From', fieldtype: 'Data', width: 90 },
    { fieldname: 'party_name', label: 'Party', fieldtype: 'Dynamic Link', options: 'opportunity_from', width: 150 },
    { fieldname: 'customer_name', label: 'Customer/Lead Name', fieldtype: 'Data', width: 180 },
    { fieldname: 'sales_stage', label: 'Sales Stage at Loss', fieldtype: 'Link', options: 'Sales Stage', width: 150 },
    { fieldname: 'lost_reasons', label: 'Lost Reasons', fieldtype: 'Data', width: 220 },
    { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency', width: 120 },
    { fieldname: 'opportunity_owner', label: 'Owner', fieldtype: 'Link', options: 'User', width: 150 },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory', width: 120 },
    { fieldname: 'lost_on', label: 'Lost On', fieldtype: 'Date', width: 100 },
  ],
  async execute(f, ctx) {
    const k = ctx.knex;
    const { base } = await lostOpportunities(f, ctx);
    // sales_stage is the stage the opportunity was in when marked Lost: the stage log ends there.
    const rows = base
      .clone()
      .select(
        'o.name as opportunity',
        'o.opportunity_from',
        'o.party_name',
        'o.customer_name',
        'o.sales_stage',
        k.raw(`${REASONS_BY_DIALECT[ctx.dialect].joined} as lost_reasons`),
        'o.base_opportunity_amount as amount',
        'o.opportunity_owner',
        'o.territory',
        'o.lost_on',
      )
      .orderBy([{ column: 'o.lost_on', order: 'desc' }, { column: 'o.name', order: 'desc' }]);
    const lost: LostRow[] = [];
    const result = (await ctx.rows<Record<string, unknown>>(rows)).map((row) => {
      const reasons = row.lost_reasons ? String(row.lost_reasons).split(REASON_SEPARATOR) : [];
      lost.push({ reasons, cents: Math.round(Number(row.amount ?? 0) * 100) });
      return { ...row, lost_reasons: reasons.join(', ') };
    });
    const reasons = byReason(lost);
    const lostCents = lost.reduce((sum, row) => sum + row.cents, 0);
    return {
      result,
      chart: {
        type: 'bar',
        data: {
          labels: reasons.map((r) => r.lost_reason),
          datasets: [
            { name: 'Lost Opportunities', values: reasons.map((r) => Number(r.opportunities)) },
            { name: 'Lost Amount', values: reasons.map((r) => Number(r.amount)) },
          ],
        },
      },
      report_summary: [
        { value: result.length, label: 'Lost Opportunities', datatype: 'Int', indicator: 'Red' },
        { value: lostCents / 100, label: 'Lost Amount', datatype: 'Currency', indicator: 'Red' },
        { value: reasons[0]?.lost_reason ?? '', label: 'Top Lost Reason', datatype: 'Data', indicator: 'Orange' },
      ],
    };
  },
});
