/**
 * The SQL that lists an opportunity's lost reasons in one text, per dialect, so both databases
 * answer the same value: distinct reasons, in binary (code point) order, separated by REASON_SEPARATOR
 * (the ASCII unit separator, which no reason name holds), so the report can split the list again to
 * show it and to count per reason without a second query.
 * - MariaDB orders inside GROUP_CONCAT; utf8mb4_bin, because the column's unicode_ci collation
 *   would sort "budget" before "Price" where SQLite's BINARY sorts it after.
 * - SQLite concatenates the rows of a sorted subquery, which it reads in order.
 * Correlated on `o.name`: one index probe on `parent` per row listed.
 */
import type { Dialect } from '../../core/db';

export const REASON_DETAIL = { table: 'tabOpportunity Lost Reason Detail' } as const;

export const REASON_SEPARATOR = '\u001f';

const OF_ROW = "d.parent = o.name AND d.parenttype = 'Opportunity' AND d.parentfield = 'lost_reasons'";

export const REASONS_BY_DIALECT: Record<Dialect, { joined: string }> = {
  mysql: {
    joined: `(SELECT GROUP_CONCAT(DISTINCT d.lost_reason ORDER BY d.lost_reason COLLATE utf8mb4_bin SEPARATOR '${REASON_SEPARATOR}') FROM \`${REASON_DETAIL.table}\` d WHERE ${OF_ROW})`,
  },
  sqlite: {
    joined: `(SELECT group_concat(s.lost_reason, char(31)) FROM (SELECT DISTINCT d.lost_reason FROM \`${REASON_DETAIL.table}\` d WHERE ${OF_ROW} ORDER BY d.lost_reason COLLATE BINARY) s)`,
  },
};
