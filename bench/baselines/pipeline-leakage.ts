/**
 * Sales Pipeline Leakage: the best single hand-written query for the report's rows over the last year
 * of the demo data (as the Administrator, so no permission scope), per dialect.
 *
 * - Stage view (with step 0, reached by the whole cohort: the summary's count, dropped from the rows): the funnel from a per-opportunity GROUP BY (furthest stage reached) counted per
 *   distinct level, joined onto the handful of stages; the stay durations from the history joined
 *   to its next row by idx (a probe on the parent index), a (stage, days) histogram and the median
 *   from cumulative counts (window functions over the histogram's few hundred rows only). LEAD()
 *   over the cohort's history rows was measured as the alternative (see `STAYS_BY_LEAD`).
 * - Lead Funnel: EXISTS probes per lead, counted per flag combination, then one aggregate.
 *
 * The filters are relative to today, the demo's default as-of date; the queries bind the same
 * filter values, so report and baseline always answer the same question.
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';

type Dialect = 'sqlite' | 'mysql';

const TODAY = todayDate();
const LAST_YEAR = { from_date: addDays(TODAY, -364), to_date: TODAY };
const WON = 1000000;

const BIN: Record<Dialect, string> = { mysql: 'COLLATE utf8mb4_bin', sqlite: 'COLLATE BINARY' };
const days = (d: Dialect, later: string, earlier: string) =>
  d === 'mysql' ? `DATEDIFF(${later}, ${earlier})` : `CAST(julianday(SUBSTR(${later}, 1, 10)) - julianday(SUBSTR(${earlier}, 1, 10)) AS INTEGER)`;

const SUBTREE = `AND o.territory IN (SELECT t.name FROM tabTerritory t JOIN tabTerritory root ON root.name = ? WHERE t.lft >= root.lft AND t.rgt <= root.rgt)`;
const LOG_OF = (alias: string, parent: string) => `${alias}.parent = ${parent} AND ${alias}.parenttype = 'Opportunity' AND ${alias}.parentfield = 'stage_log'`;

function stageSql(d: Dialect, where: string): string {
  return `WITH ranks AS (SELECT name AS stage, ROW_NUMBER() OVER (ORDER BY stage_order, name ${BIN[d]}) AS rnk FROM \`tabSales Stage\`),
  cohort AS (SELECT o.name, o.status, o.sales_stage, o.creation FROM tabOpportunity o WHERE o.creation >= ? AND o.creation < ? ${where}),
  levels AS (
    SELECT CASE WHEN c.status = 'Converted' THEN ${WON} ELSE COALESCE(MAX(r.rnk), 0) END AS level, cur.rnk AS cur_rnk,
      CASE WHEN c.status = 'Lost' THEN 'lost' WHEN c.status IN ('Open', 'Replied', 'Quotation') THEN 'open' ELSE 'other' END AS state
    FROM cohort c LEFT JOIN \`tabOpportunity Stage Log\` l ON ${LOG_OF('l', 'c.name')}
    LEFT JOIN ranks r ON r.stage = l.sales_stage LEFT JOIN ranks cur ON cur.stage = c.sales_stage
    GROUP BY c.name, c.status, cur.rnk),
  tally AS (SELECT level, cur_rnk, state, COUNT(*) AS n FROM levels GROUP BY level, cur_rnk, state),
  steps AS (SELECT stage, rnk FROM ranks UNION ALL SELECT '', 0 UNION ALL SELECT 'Won', ${WON}),
  funnel AS (
    SELECT st.stage, st.rnk,
      COALESCE(SUM(CASE WHEN t.level >= st.rnk THEN t.n END), 0) AS reached,
      COALESCE(SUM(CASE WHEN t.level > st.rnk THEN t.n END), 0) AS moved_on,
      COALESCE(SUM(CASE WHEN t.state = 'lost' AND t.cur_rnk = st.rnk THEN t.n END), 0) AS lost,
      COALESCE(SUM(CASE WHEN t.state = 'open' AND t.cur_rnk = st.rnk THEN t.n END), 0) AS still_open
    FROM steps st LEFT JOIN tally t ON 1 = 1 GROUP BY st.stage, st.rnk),
  won AS (
    SELECT q.opportunity, MIN(so.transaction_date) AS won_on FROM tabQuotation q JOIN \`tabSales Order\` so ON so.quotation = q.name
    WHERE so.docstatus = 1 AND q.opportunity IN (SELECT name FROM cohort WHERE status = 'Converted') GROUP BY q.opportunity),
  stays AS (
    SELECT r.rnk AS grp, ${days(d, 'COALESCE(nx.entered_on, w.won_on)', 'l.entered_on')} AS days
    FROM cohort c JOIN \`tabOpportunity Stage Log\` l ON ${LOG_OF('l', 'c.name')} JOIN ranks r ON r.stage = l.sales_stage
    LEFT JOIN \`tabOpportunity Stage Log\` nx ON ${LOG_OF('nx', 'l.parent')} AND nx.idx = l.idx + 1
    LEFT JOIN ranks rn ON rn.stage = nx.sales_stage
    LEFT JOIN won w ON w.opportunity = c.name AND nx.name IS NULL
    WHERE rn.rnk > r.rnk OR (nx.name IS NULL AND w.won_on IS NOT NULL)
    UNION ALL SELECT ${WON}, ${days(d, 'w.won_on', 'c.creation')} FROM cohort c JOIN won w ON w.opportunity = c.name),
  hist AS (SELECT grp, days, COUNT(*) AS n FROM stays GROUP BY grp, days),
  timing AS (
    SELECT grp, total, ROUND(SUM(days * n) * 1.0 / total, 2) AS mean_days,
      ROUND(AVG(CASE WHEN (2 * (upto - n) < total AND total <= 2 * upto) OR (2 * (upto - n) <= total AND total < 2 * upto) THEN days END), 2) AS median_days
    FROM (SELECT grp, days, n, SUM(n) OVER (PARTITION BY grp ORDER BY days) AS upto, SUM(n) OVER (PARTITION BY grp) AS total FROM hist) h
    GROUP BY grp, total)
  SELECT fu.stage, fu.reached, fu.lost, CASE WHEN fu.rnk = ${WON} THEN NULL ELSE fu.moved_on END AS moved_on, fu.still_open,
    CASE WHEN fu.rnk = ${WON} THEN NULL ELSE ROUND(100.0 * fu.moved_on / NULLIF(fu.reached, 0), 2) END AS conversion,
    CASE WHEN fu.rnk = ${WON} THEN NULL ELSE ROUND(100.0 * fu.lost / NULLIF(fu.reached, 0), 2) END AS leakage,
    tm.mean_days, tm.median_days
  FROM funnel fu LEFT JOIN timing tm ON tm.grp = fu.rnk ORDER BY fu.rnk`;
}

async function rows(k: Knex, dialect: Dialect, sql: string, bindings: unknown[]): Promise<unknown[]> {
  const answer = await k.raw(sql, bindings as Knex.RawBinding[]);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

const PERIOD = [LAST_YEAR.from_date, addDays(LAST_YEAR.to_date, 1)];

/** The per-lead probes counted per flag combination first, so each probe runs once per lead. */
export const TALLY = (keys: string, where = '') => `SELECT ${keys} p.has_opportunity, p.has_quotation, CASE WHEN p.order_value IS NULL THEN 0 ELSE 1 END AS ordered,
    COUNT(*) AS n, SUM(p.order_value) AS order_value
  FROM (${LEAD_PROGRESS} ${where}) p GROUP BY ${keys} p.has_opportunity, p.has_quotation, ordered`;

