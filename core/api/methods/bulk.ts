/**
 * The list view's bulk actions: delete, submit or cancel many documents in one request. Each document
 * goes through its own transaction and permission checks, as if acted on alone, so one refusal (a
 * linked document, a missing right) fails that row only; the answer names each failure and why.
 */
import { TabulaError, ValidationError } from '../../errors';
import { requiredText, type Args } from '../params';
import { write, type MethodCall, type MethodTable } from './types';

const ACTIONS = ['delete', 'submit', 'cancel'] as const;
type Action = (typeof ACTIONS)[number];

/** As many as the list view shows on its largest page. */
const MAX_NAMES = 500;

const STATE: Record<number, string> = { 0: 'draft', 1: 'submitted', 2: 'cancelled' };

interface Failure {
  name: string;
  exc_type: string;
  message: string;
}

function namesArg(args: Args): string[] {
  let value = args.names;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError('names is not valid JSON', [{ fieldname: 'names', message: 'names must be a JSON list of document names' }]);
    }
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((n) => typeof n === 'string' || typeof n === 'number'))
    throw new ValidationError('names must be a non-empty list of document names', [{ fieldname: 'names', message: 'expected a list of document names' }]);
  if (value.length > MAX_NAMES) throw new ValidationError(`At most ${MAX_NAMES} documents at once`, [{ fieldname: 'names', message: `got ${value.length}, the limit is ${MAX_NAMES}` }]);
  return [...new Set(value.map(String))];
}

function actionArg(args: Args): Action {
  const action = requiredText(args, 'action').toLowerCase();
  if (!(ACTIONS as readonly string[]).includes(action)) throw new ValidationError(`action must be one of ${ACTIONS.join(', ')}`, [{ fieldname: 'action', message: `unknown action "${action}"` }]);
  return action as Action;
}

async function bulkAction({ ctx, args, state }: MethodCall) {
  const doctype = state.site.registry.get(requiredText(args, 'doctype')).name;
  const action = actionArg(args);
  const names = namesArg(args);
  const done: string[] = [];
  const failed: Failure[] = [];
  for (const name of names) {
    try {
      if (action === 'delete') await ctx.documents.delete(doctype, name);
      else {
        // As Frappe's submit_cancel_or_update_docs: only drafts are submitted and only submitted
        // documents cancelled; saving docstatus 1 again would quietly be an update after submit.
        const from = action === 'submit' ? 0 : 1;
        const { docstatus } = await ctx.documents.get(doctype, name);
        if (Number(docstatus) !== from) throw new ValidationError(`${doctype} ${name} is ${STATE[Number(docstatus)] ?? 'not a draft'}: only ${STATE[from]} documents can be ${action === 'submit' ? 'submitted' : 'cancelled'}`, [{ fieldname: 'docstatus', message: `is ${docstatus}` }]);
        if (action === 'submit') await ctx.documents.submit(doctype, name);
        else await ctx.documents.cancel(doctype, name);
      }
      done.push(name);
    } catch (error) {
      // Only the framework's own refusals are a row's failure; anything else is a server fault.
      if (!(error instanceof TabulaError)) throw error;
      failed.push({ name, exc_type: error.excType, message: error.message });
    }
  }
  return { done, failed };
}

export const BULK_METHODS: MethodTable = {
  'tabula.desk.bulk_action': write(bulkAction),
};
