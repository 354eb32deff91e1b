/**
 * Single DocTypes (settings pages) keep one value per field in `tabSingles`, named after the DocType;
 * their child rows live in the child tables with `parent` = the DocType name. A Single that was never
 * saved reads as a new document: its defaults, everything else empty.
 */
import { ValidationError } from '../errors';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { ADMINISTRATOR } from './actor';
import { deleteChildRows, insertChildRows, loadChildRows, prepareChildRows } from './children';
import { nowTimestamp } from './clock';
import { applyDefaults } from './defaults';
import type { Doc } from './doc';
import { checkDocument } from './checks';
import type { HookContext } from './hook-context';
import { validateLinks } from './links';
import { fromColumn } from '../db';
import type { Executor } from './persist';
import { assertLatest, assertTypes, castInput, mergeChanges, retype, writableInput } from './prepare';
import { Problems } from './problems';
import type { DocumentStore } from './store';

export async function getSingle(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, user: string = ADMINISTRATOR.user): Promise<Doc> {
  const rows = (await k('tabSingles').where('doctype', meta.name).select('field', 'value')) as { field: string; value: string | null }[];
  const doc: Doc = { doctype: meta.name, name: meta.name, docstatus: 0 };
  const stored = new Map(rows.map((r) => [r.field, r.value]));
  for (const field of [...meta.standardFields, ...meta.fields]) {
    if (!field.hasColumn || field.fieldname === 'name') continue;
    doc[field.fieldname] = fromColumn(field, stored.get(field.fieldname) ?? null);
  }
  doc.docstatus = 0;
  await loadChildRows(k, registry, meta, doc);
  if (rows.length === 0) applyNewDefaults(registry, meta, doc, user);
  return doc;
}

/** Defaults of a never-saved Single: the stored-looking zeros of numeric fields do not count as values. */
function applyNewDefaults(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, user: string): void {
  const unset: Doc = { doctype: meta.name };
  applyDefaults(registry, meta, unset, user);
  for (const field of meta.fields) if (field.hasColumn && unset[field.fieldname] !== undefined) doc[field.fieldname] = unset[field.fieldname];
}

export async function saveSingle(store: DocumentStore, meta: DocTypeMeta, input: Record<string, unknown>): Promise<Doc> {
  const { k, registry } = store;
  assertTypes(registry, meta, input);
  const previous = await getSingle(k, registry, meta, store.actor.user);
  assertLatest(meta, previous, input);
  const changes = castInput(registry, meta, writableInput(store, meta, input, previous));
  if (changes.docstatus !== undefined && changes.docstatus !== 0)
    throw new ValidationError(`${meta.name} is not submittable`, [{ fieldname: 'docstatus', message: `${meta.name} cannot be submitted` }]);
  const doc = mergeChanges(meta, previous, changes);
  Object.assign(doc, { name: meta.name, docstatus: 0, modified: nowTimestamp(), modified_by: store.actor.user });
  await store.policy.assert(store.actor, meta, 'write', doc);
  const linkProblems = new Problems();
  await validateLinks(k, registry, meta, doc, linkProblems);
  linkProblems.throwIfAny();
  const controller = store.controllers.get(meta.name);
  const ctx: HookContext = { action: 'save', actor: store.actor, meta, previous, documents: store, db: k };
  // Controller validate runs before the framework's checks (frappe-spec section 4), so hooks may fill
  // mandatory fields; what they set is type-checked and cast like client input.
  for (const hook of ['before_validate', 'validate', 'before_save'] as const) await controller[hook]?.(doc, ctx);
  retype(registry, meta, doc);
  const problems = new Problems();
  checkDocument(registry, meta, doc, problems);
  problems.throwIfAny();
  await k('tabSingles').where('doctype', meta.name).delete();
  const values = [...meta.standardFields, ...meta.fields]
    .filter((f) => f.hasColumn && f.fieldname !== 'name' && doc[f.fieldname] !== undefined && doc[f.fieldname] !== null)
    .map((f) => ({ doctype: meta.name, field: f.fieldname, value: f.type.value === 'json' ? JSON.stringify(doc[f.fieldname]) : String(doc[f.fieldname]) }));
  if (values.length) await k('tabSingles').insert(values);
  await deleteChildRows(k, registry, meta, meta.name);
  prepareChildRows(meta, doc, store.actor.user);
  await insertChildRows(k, registry, meta, doc);
  for (const hook of ['on_update', 'on_change'] as const) await controller[hook]?.(doc, ctx);
  return getSingle(k, registry, meta, store.actor.user);
}
