/**
 * Lost Opportunity: the best single hand-written query for the report's rows over the last year of
 * the demo data (as the Administrator, so no permission scope), per dialect. The lost reasons are a
 * correlated GROUP_CONCAT per listed row (an index probe on `parent`): on both databases it beat
 * joining the reasons and grouping by opportunity, which sorts the whole join.
 *
 * The filters are relative to today, the demo's default as-of date; the queries bind the same
 * filter values, so report and baseline always answer the same question.
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';

type Dialect = 'sqlite' | 'mysql';

const TODAY = todayDate();
const LAST_YEAR = { from_date: addDays(TODAY, -364), to_date: TODAY };

const REASONS: Record<Dialect, string> = {
  mysql: `(SELECT GROUP_CONCAT(DISTINCT d.lost_reason ORDER BY d.lost_reason COLLATE utf8mb4_bin SEPARATOR ', ')
     FROM \`tabOpportunity Lost Reason Detail\` d
     WHERE d.parent = o.name AND d.parenttype = 'Opportunity' AND d.parentfield = 'lost_reasons')`,
  sqlite: `(SELECT group_concat(s.lost_reason, ', ') FROM (
       SELECT DISTINCT d.lost_reason FROM \`tabOpportunity Lost Reason Detail\` d
       WHERE d.parent = o.name AND d.parenttype = 'Opportunity' AND d.parentfield = 'lost_reasons'
       ORDER BY d.lost_reason COLLATE BINARY) s)`,
};

/** The report's rows, narrowed by `where` (SQL with `?` placeholders) and its bindings. */
async function lostRows(k: Knex, dialect: Dialect, where: string, bindings: unknown[]): Promise<unknown[]> {
  const sql = `SELECT o.name AS opportunity, o.opportunity_from, o.party_name, o.customer_name, o.sales_stage,
      ${REASONS[dialect]} AS lost_reasons,
      o.base_opportunity_amount AS amount, o.opportunity_owner, o.territory, o.lost_on
    FROM tabOpportunity o
    WHERE o.status = 'Lost' AND o.lost_on BETWEEN ? AND ? ${where}
    ORDER BY o.lost_on DESC, o.name DESC`;
  const answer = await k.raw(sql, [LAST_YEAR.from_date, LAST_YEAR.to_date, ...bindings] as Knex.RawBinding[]);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

const SUBTREE = `AND o.territory IN (SELECT t.name FROM tabTerritory t JOIN tabTerritory root ON root.name = ? WHERE t.lft >= root.lft AND t.rgt <= root.rgt)`;
const WITH_REASON = `AND o.name IN (SELECT f.parent FROM \`tabOpportunity Lost Reason Detail\` f
    WHERE f.parenttype = 'Opportunity' AND f.parentfield = 'lost_reasons' AND f.lost_reason = ?)`;

export default [
  {
    report: 'Lost Opportunity',
    label: 'last year, all',
    filters: { ...LAST_YEAR },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => lostRows(k, dialect, '', []),
  },
  {
    report: 'Lost Opportunity',
    label: 'last year, Europe subtree',
    filters: { ...LAST_YEAR, territory: 'Europe' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => lostRows(k, dialect, SUBTREE, ['Europe']),
  },
  {
    report: 'Lost Opportunity',
    label: 'last year, one lost reason',
    filters: { ...LAST_YEAR, lost_reason: 'Price too high' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => lostRows(k, dialect, WITH_REASON, ['Price too high']),
  },
];
