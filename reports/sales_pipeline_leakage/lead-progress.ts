/**
 * How far each lead of a cohort got: an opportunity, a submitted quotation, submitted sales orders.
 * Shared by the Lead Funnel view and Campaign Efficiency, so both count the same way.
 *
 * A lead is followed across its conversion to a Customer (Customer.lead_name), unlike ERPNext, which
 * stops counting once the party is no longer the Lead: an opportunity or quotation for the lead or
 * for its customer counts, and the orders are the customer's submitted Sales Orders (any date, so a
 * lead converted directly, Lead -> Customer -> Sales Order, counts as ordered). Drafts and cancelled
 * quotations and orders never count; an opportunity counts in any status (it was one).
 *
 * Each flag is an EXISTS probe on an indexed Link column (party_name, lead_name, customer) per lead
 * of the cohort, never a scan of the documents.
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/document';
import type { ReportContext } from '../../core/reports';

export interface LeadFilters {
  from_date: string;
  to_date: string;
  owner?: string;
  source?: string;
  campaign?: string;
  territory?: string;
}

const HAS_OPPORTUNITY = `CASE WHEN EXISTS (SELECT 1 FROM tabOpportunity o WHERE o.opportunity_from = 'Lead' AND o.party_name = l.name)
  OR EXISTS (SELECT 1 FROM tabCustomer cu JOIN tabOpportunity o ON o.party_name = cu.name AND o.opportunity_from = 'Customer' WHERE cu.lead_name = l.name)
  THEN 1 ELSE 0 END`;

const HAS_QUOTATION = `CASE WHEN EXISTS (SELECT 1 FROM tabQuotation q WHERE q.quotation_to = 'Lead' AND q.party_name = l.name AND q.docstatus = 1)
  OR EXISTS (SELECT 1 FROM tabCustomer cu JOIN tabQuotation q ON q.party_name = cu.name AND q.quotation_to = 'Customer' AND q.docstatus = 1 WHERE cu.lead_name = l.name)
  THEN 1 ELSE 0 END`;

/** NULL when the lead's customers have no submitted order: the order flag and the value in one probe. */
const ORDER_VALUE = `(SELECT SUM(so.base_net_total) FROM tabCustomer cu JOIN \`tabSales Order\` so ON so.customer = cu.name AND so.docstatus = 1 WHERE cu.lead_name = l.name)`;

/**
 * The leads created in the period that the filters and the user's permissions select, as `l`, with
 * `has_opportunity`, `has_quotation` (0/1) and `order_value` (NULL: no order), plus `extra` columns.
 */
export function leadProgress(f: LeadFilters, ctx: ReportContext, extra: string[] = []): Knex.QueryBuilder {
  const k = ctx.knex;
  const query = ctx
    .from('Lead', 'l')
    .where('l.creation', '>=', f.from_date)
    .andWhere('l.creation', '<', addDays(f.to_date, 1))
    .select('l.name', ...extra, k.raw(`${HAS_OPPORTUNITY} as has_opportunity`), k.raw(`${HAS_QUOTATION} as has_quotation`), k.raw(`${ORDER_VALUE} as order_value`));
  if (f.owner) query.where('l.lead_owner', f.owner);
  if (f.source) query.where('l.source', f.source);
  if (f.campaign) query.where('l.campaign', f.campaign);
  if (f.territory) ctx.inSubtree(query, 'l.territory', 'Territory', f.territory);
  return query;
}

/**
 * The cohort counted per combination of flags (and `keys`, e.g. the campaign), as `tally(keys...,
 * has_opportunity, has_quotation, ordered, n, order_value)`. Counting first, then deriving every
 * measure from the few tally rows, evaluates each lead's probes once: measures written straight over
 * the per-lead rows repeat the probes once per mention (both databases merge the subquery), which
 * measured 2-4x slower.
 */
export function progressTally(k: Knex, keys: string[] = []): Knex.QueryBuilder {
  const ordered = k.raw('CASE WHEN p.order_value IS NULL THEN 0 ELSE 1 END as ordered');
  return k('progress as p')
    .select(...keys.map((key) => `p.${key}`), 'p.has_opportunity', 'p.has_quotation', ordered, k.raw('COUNT(*) as n'), k.raw('SUM(p.order_value) as order_value'))
    .groupBy(...keys.map((key) => `p.${key}`), 'p.has_opportunity', 'p.has_quotation', 'ordered');
}

/**
 * The measures over `tally as t`. Counts are of leads, and "reached" a step: a lead with an order
 * has reached the quotation and opportunity steps too, even when it skipped them, so the funnel
 * never widens; the skips are counted apart.
 */
const ORDERED = 't.ordered = 1';
const QUOTED = `(t.has_quotation = 1 OR ${ORDERED})`;
const IN_PIPELINE = `(t.has_opportunity = 1 OR ${QUOTED})`;

export function progressMeasures(k: Knex): Knex.Raw[] {
  const count = (condition: string, as: string) => k.raw(`COALESCE(SUM(CASE WHEN ${condition} THEN t.n ELSE 0 END), 0) as ${as}`);
  return [
    k.raw('COALESCE(SUM(t.n), 0) as leads'),
    count(IN_PIPELINE, 'opportunities'),
    count(QUOTED, 'quotations'),
    count(ORDERED, 'orders'),
    k.raw('ROUND(COALESCE(SUM(t.order_value), 0), 2) as order_value'),
    count(`t.has_opportunity = 0 AND ${QUOTED}`, 'skipped_opportunity'),
    count(`t.has_quotation = 0 AND ${ORDERED}`, 'skipped_quotation'),
  ];
}

export interface ProgressTotals {
  leads: number;
  opportunities: number;
  quotations: number;
  orders: number;
  order_value: number;
  skipped_opportunity: number;
  skipped_quotation: number;
}
