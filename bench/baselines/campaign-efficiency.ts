/**
 * Campaign Efficiency: the best single hand-written query for the report's rows over the last year
 * of the demo data (as the Administrator, so no permission scope), per dialect: the per-lead EXISTS
 * probes of the Lead Funnel (pipeline-leakage.ts), tallied and grouped per campaign, joined onto the campaigns
 * that ran in the period. Without the totals row, which the engine appends (the row counts compare
 * the report's rows, which do not include it).
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';
import { TALLY } from './pipeline-leakage';

type Dialect = 'sqlite' | 'mysql';

const TODAY = todayDate();
const LAST_YEAR = { from_date: addDays(TODAY, -364), to_date: TODAY };
const BIN: Record<Dialect, string> = { mysql: 'COLLATE utf8mb4_bin', sqlite: 'COLLATE BINARY' };

function sql(d: Dialect): string {
  const pct = (a: string, b: string) => `ROUND(100.0 * COALESCE(per.${a}, 0) / NULLIF(per.${b}, 0), 2)`;
  return `WITH per AS (
      SELECT t.campaign, SUM(t.n) AS leads,
        SUM(CASE WHEN t.has_opportunity = 1 OR t.has_quotation = 1 OR t.ordered = 1 THEN t.n ELSE 0 END) AS opportunities,
        SUM(CASE WHEN t.has_quotation = 1 OR t.ordered = 1 THEN t.n ELSE 0 END) AS quotations,
        SUM(CASE WHEN t.ordered = 1 THEN t.n ELSE 0 END) AS orders,
        ROUND(COALESCE(SUM(t.order_value), 0), 2) AS order_value
      FROM (${TALLY('p.campaign,', "AND l.campaign IS NOT NULL AND l.campaign <> ''")}) t
      GROUP BY t.campaign)
    SELECT c.name AS campaign, COALESCE(per.leads, 0) AS leads, COALESCE(per.opportunities, 0) AS opportunities,
      COALESCE(per.quotations, 0) AS quotations, COALESCE(per.orders, 0) AS orders, COALESCE(per.order_value, 0) AS order_value,
      ${pct('opportunities', 'leads')} AS lead_to_opportunity, ${pct('quotations', 'opportunities')} AS opportunity_to_quotation,
      ${pct('orders', 'quotations')} AS quotation_to_order, ${pct('orders', 'leads')} AS lead_to_order,
      ROUND(per.order_value / NULLIF(per.leads, 0), 2) AS value_per_lead
    FROM tabCampaign c LEFT JOIN per ON per.campaign = c.name
    WHERE per.campaign IS NOT NULL OR ((c.start_date IS NULL OR c.start_date <= ?) AND (c.end_date IS NULL OR c.end_date >= ?))
    ORDER BY order_value DESC, leads DESC, c.name ${BIN[d]}`;
}

export default [
  {
    report: 'Campaign Efficiency',
    label: 'last year, all campaigns',
    filters: { ...LAST_YEAR },
    baseline: async (k: Knex, dialect: Dialect, _asOf: string) => {
      const answer = await k.raw(sql(dialect), [LAST_YEAR.from_date, addDays(LAST_YEAR.to_date, 1), LAST_YEAR.to_date, LAST_YEAR.from_date]);
      return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
    },
  },
];
