/**
 * The Sales Stage view of Sales Pipeline Leakage: one cohort of opportunities (created in the period)
 * followed through the stages, with the exact rules of CRM.md section 3. One SQL statement of CTEs:
 *
 * - `cohort`: the opportunities the filters and the user's permissions select.
 * - `levels` / `tally`: per opportunity the furthest stage its history reached (WON_RANK when won),
 *   its current stage and whether it is lost / open; then counted per distinct combination, so the
 *   funnel arithmetic runs over a few dozen tally rows rather than over opportunities x stages.
 * - `funnel`: per step (the cohort, the stages, then Won) reached = level >= step, moved on = level > step,
 *   lost here / still open here = current stage is the step.
 * - `stays` / `hist`: the days of every stay that ended by moving on (to a later stage by the next
 *   history row, or to Won by the first submitted Sales Order when it was the last row), plus days
 *   from creation to the win under Won; counted per (step, days) and turned into mean and median.
 */
import type { Knex } from 'knex';
import { addDays } from '../../core/document';
import type { ReportContext } from '../../core/reports';
import { daysBetween, meanAndMedian, onStageLog, STAGE_LOG, stageRanks, WON_RANK } from './sql';

export interface CohortFilters {
  from_date: string;
  to_date: string;
  owner?: string;
  source?: string;
  campaign?: string;
  territory?: string;
}

export type StageRow = {
  stage: string;
  reached: number;
  lost: number;
  moved_on: number | null;
  still_open: number;
  conversion: number | null;
  leakage: number | null;
  mean_days: number | null;
  median_days: number | null;
};

/** Statuses of an opportunity still being worked (Closed, Lost and Converted are final). */
const OPEN = ['Open', 'Replied', 'Quotation'];

function cohort(f: CohortFilters, ctx: ReportContext): Knex.QueryBuilder {
  const query = ctx
    .from('Opportunity', 'o')
    .where('o.creation', '>=', f.from_date)
    .andWhere('o.creation', '<', addDays(f.to_date, 1))
    .select('o.name', 'o.status', 'o.sales_stage', 'o.creation');
  if (f.owner) query.where('o.opportunity_owner', f.owner);
  if (f.source) query.where('o.source', f.source);
  if (f.campaign) query.where('o.campaign', f.campaign);
  if (f.territory) ctx.inSubtree(query, 'o.territory', 'Territory', f.territory);
  return query;
}

/** Per opportunity: the furthest step reached, the current stage's rank, and lost / open / other. */
function levels(ctx: ReportContext): Knex.QueryBuilder {
  const k = ctx.knex;
  return k('cohort as c')
    .leftJoin(`${STAGE_LOG} as l`, (on) => onStageLog(on, 'l', 'c.name'))
    .leftJoin('ranks as r', 'r.stage', 'l.sales_stage')
    .leftJoin('ranks as cur', 'cur.stage', 'c.sales_stage')
    .groupBy('c.name', 'c.status', 'cur.rnk')
    .select(
      k.raw(`CASE WHEN c.status = 'Converted' THEN ${WON_RANK} ELSE COALESCE(MAX(r.rnk), 0) END as level`),
      'cur.rnk as cur_rnk',
      k.raw(`CASE WHEN c.status = 'Lost' THEN 'lost' WHEN c.status IN (${OPEN.map(() => '?').join(', ')}) THEN 'open' ELSE 'other' END as state`, OPEN),
    );
}

/** Per step: the counts, over the tally (each row stands for `n` opportunities). */
function funnel(ctx: ReportContext): Knex.QueryBuilder {
  const k = ctx.knex;
  const count = (condition: string, as: string) => k.raw(`COALESCE(SUM(CASE WHEN ${condition} THEN t.n END), 0) as ${as}`);
  // Every step against every tally row; LEFT, so that an empty cohort still lists every step.
  return k('steps as st')
    .joinRaw('LEFT JOIN tally t ON 1 = 1')
    .groupBy('st.stage', 'st.rnk')
    .select(
      'st.stage',
      'st.rnk',
      count('t.level >= st.rnk', 'reached'),
      count('t.level > st.rnk', 'moved_on'),
      count("t.state = 'lost' AND t.cur_rnk = st.rnk", 'lost'),
      count("t.state = 'open' AND t.cur_rnk = st.rnk", 'still_open'),
    );
}

