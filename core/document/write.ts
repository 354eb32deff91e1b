/**
 * The write pipelines, in Frappe's order (frappe-spec section 4). Each runs inside the store's
 * transaction, so a failure anywhere leaves nothing written: no parent without children, no series
 * number consumed, no tree half-shifted.
 */
import {
  DocstatusTransitionError,
  DoesNotExistError,
  DuplicateEntryError,
  ValidationError,
} from '../errors';
import type { DocTypeMeta } from '../meta';
import type { DocAction } from './actor';
import { findBackLinks, linkExistsError } from './back-links';
import { checkDocument, checkUnique } from './checks';
import { deleteChildRows, insertChildRows, prepareChildRows } from './children';
import { nowTimestamp } from './clock';
import type { HookName } from './controller';
import { applyDefaults } from './defaults';
import type { Doc } from './doc';
import type { HookContext, WriteAction } from './hook-context';
import { validateLinks } from './links';
import { assignName, namingRule, seriesPartsOf, type SeriesCounter } from './naming';
import { translateDuplicate } from './db-errors';
import { docToRow, selectRow } from './persist';
import { assertLatest, assertTypes, castInput, mergeChanges, retype, writableInput } from './prepare';
import { Problems } from './problems';
import { revertSeriesIfLast } from './series';
import type { DocumentStore } from './store';
import { checkConstants } from './constants';
import { moveNodeIfReparented, placeNewNode, removeNode } from './tree';

async function runHooks(store: DocumentStore, meta: DocTypeMeta, doc: Doc, ctx: HookContext, names: HookName[]): Promise<void> {
  const controller = store.controllers.get(meta.name);
  for (const name of names) await controller[name]?.(doc, ctx);
}

function hookContext(store: DocumentStore, meta: DocTypeMeta, action: WriteAction, previous: Doc | undefined): HookContext {
  return { action, actor: store.actor, meta, previous, documents: store, db: store.k };
}

/** Type check and framework checks shared by insert and save. */
async function validateDocument(store: DocumentStore, meta: DocTypeMeta, doc: Doc): Promise<void> {
  // Hooks may have set values: check and cast them the same way as client input.
  retype(store.registry, meta, doc);
  const problems = new Problems();
  checkDocument(store.registry, meta, doc, problems);
  await checkUnique(store.k, meta, doc, problems);
  problems.throwIfAny();
}

async function checkLinks(store: DocumentStore, meta: DocTypeMeta, doc: Doc): Promise<void> {
  const problems = new Problems();
  await validateLinks(store.k, store.registry, meta, doc, problems);
  problems.throwIfAny();
}

export async function insertDocument(store: DocumentStore, meta: DocTypeMeta, input: unknown): Promise<Doc> {
  if (meta.istable) throw new ValidationError(`${meta.name} is a child table: insert it as rows of its parent`, [{ fieldname: 'doctype', message: `${meta.name} is a child table` }]);
  assertTypes(store.registry, meta, input);
  const doc = castInput(store.registry, meta, writableInput(store, meta, input));
  const user = store.actor.user;
  applyDefaults(store.registry, meta, doc, user);
  const now = nowTimestamp();
  Object.assign(doc, { owner: user, creation: now, modified: now, modified_by: user, idx: 0 });
  doc.docstatus = doc.docstatus ?? 0;
  if (doc.docstatus !== 0 && doc.docstatus !== 1) throw new DocstatusTransitionError(`A new document cannot have docstatus ${doc.docstatus}`, [{ fieldname: 'docstatus', message: 'must be 0 (draft) or 1 (submit)' }]);
  if (doc.docstatus === 1 && !meta.isSubmittable) throw new ValidationError(`${meta.name} is not submittable`, [{ fieldname: 'docstatus', message: `${meta.name} cannot be submitted` }]);
  await checkLinks(store, meta, doc);
  await assertAllowed(store, meta, 'create', doc);
  if (doc.docstatus === 1) await assertAllowed(store, meta, 'submit', doc);
  const ctx = hookContext(store, meta, doc.docstatus === 1 ? 'submit' : 'insert', undefined);
  await runHooks(store, meta, doc, ctx, ['before_insert', 'before_naming']);
  await nameDocument(store, meta, doc, ctx);
  await runHooks(store, meta, doc, ctx, ['before_validate', 'validate', doc.docstatus === 1 ? 'before_submit' : 'before_save']);
  await validateDocument(store, meta, doc);
  if (meta.isTree) await placeNewNode(store.k, meta, doc);
  await writeNew(store, meta, doc);
  await runHooks(store, meta, doc, ctx, doc.docstatus === 1 ? ['after_insert', 'on_update', 'on_submit', 'on_change'] : ['after_insert', 'on_update', 'on_change']);
  return doc;
}