/** One aggregate row; the report lays it out as four steps (so the baseline's "rows" are counted as 4). */
function leadSql(): string {
  return `SELECT COALESCE(SUM(t.n), 0) AS leads,
      SUM(CASE WHEN t.has_opportunity = 1 OR t.has_quotation = 1 OR t.ordered = 1 THEN t.n ELSE 0 END) AS opportunities,
      SUM(CASE WHEN t.has_quotation = 1 OR t.ordered = 1 THEN t.n ELSE 0 END) AS quotations,
      SUM(CASE WHEN t.ordered = 1 THEN t.n ELSE 0 END) AS orders,
      ROUND(COALESCE(SUM(t.order_value), 0), 2) AS order_value,
      SUM(CASE WHEN t.has_opportunity = 0 AND (t.has_quotation = 1 OR t.ordered = 1) THEN t.n ELSE 0 END) AS skipped_opportunity,
      SUM(CASE WHEN t.has_quotation = 0 AND t.ordered = 1 THEN t.n ELSE 0 END) AS skipped_quotation
    FROM (${TALLY('')}) t`;
}

export const LEAD_PROGRESS = `SELECT l.name, l.campaign,
    CASE WHEN EXISTS (SELECT 1 FROM tabOpportunity o WHERE o.opportunity_from = 'Lead' AND o.party_name = l.name)
      OR EXISTS (SELECT 1 FROM tabCustomer cu JOIN tabOpportunity o ON o.party_name = cu.name AND o.opportunity_from = 'Customer' WHERE cu.lead_name = l.name) THEN 1 ELSE 0 END AS has_opportunity,
    CASE WHEN EXISTS (SELECT 1 FROM tabQuotation q WHERE q.quotation_to = 'Lead' AND q.party_name = l.name AND q.docstatus = 1)
      OR EXISTS (SELECT 1 FROM tabCustomer cu JOIN tabQuotation q ON q.party_name = cu.name AND q.quotation_to = 'Customer' AND q.docstatus = 1 WHERE cu.lead_name = l.name) THEN 1 ELSE 0 END AS has_quotation,
    (SELECT SUM(so.base_net_total) FROM tabCustomer cu JOIN \`tabSales Order\` so ON so.customer = cu.name AND so.docstatus = 1 WHERE cu.lead_name = l.name) AS order_value
  FROM tabLead l WHERE l.creation >= ? AND l.creation < ?`;

export default [
  {
    report: 'Sales Pipeline Leakage',
    label: 'last year, stages',
    filters: { ...LAST_YEAR },
    baseline: async (k: Knex, dialect: Dialect, _asOf: string) => (await rows(k, dialect, stageSql(dialect, ''), PERIOD)).slice(1),
  },
  {
    report: 'Sales Pipeline Leakage',
    label: 'last year, stages, Europe subtree',
    filters: { ...LAST_YEAR, territory: 'Europe' },
    baseline: async (k: Knex, dialect: Dialect, _asOf: string) => (await rows(k, dialect, stageSql(dialect, SUBTREE), [...PERIOD, 'Europe'])).slice(1),
  },
  {
    report: 'Sales Pipeline Leakage',
    label: 'last year, lead funnel',
    filters: { ...LAST_YEAR, view: 'Lead Funnel' },
    baseline: async (k: Knex, dialect: Dialect, _asOf: string) => {
      const [total] = await rows(k, dialect, leadSql(), PERIOD);
      return total ? [total, total, total, total] : [];
    },
  },
];
