/**
 * Frappe's assignments (`frappe.desk.form.assign_to.*`): an assignment is a ToDo allocated to a user
 * that references a document. The document's `_assign` column keeps the JSON list of the users with
 * an open assignment, as in Frappe, written without touching `modified`.
 *
 * - `add` (doctype, name, assign_to: JSON list of users, description, date, priority) answers the
 *   document's open assignments; a user who already has one open is left as is.
 * - `add_multiple` (the same, name a JSON list of names) answers nothing, as in Frappe.
 * - `remove` (doctype, name, assign_to: one user) cancels that user's open assignment; `close`
 *   closes it. Both answer the open assignments.
 * - `get` (doctype, name) answers the open assignments of a document the user may read.
 *
 * The caller must be able to read the document and create ToDos; everything one call writes is in
 * one transaction, so a refused user or value leaves nothing written.
 */
import type { DocumentStore, Executor } from '../../document';
import { DoesNotExistError, ValidationError } from '../../errors';
import type { DocTypeMeta, MetaRegistry } from '../../meta';
import { optionalText, requiredText, type Args } from '../params';
import { read, write, type MethodCall, type MethodTable } from './types';

export const TODO = 'ToDo';
const OPEN = 'Open';
const MAX_NAMES = 500;

export interface Assignment {
  /** Frappe's key for the allocated user. */
  owner: string;
  name: string;
  allocated_to: string;
  description: string | null;
  date: string | null;
  priority: string | null;
  status: string;
  assigned_by: string | null;
}

export interface AssignmentRequest {
  doctype: string;
  name: string;
  user: string;
  description?: string;
  date?: string;
  priority?: string;
  assignedBy: string;
}

/** A JSON list (or a list) of non-empty texts; a 417 naming `key` otherwise. */
export function textList(args: Args, key: string, max = MAX_NAMES): string[] {
  let value = args[key];
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new ValidationError(`${key} is not valid JSON`, [{ fieldname: key, message: `${key} must be a JSON list` }]);
      }
    } else value = text ? [text] : [];
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number'))
    throw new ValidationError(`${key} must be a non-empty list`, [{ fieldname: key, message: `${key} must be a non-empty list of names` }]);
  if (value.length > max) throw new ValidationError(`At most ${max} ${key} at once`, [{ fieldname: key, message: `got ${value.length}, the limit is ${max}` }]);
  return [...new Set(value.map((v) => String(v).trim()))];
}

/** Enabled users among `users`, by their stored name; a 417 naming `key` for any other. */
export async function enabledUsers(k: Executor, users: string[], key = 'assign_to'): Promise<string[]> {
  const rows = (await k('tabUser').whereIn('name', users).select('name', 'enabled')) as { name: string; enabled: number }[];
  const found = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  return users.map((user) => {
    const row = found.get(user.toLowerCase());
    if (!row) throw new ValidationError(`User ${user} does not exist`, [{ fieldname: key, message: `no user "${user}"` }]);
    if (Number(row.enabled) !== 1) throw new ValidationError(`User ${user} is disabled and cannot be assigned`, [{ fieldname: key, message: `"${user}" is disabled` }]);
    return row.name;
  });
}

/** The open assignments of a document (not narrowed by ToDo rights: whoever reads the document sees them, as in Frappe). */
export async function openAssignments(k: Executor, doctype: string, name: string): Promise<Assignment[]> {
  const rows = (await k(`tab${TODO}`)
    .where({ reference_type: doctype, reference_name: name, status: OPEN })
    .orderBy([{ column: 'date', order: 'asc' }, { column: 'creation', order: 'asc' }])
    .select('name', 'allocated_to', 'description', 'date', 'priority', 'status', 'assigned_by')) as Omit<Assignment, 'owner'>[];
  return rows.map((r) => ({ owner: r.allocated_to, ...r }));
}

/** Rewrites the document's `_assign` (open assignees, JSON) without changing `modified`. */
export async function refreshAssign(k: Executor, meta: DocTypeMeta, name: string): Promise<void> {
  if (!meta.columnFields.some((f) => f.fieldname === '_assign')) return;
  const users = (await k(`tab${TODO}`).where({ reference_type: meta.name, reference_name: name, status: OPEN }).distinct('allocated_to').orderBy('allocated_to')) as { allocated_to: string }[];
  await k(meta.tableName)
    .where('name', name)
    .update({ _assign: JSON.stringify(users.map((u) => u.allocated_to).filter(Boolean)) });
}

