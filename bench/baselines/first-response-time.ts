/**
 * First Response Time for Opportunity: the best single hand-written query for the report's rows over
 * the last year of the demo data (as the Administrator, so no permission scope), per dialect: one
 * GROUP BY over the opportunities created in the period that have a response.
 *
 * The filters are relative to today, the demo's default as-of date; the queries bind the same
 * filter values, so report and baseline always answer the same question.
 */
import type { Knex } from 'knex';
import { addDays, todayDate } from '../../core/document';

type Dialect = 'sqlite' | 'mysql';

const TODAY = todayDate();
const LAST_YEAR = { from_date: addDays(TODAY, -364), to_date: TODAY };

const DAY: Record<Dialect, string> = { mysql: 'DATE(o.creation)', sqlite: 'SUBSTR(o.creation, 1, 10)' };
const OWNER_ORDER: Record<Dialect, string> = {
  mysql: 'opportunity_owner IS NULL, opportunity_owner COLLATE utf8mb4_bin',
  sqlite: 'opportunity_owner IS NULL, opportunity_owner COLLATE BINARY',
};

/** Average and count per `key` (an SQL expression named `as`), ordered by `order`. */
async function averages(k: Knex, dialect: Dialect, key: string, as: string, order: string): Promise<unknown[]> {
  const sql = `SELECT ${key} AS ${as}, ROUND(AVG(o.first_response_time)) AS first_response_time, COUNT(*) AS opportunities
    FROM tabOpportunity o
    WHERE o.creation >= ? AND o.creation < ? AND o.first_response_time > 0
    GROUP BY ${key}
    ORDER BY ${order}`;
  const answer = await k.raw(sql, [LAST_YEAR.from_date, addDays(LAST_YEAR.to_date, 1)]);
  return dialect === 'mysql' ? (answer as [unknown[]])[0] : (answer as unknown[]);
}

export default [
  {
    report: 'First Response Time for Opportunity',
    label: 'last year, per day',
    filters: { ...LAST_YEAR, group_by: 'Day' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => averages(k, dialect, DAY[dialect], 'creation_date', 'creation_date'),
  },
  {
    report: 'First Response Time for Opportunity',
    label: 'last year, per owner',
    filters: { ...LAST_YEAR, group_by: 'Owner' },
    baseline: (k: Knex, dialect: Dialect, _asOf: string) => averages(k, dialect, "NULLIF(o.opportunity_owner, '')", 'opportunity_owner', OWNER_ORDER[dialect]),
  },
];
