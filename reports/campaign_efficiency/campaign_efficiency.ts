/**
 * Campaign Efficiency (CRM.md section 2): per campaign, the leads created in the period and how many
 * of them reached an opportunity, a quotation and an order, the value of their orders, and the
 * conversion ratios. The counts are of leads, followed across their conversion to a Customer, as in
 * the Lead Funnel view of Sales Pipeline Leakage (lead-progress.ts), so every ratio is at most 100%.
 * Unlike ERPNext, drafts and cancelled documents never count, and a lead's quotations and orders
 * count after it became a Customer.
 *
 * Campaigns without leads in the period are listed (with zeros) when their dates overlap the
 * period or they have no dates, or when asked for by name: a campaign that ran and brought nothing
 * is the news. Leads without a campaign are not a campaign and are left out.
 *
 * One query: the per-lead progress, tallied and then grouped per campaign, joined onto the campaigns. The totals row
 * sums the counts and the value; the ratios of the totals are in the summary.
 */
import { roundDecimal } from '../../core/document';
import { defineReport, type ReportColumn } from '../../core/reports';
import { percent } from '../sales_pipeline_leakage/lead-funnel';
import { leadProgress, progressMeasures, progressTally } from '../sales_pipeline_leakage/lead-progress';
import { BINARY } from '../sales_pipeline_leakage/sql';

interface CampaignRow {
  campaign: string;
  leads: number;
  opportunities: number;
  quotations: number;
  orders: number;
  order_value: number;
  [key: string]: unknown;
}

const ratio = (fieldname: string, label: string): ReportColumn => ({ fieldname, label, fieldtype: 'Percent', width: 130, disable_total: 1 });

const COUNTS = ['leads', 'opportunities', 'quotations', 'orders'] as const;

export default defineReport({
  name: 'Campaign Efficiency',
  ref_doctype: 'Lead',
  module: 'CRM',
  description: 'Per campaign: leads, how many reached an opportunity, a quotation and an order, order value and conversion ratios.',
  add_total_row: true,
  filters: [
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-12 months' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
    { fieldname: 'campaign', label: 'Campaign', fieldtype: 'Link', options: 'Campaign' },
    { fieldname: 'source', label: 'Source', fieldtype: 'Link', options: 'Lead Source' },
    { fieldname: 'owner', label: 'Lead Owner', fieldtype: 'Link', options: 'User' },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
  ],
  columns: [
    { fieldname: 'campaign', label: 'Campaign', fieldtype: 'Link', options: 'Campaign', width: 180 },
    { fieldname: 'leads', label: 'Leads', fieldtype: 'Int', width: 80 },
    { fieldname: 'opportunities', label: 'Leads with Opportunity', fieldtype: 'Int', width: 110 },
    { fieldname: 'quotations', label: 'Leads with Quotation', fieldtype: 'Int', width: 110 },
    { fieldname: 'orders', label: 'Leads with Order', fieldtype: 'Int', width: 110 },
    { fieldname: 'order_value', label: 'Order Value', fieldtype: 'Currency', width: 130 },
    ratio('lead_to_opportunity', 'Lead to Opportunity %'),
    ratio('opportunity_to_quotation', 'Opportunity to Quotation %'),
    ratio('quotation_to_order', 'Quotation to Order %'),
    ratio('lead_to_order', 'Lead to Order %'),
    { fieldname: 'value_per_lead', label: 'Value per Lead', fieldtype: 'Currency', width: 120, disable_total: 1 },
  ],
  async execute(f, ctx) {
    const k = ctx.knex;
    const progress = leadProgress(f, ctx, ['l.campaign']).whereNotNull('l.campaign').whereNot('l.campaign', '');
    const per = k('tally as t').groupBy('t.campaign').select('t.campaign', ...progressMeasures(k));
    const pct = (a: string, b: string) => `ROUND(100.0 * COALESCE(per.${a}, 0) / NULLIF(per.${b}, 0), 2)`;
    const query = ctx
      .from('Campaign', 'c')
      .with('progress', progress)
      .with('tally', progressTally(k, ['campaign']))
      .with('per', per)
      .leftJoin('per', 'per.campaign', 'c.name')
      .select(
        'c.name as campaign',
        ...COUNTS.map((count) => k.raw(`COALESCE(per.${count}, 0) as ${count}`)),
        k.raw('COALESCE(per.order_value, 0) as order_value'),
        k.raw(`${pct('opportunities', 'leads')} as lead_to_opportunity`),
        k.raw(`${pct('quotations', 'opportunities')} as opportunity_to_quotation`),
        k.raw(`${pct('orders', 'quotations')} as quotation_to_order`),
        k.raw(`${pct('orders', 'leads')} as lead_to_order`),
        k.raw('ROUND(per.order_value / NULLIF(per.leads, 0), 2) as value_per_lead'),
      )
      .orderByRaw(`order_value DESC, leads DESC, c.name ${BINARY[ctx.dialect]}`);
    // A campaign asked for by name is listed even without leads; otherwise only those that ran.
    if (f.campaign) query.where('c.name', f.campaign);
    else
      query.where((w) =>
        w.whereNotNull('per.campaign').orWhere((ran) =>
          ran.where((s) => s.whereNull('c.start_date').orWhere('c.start_date', '<=', f.to_date)).where((e) => e.whereNull('c.end_date').orWhere('c.end_date', '>=', f.from_date)),
        ),
      );
    const rows = await ctx.rows<CampaignRow>(query);
    const total = (key: (typeof COUNTS)[number]) => rows.reduce((sum, row) => sum + Number(row[key]), 0);
    const leads = total('leads');
    const orders = total('orders');
    const value = roundDecimal(rows.reduce((sum, row) => sum + Number(row.order_value), 0), 2);
    return {
      result: rows,
      chart: {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.campaign),
          datasets: [
            { name: 'Leads', values: rows.map((r) => Number(r.leads)) },
            { name: 'Opportunities', values: rows.map((r) => Number(r.opportunities)) },
            { name: 'Quotations', values: rows.map((r) => Number(r.quotations)) },
            { name: 'Orders', values: rows.map((r) => Number(r.orders)) },
          ],
        },
      },
      report_summary: [
        { value: leads, label: 'Leads', datatype: 'Int', indicator: 'Blue' },
        { value: percent(total('opportunities'), leads), label: 'Lead to Opportunity', datatype: 'Percent', indicator: 'Blue' },
        { value: percent(orders, leads), label: 'Lead to Order', datatype: 'Percent', indicator: 'Green' },
        { value: value, label: 'Order Value', datatype: 'Currency', indicator: 'Green' },
        { value: leads ? roundDecimal(value / leads, 2) : null, label: 'Value per Lead', datatype: 'Currency', indicator: 'Green' },
      ],
    };
  },
});