/** The document named, read as the store's user (read right, if_owner, User Permissions): its stored name. */
export async function readableDocument(store: DocumentStore, registry: MetaRegistry, doctype: string, name: string): Promise<{ meta: DocTypeMeta; name: string }> {
  const meta = registry.get(doctype);
  if (meta.istable || meta.issingle) throw new ValidationError(`${meta.name} documents cannot be assigned`, [{ fieldname: 'doctype', message: `${meta.name} is a child table or a single` }]);
  const doc = await store.get(meta.name, name);
  return { meta, name: String(doc.name) };
}

/** Creates one assignment unless the user has one open on the document; answers the ToDo's name, or undefined when it existed. */
export async function assign(store: DocumentStore, meta: DocTypeMeta, request: AssignmentRequest): Promise<string | undefined> {
  const k = store.k;
  const open = await k(`tab${TODO}`).where({ reference_type: meta.name, reference_name: request.name, allocated_to: request.user, status: OPEN }).first('name');
  if (open) return undefined;
  const todo = await store.insert(TODO, {
    allocated_to: request.user,
    reference_type: meta.name,
    reference_name: request.name,
    description: request.description?.trim() || `Assignment for ${meta.name} ${request.name}`,
    date: request.date,
    priority: request.priority,
    assigned_by: request.assignedBy,
    status: OPEN,
  });
  await refreshAssign(k, meta, request.name);
  return String(todo.name);
}

interface Common {
  users: string[];
  description?: string;
  date?: string;
  priority?: string;
}

async function commonArgs(call: MethodCall): Promise<Common> {
  const { args, ctx } = call;
  const users = await enabledUsers(ctx.documents.k, textList(args, 'assign_to'));
  return { users, description: optionalText(args, 'description'), date: optionalText(args, 'date'), priority: optionalText(args, 'priority') };
}

/** Assigns one document to each of the users; answers its DocType and stored name. */
async function addTo(store: DocumentStore, call: MethodCall, doctype: string, name: string, common: Common): Promise<{ doctype: string; name: string }> {
  const { meta, name: stored } = await readableDocument(store, call.state.site.registry, doctype, name);
  for (const user of common.users) await assign(store, meta, { doctype: meta.name, name: stored, user, description: common.description, date: common.date, priority: common.priority, assignedBy: call.ctx.user });
  return { doctype: meta.name, name: stored };
}

async function add(call: MethodCall): Promise<Assignment[]> {
  const doctype = requiredText(call.args, 'doctype');
  const name = requiredText(call.args, 'name');
  const common = await commonArgs(call);
  const stored = await call.ctx.documents.transaction((store) => addTo(store, call, doctype, name, common));
  return openAssignments(call.ctx.documents.k, stored.doctype, stored.name);
}

async function addMultiple(call: MethodCall): Promise<undefined> {
  const doctype = requiredText(call.args, 'doctype');
  const names = textList(call.args, 'name');
  const common = await commonArgs(call);
  await call.ctx.documents.transaction(async (store) => {
    for (const name of names) await addTo(store, call, doctype, name, common);
  });
  return undefined;
}

/** Sets the status of `assign_to`'s open assignment on the document (through the ToDo's write right). */
async function setStatus(call: MethodCall, status: 'Cancelled' | 'Closed'): Promise<Assignment[]> {
  const doctype = requiredText(call.args, 'doctype');
  const name = requiredText(call.args, 'name');
  const user = requiredText(call.args, 'assign_to');
  const stored = await call.ctx.documents.transaction(async (store) => {
    const { meta, name: docName } = await readableDocument(store, call.state.site.registry, doctype, name);
    const open = (await store.k(`tab${TODO}`).where({ reference_type: meta.name, reference_name: docName, allocated_to: user, status: OPEN }).select('name')) as { name: string }[];
    if (open.length === 0) throw new DoesNotExistError(`${user} has no open assignment on ${meta.name} ${docName}`, [{ fieldname: 'assign_to', message: `no open assignment for "${user}"` }]);
    for (const todo of open) await store.save(TODO, todo.name, { status });
    await refreshAssign(store.k, meta, docName);
    return { doctype: meta.name, name: docName };
  });
  return openAssignments(call.ctx.documents.k, stored.doctype, stored.name);
}

async function get(call: MethodCall): Promise<Assignment[]> {
  const { meta, name } = await readableDocument(call.ctx.documents, call.state.site.registry, requiredText(call.args, 'doctype'), requiredText(call.args, 'name'));
  return openAssignments(call.ctx.documents.k, meta.name, name);
}

export const ASSIGN_TO_METHODS: MethodTable = {
  'frappe.desk.form.assign_to.add': write(add),
  'frappe.desk.form.assign_to.add_multiple': write(addMultiple),
  'frappe.desk.form.assign_to.remove': write((call) => setStatus(call, 'Cancelled')),
  'frappe.desk.form.assign_to.close': write((call) => setStatus(call, 'Closed')),
  'frappe.desk.form.assign_to.get': read(get),
};