/** The first submitted Sales Order of each won opportunity of the cohort: the day it was won. */
function won(ctx: ReportContext): Knex.QueryBuilder {
  const k = ctx.knex;
  return k('tabQuotation as q')
    .join('tabSales Order as so', 'so.quotation', 'q.name')
    .where('so.docstatus', 1)
    .whereIn('q.opportunity', k('cohort as wc').where('wc.status', 'Converted').select('wc.name'))
    .groupBy('q.opportunity')
    .select('q.opportunity', k.raw('MIN(so.transaction_date) as won_on'));
}

/** Stays that ended by moving on, with their days; and each win's days from creation, under WON_RANK. */
function stays(ctx: ReportContext): Knex.QueryBuilder {
  const k = ctx.knex;
  const d = ctx.dialect;
  const toWin = k('cohort as wc').join('won as w', 'w.opportunity', 'wc.name').select(k.raw(`${WON_RANK} as grp`), k.raw(`${daysBetween(d, 'w.won_on', 'wc.creation')} as days`));
  return k('cohort as c')
    .join(`${STAGE_LOG} as l`, (on) => onStageLog(on, 'l', 'c.name'))
    .join('ranks as r', 'r.stage', 'l.sales_stage')
    // The history is numbered from 1 in the order it was written: the next row is idx + 1.
    .leftJoin(`${STAGE_LOG} as nx`, (on) => {
      onStageLog(on, 'nx', 'l.parent');
      on.andOn('nx.idx', '=', k.raw('l.idx + 1'));
    })
    .leftJoin('ranks as rn', 'rn.stage', 'nx.sales_stage')
    .leftJoin('won as w', (on) => on.on('w.opportunity', 'c.name').andOnNull('nx.name'))
    .where((w) => w.whereRaw('rn.rnk > r.rnk').orWhere((last) => last.whereNull('nx.name').whereNotNull('w.won_on')))
    .select('r.rnk as grp', k.raw(`${daysBetween(d, 'COALESCE(nx.entered_on, w.won_on)', 'l.entered_on')} as days`))
    .unionAll(toWin);
}

/** The steps in funnel order (the stages, then Won) and the number of opportunities in the cohort. */
export async function stageFunnel(f: CohortFilters, ctx: ReportContext): Promise<{ rows: StageRow[]; cohort: number }> {
  const k = ctx.knex;
  // Step 0, before the first stage, is reached by every opportunity: the cohort's size, counted by
  // the same pass (a second reference to the tally would make SQLite compute it again).
  const steps = k('ranks')
    .select('stage', 'rnk')
    .unionAll(k.select(k.raw(`'' as stage`), k.raw('0 as rnk')))
    .unionAll(k.select(k.raw(`'Won' as stage`), k.raw(`${WON_RANK} as rnk`)));
  const query = k
    .with('ranks', stageRanks(ctx))
    .with('cohort', cohort(f, ctx))
    .with('levels', levels(ctx))
    .with('tally', k('levels').groupBy('level', 'cur_rnk', 'state').select('level', 'cur_rnk', 'state', k.raw('COUNT(*) as n')))
    .with('steps', steps)
    .with('funnel', funnel(ctx))
    .with('won', won(ctx))
    .with('stays', stays(ctx))
    .with('hist', k('stays').groupBy('grp', 'days').select('grp', 'days', k.raw('COUNT(*) as n')))
    .with('timing', meanAndMedian(ctx))
    .from('funnel as fu')
    .leftJoin('timing as tm', 'tm.grp', 'fu.rnk')
    .select(
      'fu.stage',
      'fu.reached',
      'fu.lost',
      // The Won row ends the funnel: nothing moves on from it, nothing leaks there.
      k.raw(`CASE WHEN fu.rnk = ${WON_RANK} THEN NULL ELSE fu.moved_on END as moved_on`),
      'fu.still_open',
      k.raw(`CASE WHEN fu.rnk = ${WON_RANK} THEN NULL ELSE ROUND(100.0 * fu.moved_on / NULLIF(fu.reached, 0), 2) END as conversion`),
      k.raw(`CASE WHEN fu.rnk = ${WON_RANK} THEN NULL ELSE ROUND(100.0 * fu.lost / NULLIF(fu.reached, 0), 2) END as leakage`),
      'tm.mean_days',
      'tm.median_days',
    )
    .orderBy('fu.rnk');
  const [all, ...rows] = await ctx.rows<StageRow>(query);
  return { rows, cohort: Number(all?.reached ?? 0) };
}