/** Frappe's naming order: the controller's autoname, amendments, then the DocType's rule. Bulk passes its batch counter. */
export async function nameDocument(store: DocumentStore, meta: DocTypeMeta, doc: Doc, ctx: HookContext, counter?: SeriesCounter): Promise<void> {
  const controller = store.controllers.get(meta.name);
  let controllerName: string | undefined;
  // A client-sent name counts only for Prompt (read from __newname or name by assignName).
  if (namingRule(meta).kind !== 'prompt') delete doc.name;
  if (controller.autoname && !doc.amended_from) {
    const named = await controller.autoname(doc, ctx);
    controllerName = typeof named === 'string' ? named : typeof doc.name === 'string' && doc.name ? doc.name : undefined;
  }
  let amendedFromIsAmendment = false;
  if (typeof doc.amended_from === 'string' && doc.amended_from) {
    const source = await selectRow(store.k, meta, doc.amended_from);
    amendedFromIsAmendment = Boolean(source?.amended_from);
  }
  await assignName({ k: store.k, meta, doc, controllerName, amendedFromIsAmendment, counter });
}

async function writeNew(store: DocumentStore, meta: DocTypeMeta, doc: Doc): Promise<void> {
  if (doc.name !== undefined && (await selectRow(store.k, meta, doc.name as string)))
    throw new DuplicateEntryError(`${meta.name} ${doc.name} already exists`, [{ fieldname: 'name', message: `${meta.name} ${doc.name} already exists` }]);
  const row = docToRow(meta, doc);
  let id: unknown;
  try {
    [id] = await store.k(meta.tableName).insert(row);
  } catch (error) {
    throw translateDuplicate(error, meta, doc.name) ?? error;
  }
  if (meta.isAutoincrement) doc.name = Number(id);
  prepareChildRows(meta, doc, store.actor.user);
  await insertChildRows(store.k, store.registry, meta, doc);
}

/** The action a docstatus change means, or DocstatusTransitionError (0->2, 1->0, anything from 2). */
function transition(meta: DocTypeMeta, from: number, to: number): Exclude<WriteAction, 'insert' | 'delete'> {
  if (from === 2) throw new ValidationError(`${meta.name} is cancelled: it cannot be changed (amend it instead)`, [{ fieldname: 'docstatus', message: 'Cannot edit a cancelled document' }]);
  if (from === 0 && to === 0) return 'save';
  if (!meta.isSubmittable && to !== 0) throw new ValidationError(`${meta.name} is not submittable`, [{ fieldname: 'docstatus', message: `${meta.name} cannot be submitted` }]);
  if (from === 0 && to === 1) return 'submit';
  if (from === 1 && to === 1) return 'update_after_submit';
  if (from === 1 && to === 2) return 'cancel';
  throw new DocstatusTransitionError(`Cannot change docstatus from ${from} to ${to}`, [{ fieldname: 'docstatus', message: `Cannot change docstatus from ${from} to ${to}` }]);
}

const ACTION_RIGHT: Record<string, DocAction> = { save: 'write', submit: 'submit', update_after_submit: 'submit', cancel: 'cancel' };
const PRE_HOOKS: Record<string, HookName[]> = {
  save: ['before_validate', 'validate', 'before_save'],
  submit: ['before_validate', 'validate', 'before_submit'],
  update_after_submit: ['before_update_after_submit'],
  cancel: ['before_cancel'],
};
const POST_HOOKS: Record<string, HookName[]> = {
  save: ['on_update', 'on_change'],
  submit: ['on_update', 'on_submit', 'on_change'],
  update_after_submit: ['on_update_after_submit', 'on_change'],
  cancel: ['on_cancel'],
};

