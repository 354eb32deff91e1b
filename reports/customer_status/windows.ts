/**
 * The window comparison of Customer Status (CRM.md section 3, "Windows") as SQL over two per-customer
 * figures: the change % and the trend. Revenue arrives in integer cents (and order counts are
 * integers), so `(last - previous) * 100 >= threshold * previous` decides a boundary exactly on both
 * databases, where a float change % could land a hair either side of the threshold.
 */
import type { Knex } from 'knex';

export interface WindowSql {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** Change % of `last` against `previous`, two decimals; NULL when previous is 0 (no base to compare). */
export function changeSql(last: string, previous: string): string {
  return `CASE WHEN ${previous} > 0 THEN ROUND((${last} - ${previous}) * 100.0 / ${previous}, 2) END`;
}

/** Surge / Drop / Steady: previous 0 and last > 0 is a Surge, both 0 Steady, else by the threshold. */
export function trendSql(last: string, previous: string, threshold: number): WindowSql {
  return {
    sql: `CASE WHEN ${previous} = 0 THEN (CASE WHEN ${last} > 0 THEN 'Surge' ELSE 'Steady' END)
      WHEN (${last} - ${previous}) * 100 >= ? * ${previous} THEN 'Surge'
      WHEN (${last} - ${previous}) * 100 <= ? * ${previous} THEN 'Drop'
      ELSE 'Steady' END`,
    bindings: [threshold, -threshold],
  };
}
