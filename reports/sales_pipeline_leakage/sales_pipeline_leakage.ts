/**
 * Sales Pipeline Leakage (CRM.md sections 2 and 3): where the opportunities created in a period are
 * lost. The Sales Stage view follows that cohort through the stages in funnel order (reached, lost
 * here, moved on, still open, conversion, leakage, mean and median days in the stage) and ends with
 * a Won row; the Lead Funnel view follows the leads created in the period to opportunities,
 * quotations and orders. The same filters narrow either cohort (owner, source, campaign, territory).
 */
import { defineReport, type ReportColumn, type ReportOutput, type ReportSummaryItem } from '../../core/reports';
import { LEAD_COLUMNS, leadFunnel, percent } from './lead-funnel';
import { stageFunnel, type StageRow } from './stage-funnel';

const STAGE_COLUMNS: ReportColumn[] = [
  // Data, not a Link: the last row is Won, which is not a Sales Stage.
  { fieldname: 'stage', label: 'Sales Stage', fieldtype: 'Data', width: 200 },
  { fieldname: 'reached', label: 'Reached', fieldtype: 'Int', width: 90 },
  { fieldname: 'lost', label: 'Lost Here', fieldtype: 'Int', width: 90 },
  { fieldname: 'moved_on', label: 'Moved On', fieldtype: 'Int', width: 90 },
  { fieldname: 'still_open', label: 'Still Open Here', fieldtype: 'Int', width: 120 },
  { fieldname: 'conversion', label: 'Conversion to Next %', fieldtype: 'Percent', width: 150 },
  { fieldname: 'leakage', label: 'Leakage %', fieldtype: 'Percent', width: 100 },
  // On the Won row: days from creation to the first submitted Sales Order.
  { fieldname: 'mean_days', label: 'Mean Days in Stage', fieldtype: 'Float', precision: 2, width: 140 },
  { fieldname: 'median_days', label: 'Median Days in Stage', fieldtype: 'Float', precision: 2, width: 150 },
];

/** The stage that leaks most (the earliest on a tie), none when nothing leaked. */
function worstStage(stages: StageRow[]): string {
  let worst: StageRow | undefined;
  for (const row of stages) if (row.leakage !== null && Number(row.leakage) > 0 && (!worst || Number(row.leakage) > Number(worst.leakage))) worst = row;
  return worst?.stage ?? '';
}

function stageView({ rows, cohort }: { rows: StageRow[]; cohort: number }): ReportOutput {
  const won = rows[rows.length - 1];
  const summary: ReportSummaryItem[] = [
    { value: cohort, label: 'Opportunities', datatype: 'Int', indicator: 'Blue' },
    { value: percent(Number(won?.reached ?? 0), cohort), label: 'Win Rate', datatype: 'Percent', indicator: 'Green' },
    { value: worstStage(rows.slice(0, -1)), label: 'Highest Leakage', datatype: 'Data', indicator: 'Red' },
    { value: won?.median_days ?? null, label: 'Median Days to Win', datatype: 'Float', indicator: 'Blue' },
  ];
  return {
    columns: STAGE_COLUMNS,
    result: rows,
    chart: { type: 'bar', data: { labels: rows.map((r) => r.stage), datasets: [{ name: 'Reached', values: rows.map((r) => Number(r.reached)) }] } },
    report_summary: summary,
  };
}

export default defineReport({
  name: 'Sales Pipeline Leakage',
  ref_doctype: 'Opportunity',
  module: 'CRM',
  description: 'A cohort of opportunities (or leads) followed through the funnel: where they are lost and how long each stage takes.',
  filters: [
    { fieldname: 'view', label: 'View', fieldtype: 'Select', options: 'Sales Stage\nLead Funnel', default: 'Sales Stage', reqd: 1 },
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-12 months' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
    { fieldname: 'owner', label: 'Owner', fieldtype: 'Link', options: 'User' },
    { fieldname: 'source', label: 'Source', fieldtype: 'Link', options: 'Lead Source' },
    { fieldname: 'campaign', label: 'Campaign', fieldtype: 'Link', options: 'Campaign' },
    { fieldname: 'territory', label: 'Territory', fieldtype: 'Link', options: 'Territory' },
  ],
  columns: STAGE_COLUMNS,
  async execute(f, ctx) {
    if (f.view !== 'Lead Funnel') return stageView(await stageFunnel(f, ctx));
    const { rows, totals } = await leadFunnel(f, ctx);
    return {
      columns: LEAD_COLUMNS,
      result: rows,
      chart: { type: 'bar', data: { labels: rows.map((r) => r.step), datasets: [{ name: 'Leads', values: rows.map((r) => r.leads) }] } },
      report_summary: [
        { value: totals.leads, label: 'Leads', datatype: 'Int', indicator: 'Blue' },
        { value: percent(totals.orders, totals.leads), label: 'Lead to Order', datatype: 'Percent', indicator: 'Green' },
        { value: totals.order_value, label: 'Order Value', datatype: 'Currency', indicator: 'Green' },
      ],
    };
  },
});