export async function saveDocument(store: DocumentStore, meta: DocTypeMeta, name: string | number, input: unknown): Promise<Doc> {
  assertTypes(store.registry, meta, input);
  const previous = await store.loadForUpdate(meta, name);
  assertLatest(meta, previous, input);
  const changes = castInput(store.registry, meta, writableInput(store, meta, input, previous));
  const action = transition(meta, Number(previous.docstatus ?? 0), changes.docstatus ?? Number(previous.docstatus ?? 0));
  // The user must reach the document as it is stored, not only as it would be after the change.
  await assertAllowed(store, meta, ACTION_RIGHT[action]!, previous);
  const doc = action === 'cancel' ? { ...previous, docstatus: 2 } : mergeChanges(meta, previous, changes);
  Object.assign(doc, { modified: nowTimestamp(), modified_by: store.actor.user });
  if (action !== 'cancel') await checkLinks(store, meta, doc);
  await assertAllowed(store, meta, ACTION_RIGHT[action]!, doc);
  const ctx = hookContext(store, meta, action, previous);
  await runHooks(store, meta, doc, ctx, PRE_HOOKS[action]!);
  if (action !== 'cancel') {
    await validateDocument(store, meta, doc);
    checkConstants(store.registry, meta, doc, previous, action === 'update_after_submit');
  }
  if (meta.isTree) await moveNodeIfReparented(store.k, meta, doc, previous);
  await store.k(meta.tableName).where('name', previous.name as string).update(docToRow(meta, { ...doc, name: previous.name }));
  await deleteChildRows(store.k, store.registry, meta, previous.name as string);
  prepareChildRows(meta, doc, store.actor.user);
  await insertChildRows(store.k, store.registry, meta, doc);
  await runHooks(store, meta, doc, ctx, POST_HOOKS[action]!);
  if (action === 'cancel') {
    const links = await findBackLinks(store.k, store.registry, meta, String(doc.name), { onlySubmitted: true });
    if (links.length) throw linkExistsError(meta, String(doc.name), links, 'cancel');
    await runHooks(store, meta, doc, ctx, ['on_change']);
  }
  return doc;
}

export async function deleteDocument(store: DocumentStore, meta: DocTypeMeta, name: string | number, force: boolean): Promise<void> {
  const doc = await store.loadForUpdate(meta, name);
  if (Number(doc.docstatus) === 1)
    throw new ValidationError(`${meta.name} ${name} is submitted: cancel it before deleting`, [{ fieldname: 'docstatus', message: 'Submitted documents cannot be deleted' }]);
  await assertAllowed(store, meta, 'delete', doc);
  const ctx = hookContext(store, meta, 'delete', doc);
  await runHooks(store, meta, doc, ctx, ['on_trash']);
  if (!force) {
    const links = await findBackLinks(store.k, store.registry, meta, String(doc.name));
    if (links.length) throw linkExistsError(meta, String(doc.name), links, 'delete');
  }
  if (meta.isTree) await removeNode(store.k, meta, doc);
  await deleteChildRows(store.k, store.registry, meta, doc.name as string);
  await store.k(meta.tableName).where('name', doc.name as string).delete();
  const series = typeof doc.name === 'string' ? seriesPartsOf(doc.name, meta) : undefined;
  if (series) await revertSeriesIfLast(store.k, series.prefix, series.value);
  await runHooks(store, meta, doc, ctx, ['after_delete']);
}

async function assertAllowed(store: DocumentStore, meta: DocTypeMeta, action: DocAction, doc: Doc): Promise<void> {
  await store.policy.assert(store.actor, meta, action, doc);
}

export function notFound(meta: DocTypeMeta, name: string | number): DoesNotExistError {
  return new DoesNotExistError(`${meta.name} ${name} not found`, [{ fieldname: 'name', message: `${meta.name} ${name} not found` }]);
}
