/**
 * First Response Time for Opportunity (CRM.md section 2): of the opportunities created in the period
 * (both days included) that have a first response time, the average (whole seconds, rounded in the
 * database) and the count per day of creation, or per opportunity owner with group_by = Owner.
 * A first_response_time of 0 or empty means no response yet (the Communication controller only
 * records a response after creation), as in ERPNext, which averages values > 0.
 *
 * One query over the period: each group also counts its opportunities without a response and sums
 * its response seconds, so the summary's totals (the overall average is over opportunities, not an
 * average of daily averages) come from the group rows instead of a second scan.
 */
import type { Dialect } from '../../core/db';
import { addDays } from '../../core/document';
import { defineReport, type ReportColumn } from '../../core/reports';

type Group = { first_response_time: number | null; opportunities: number } & Record<string, unknown>;
type GroupRow = Group & { seconds: number | null; created: number };

/** Day of a creation timestamp: SQLite stores text ("YYYY-MM-DD HH:MM:SS.ffffff"), MariaDB a DATETIME. */
const DAY_OF_CREATION: Record<Dialect, string> = { mysql: 'DATE(o.creation)', sqlite: 'SUBSTR(o.creation, 1, 10)' };
/** Owners sort by code point on both databases (MariaDB's unicode_ci would order case differently). */
const BINARY: Record<Dialect, string> = { mysql: 'COLLATE utf8mb4_bin', sqlite: 'COLLATE BINARY' };

const AVERAGE = { fieldname: 'first_response_time', label: 'Average First Response Time', fieldtype: 'Duration', width: 200 } as const;
const COUNT = { fieldname: 'opportunities', label: 'Opportunities', fieldtype: 'Int', width: 120 } as const;
const DAY_COLUMNS: ReportColumn[] = [{ fieldname: 'creation_date', label: 'Created On', fieldtype: 'Date', width: 120 }, AVERAGE, COUNT];
const OWNER_COLUMNS: ReportColumn[] = [{ fieldname: 'opportunity_owner', label: 'Opportunity Owner', fieldtype: 'Link', options: 'User', width: 200 }, AVERAGE, COUNT];

export default defineReport({
  name: 'First Response Time for Opportunity',
  ref_doctype: 'Opportunity',
  module: 'CRM',
  description: 'Average time to the first reply on new opportunities, per day of creation or per owner.',
  filters: [
    { fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', reqd: 1, default: '-30 days' },
    { fieldname: 'to_date', label: 'To Date', fieldtype: 'Date', reqd: 1, default: 'Today' },
    { fieldname: 'group_by', label: 'Group By', fieldtype: 'Select', options: 'Day\nOwner', default: 'Day', reqd: 1 },
  ],
  columns: DAY_COLUMNS,
  async execute(f, ctx) {
    const k = ctx.knex;
    const byOwner = f.group_by === 'Owner';
    const created = ctx.from('Opportunity', 'o').where('o.creation', '>=', f.from_date).andWhere('o.creation', '<', addDays(f.to_date, 1));
    // An empty owner and no owner are the same group.
    const key = byOwner ? "NULLIF(o.opportunity_owner, '')" : DAY_OF_CREATION[ctx.dialect];
    const keyColumn = byOwner ? 'opportunity_owner' : 'creation_date';
    const answeredOnly = (expression: string) => `CASE WHEN o.first_response_time > 0 THEN ${expression} END`;
    const groups = created
      .select(
        k.raw(`${key} as ${keyColumn}`),
        k.raw(`ROUND(AVG(${answeredOnly('o.first_response_time')})) as first_response_time`),
        k.raw(`COUNT(${answeredOnly('1')}) as opportunities`),
        k.raw(`SUM(${answeredOnly('o.first_response_time')}) as seconds`),
        k.raw('COUNT(*) as created'),
      )
      .groupByRaw(key)
      .orderByRaw(byOwner ? `${key} IS NULL, ${key} ${BINARY[ctx.dialect]}` : key);
    const rows: Group[] = [];
    let answered = 0;
    let createdCount = 0;
    let seconds = 0;
    for (const { seconds: groupSeconds, created: groupCreated, ...row } of await ctx.rows<GroupRow>(groups)) {
      createdCount += Number(groupCreated);
      if (!(Number(row.opportunities) > 0)) continue;
      answered += Number(row.opportunities);
      seconds += Number(groupSeconds);
      rows.push(row);
    }
    const average = answered ? Math.round(seconds / answered) : null;
    return {
      columns: byOwner ? OWNER_COLUMNS : DAY_COLUMNS,
      result: rows,
      chart: {
        type: byOwner ? 'bar' : 'line',
        fieldtype: 'Duration',
        data: {
          labels: rows.map((r) => String(r[keyColumn] ?? 'Not Set')),
          datasets: [{ name: 'Average First Response Time', values: rows.map((r) => Number(r.first_response_time)) }],
        },
      },
      report_summary: [
        { value: average, label: 'Average First Response Time', datatype: 'Duration', indicator: 'Blue' },
        { value: answered, label: 'Opportunities with a Response', datatype: 'Int', indicator: 'Green' },
        { value: createdCount - answered, label: 'Opportunities without a Response', datatype: 'Int', indicator: answered === createdCount ? 'Green' : 'Orange' },
      ],
    };
  },
});
