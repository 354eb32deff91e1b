/**
 * The Lead Funnel view of Sales Pipeline Leakage: one cohort, the leads created in the period,
 * followed to opportunities, quotations and orders (lead-progress.ts says how). One aggregate row
 * from the database, laid out as one row per step.
 */
import { roundDecimal } from '../../core/document';
import type { ReportColumn, ReportContext } from '../../core/reports';
import { leadProgress, progressMeasures, progressTally, type LeadFilters, type ProgressTotals } from './lead-progress';

export const LEAD_COLUMNS: ReportColumn[] = [
  { fieldname: 'step', label: 'Step', fieldtype: 'Data', width: 160 },
  { fieldname: 'leads', label: 'Leads', fieldtype: 'Int', width: 100 },
  { fieldname: 'of_previous', label: 'Of Previous Step %', fieldtype: 'Percent', width: 150 },
  { fieldname: 'of_cohort', label: 'Of All Leads %', fieldtype: 'Percent', width: 130 },
  // Leads counted at a step because they reached a later one without a document of this step.
  { fieldname: 'skipped', label: 'Skipped This Step', fieldtype: 'Int', width: 150 },
];

export type LeadStepRow = {
  step: string;
  leads: number;
  of_previous: number | null;
  of_cohort: number | null;
  skipped: number | null;
};

/** a / b as a percentage at two decimals (exact half-up), empty when b is 0. */
export function percent(a: number, b: number): number | null {
  return b ? roundDecimal((100 * a) / b, 2) : null;
}

export async function leadFunnel(f: LeadFilters, ctx: ReportContext): Promise<{ rows: LeadStepRow[]; totals: ProgressTotals }> {
  const k = ctx.knex;
  const query = k.with('progress', leadProgress(f, ctx)).with('tally', progressTally(k)).from('tally as t').select(progressMeasures(k));
  const raw = (await ctx.first<Record<keyof ProgressTotals, unknown>>(query)) ?? {};
  const t = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Number(value ?? 0)])) as unknown as ProgressTotals;
  const steps: [string, number, number | null][] = [
    ['Leads', t.leads, null],
    ['Opportunity', t.opportunities, t.skipped_opportunity],
    ['Quotation', t.quotations, t.skipped_quotation],
    ['Sales Order', t.orders, null],
  ];
  const rows = steps.map(([step, leads, skipped], i) => ({
    step,
    leads,
    of_previous: i === 0 ? null : percent(leads, steps[i - 1]![1]),
    of_cohort: percent(leads, t.leads),
    skipped,
  }));
  return { rows, totals: t };
}
