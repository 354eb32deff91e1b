/**
 * SQL pieces the pipeline views share, written once per dialect so both databases answer the same
 * values: the funnel order of the sales stages, whole calendar days between two dates, and the
 * stage-log rows of an opportunity.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../../core/db';
import type { ReportContext } from '../../core/reports';

/** Code-point order on both databases (MariaDB's unicode_ci would order case differently). */
export const BINARY: Record<Dialect, string> = { mysql: 'COLLATE utf8mb4_bin', sqlite: 'COLLATE BINARY' };

/**
 * The rank given to "Won": above every stage, so that a won opportunity has reached (and moved on
 * from) every stage, and the Won row is one more step of the same funnel arithmetic.
 */
export const WON_RANK = 1_000_000;

/** Child rows of the stage history, joined as `alias` (the conditions that hit the parent index). */
export const STAGE_LOG = 'tabOpportunity Stage Log';
export function onStageLog(on: Knex.JoinClause, alias: string, parent: string): void {
  on.on(`${alias}.parent`, parent).andOnVal(`${alias}.parenttype`, 'Opportunity').andOnVal(`${alias}.parentfield`, 'stage_log');
}

/**
 * Whole calendar days from `earlier` to `later` (CRM.md section 3), for Date or Datetime columns:
 * SQLite stores both as text, and julianday of the date part drops the time of day as DATEDIFF does.
 */
export function daysBetween(dialect: Dialect, later: string, earlier: string): string {
  return dialect === 'mysql' ? `DATEDIFF(${later}, ${earlier})` : `CAST(julianday(SUBSTR(${later}, 1, 10)) - julianday(SUBSTR(${earlier}, 1, 10)) AS INTEGER)`;
}

/**
 * Every Sales Stage with its position in the funnel (1, 2, ...): by stage_order, ties by name, so two
 * stages given the same order still have a "later" one. A window function over the few stage rows,
 * not over facts. Stages are configuration, read whatever the user's permissions.
 */
export function stageRanks(ctx: ReportContext): Knex.QueryBuilder {
  return ctx.knex('tabSales Stage as s').select('s.name as stage', ctx.knex.raw(`ROW_NUMBER() OVER (ORDER BY s.stage_order, s.name ${BINARY[ctx.dialect]}) as rnk`));
}

/**
 * Mean and median per group from a histogram CTE `hist(grp, days, n)` (n stays of `days` days):
 * the median without sorting raw rows. With `upto` = the stays up to and including this bucket and
 * `total` = all stays of the group, the middle positions are floor((total+1)/2) and floor(total/2)+1
 * (the same one when total is odd); a bucket covers position p when upto - n < p <= upto. Written
 * with doubled integers so that no division (integer on SQLite, decimal on MariaDB) is involved.
 * The median is the mean of the one or two buckets that cover a middle position.
 */
export function meanAndMedian(ctx: ReportContext): Knex.QueryBuilder {
  const k = ctx.knex;
  const runs = k('hist as h').select(
    'h.grp',
    'h.days',
    'h.n',
    k.raw('SUM(h.n) OVER (PARTITION BY h.grp ORDER BY h.days) as upto'),
    k.raw('SUM(h.n) OVER (PARTITION BY h.grp) as total'),
  );
  const middle = '(2 * (r.upto - r.n) < r.total AND r.total <= 2 * r.upto) OR (2 * (r.upto - r.n) <= r.total AND r.total < 2 * r.upto)';
  return k
    .from(runs.as('r'))
    .groupBy('r.grp', 'r.total')
    .select(
      'r.grp',
      'r.total as stays',
      k.raw('ROUND(SUM(r.days * r.n) * 1.0 / r.total, 2) as mean_days'),
      k.raw(`ROUND(AVG(CASE WHEN ${middle} THEN r.days END), 2) as median_days`),
    );
}
