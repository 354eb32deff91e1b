/**
 * From insight to action (issue #7): selected customers become follow-ups, one ToDo per customer
 * assigned to the customer's sales person, due on `date`, with the note as its description.
 *
 * Who gets it: the customer's account manager when set (and enabled); else the user of the first
 * Sales Team row (rows in their order, idx) whose Sales Person has an enabled user; else the caller. A customer the caller may not read (rights, User Permissions) or that does not
 * exist is skipped with its reason, as is one whose sales person already has an open follow-up on
 * it. The arguments are checked before anything is written, each error naming its argument, and
 * every ToDo of one call is written in one transaction: all of them, or none.
 *
 * `tabula.crm.assign_follow_ups` (POST): customers (JSON list of Customer names), date (YYYY-MM-DD),
 * description (the note), priority (High | Medium | Low, default Medium). Answers
 * `{created: [{customer, customer_name, todo, allocated_to, via}], skipped: [{customer, reason, message}]}`.
 */
import { assign, enabledUsers, TODO, textList } from '../../core/api/methods/assign_to';
import { requiredText, optionalText } from '../../core/api/params';
import type { MethodCall } from '../../core/api/methods/types';
import { PermissionError, TabulaError, ValidationError } from '../../core/errors';

const CUSTOMER = 'Customer';
const PRIORITIES = ['High', 'Medium', 'Low'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Via = 'account_manager' | 'sales_person' | 'caller';
export type SkipReason = 'not_found' | 'not_permitted' | 'already_assigned';

export interface Created {
  customer: string;
  customer_name: string | null;
  todo: string;
  allocated_to: string;
  via: Via;
}

export interface Skipped {
  customer: string;
  reason: SkipReason;
  message: string;
}

interface Candidate {
  customer: string;
  customer_name: string | null;
  allocated_to: string;
  via: Via;
}

/** A real calendar date written YYYY-MM-DD. */
export function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Account manager, else the first sales-team row's sales person's user, among enabled users: one query. */
async function salesUsers(call: MethodCall, customers: string[]): Promise<Map<string, { customer_name: string | null; account_manager: string | null; team_user: string | null }>> {
  const k = call.ctx.documents.k;
  const firstTeamUser = k('tabSales Team as st')
    .join('tabSales Person as sp', 'sp.name', 'st.sales_person')
    .join('tabUser as su', 'su.name', 'sp.user')
    .where('st.parent', k.ref('c.name'))
    .where({ 'st.parenttype': CUSTOMER, 'st.parentfield': 'sales_team', 'su.enabled': 1 })
    .orderBy([{ column: 'st.idx', order: 'asc' }, { column: 'st.name', order: 'asc' }])
    .limit(1)
    .select('sp.user');
  const rows = (await k('tabCustomer as c')
    .leftJoin('tabUser as am', (on) => on.on('am.name', 'c.account_manager').andOnVal('am.enabled', 1))
    .whereIn('c.name', customers)
    .select('c.name', 'c.customer_name', 'am.name as account_manager', firstTeamUser.as('team_user'))) as { name: string; customer_name: string | null; account_manager: string | null; team_user: string | null }[];
  return new Map(rows.map((r) => [r.name, r]));
}

export async function assignFollowUps(call: MethodCall): Promise<{ created: Created[]; skipped: Skipped[] }> {
  const { ctx, args, state } = call;
  const registry = state.site.registry;
  // Arguments first, each error naming its argument: nothing is read or written before they pass.
  const customers = textList(args, 'customers');
  const date = requiredText(args, 'date').trim();
  if (!validDate(date)) throw new ValidationError(`date must be a date as YYYY-MM-DD (got "${date}")`, [{ fieldname: 'date', message: 'expected YYYY-MM-DD' }]);
  const description = requiredText(args, 'description').trim();
  const priority = optionalText(args, 'priority') ?? 'Medium';
  if (!PRIORITIES.includes(priority)) throw new ValidationError(`priority must be one of ${PRIORITIES.join(', ')}`, [{ fieldname: 'priority', message: `unknown priority "${priority}"` }]);
  const todoMeta = registry.get(TODO);
  if (!ctx.access.can(todoMeta, 'create')) throw new PermissionError('No permission to create ToDo', [{ fieldname: 'doctype', message: 'creating follow-ups needs the create right on ToDo' }]);
  const customerMeta = registry.get(CUSTOMER);

  const skipped: Skipped[] = [];
  const candidates: Candidate[] = [];
  const team = await salesUsers(call, customers);
  const [caller] = await enabledUsers(ctx.documents.k, [ctx.user], 'user');
  for (const requested of customers) {
    let stored: string;
    try {
      // Read as the caller: rights, if_owner and User Permissions decide, as for any form.
      stored = String((await ctx.documents.get(CUSTOMER, requested)).name);
    } catch (error) {
      if (!(error instanceof TabulaError)) throw error;
      const reason: SkipReason = error.httpStatus === 404 ? 'not_found' : 'not_permitted';
      skipped.push({ customer: requested, reason, message: reason === 'not_found' ? `Customer ${requested} not found` : `No permission to read Customer ${requested}` });
      continue;
    }
    if (candidates.some((c) => c.customer === stored)) continue;
    const row = team.get(stored);
    const via: Via = row?.account_manager ? 'account_manager' : row?.team_user ? 'sales_person' : 'caller';
    const allocated_to = row?.account_manager ?? row?.team_user ?? caller!;
    candidates.push({ customer: stored, customer_name: row?.customer_name ?? null, allocated_to, via });
  }

  const created: Created[] = [];
  await ctx.documents.transaction(async (store) => {
    for (const c of candidates) {
      const todo = await assign(store, customerMeta, { doctype: CUSTOMER, name: c.customer, user: c.allocated_to, description, date, priority, assignedBy: ctx.user });
      if (todo) created.push({ ...c, todo });
      else skipped.push({ customer: c.customer, reason: 'already_assigned', message: `${c.allocated_to} already has an open follow-up on ${c.customer}` });
    }
  });
  return { created, skipped };
}
