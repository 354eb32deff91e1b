/**
 * Turns client input into a typed document: the type check (ajv), casting, and the merge of changes
 * onto a stored document (a child table key replaces the whole table, as in Frappe).
 */
import { TimestampMismatchError, ValidationError, type FieldErrorDetail } from '../errors';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { rowsOf, type Doc } from './doc';
import { castFields, markParsedJson } from './normalize';
import { typeErrors } from './value-schema';
import type { DocumentStore } from './store';

/** Fields the framework owns: a client may send them (Frappe clients echo them back) but they are not taken. */
const MANAGED = new Set(['owner', 'creation', 'modified', 'modified_by', 'idx', 'parent', 'parentfield', 'parenttype', '_user_tags', '_comments', '_assign', '_liked_by', '_seen', 'lft', 'rgt', 'old_parent']);

export function assertTypes(registry: MetaRegistry, meta: DocTypeMeta, input: unknown): asserts input is Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new ValidationError(`A ${meta.name} must be given as a JSON object`, [{ message: 'Expected a JSON object' }]);
  const errors = typeErrors(meta, registry, input);
  if (errors.length) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
}

/** The typed values of `input` (own fields, child rows), without the framework-managed fields. */
export function castInput(registry: MetaRegistry, meta: DocTypeMeta, input: Record<string, unknown>): Doc {
  const errors: FieldErrorDetail[] = [];
  const own = castFields(meta.fields, input);
  errors.push(...own.errors);
  const doc: Doc = { doctype: meta.name, ...own.values };
  // Keys naming and the lifecycle read; a DocType field among them (naming_series, amended_from) keeps
  // its cast value: a numeric amended_from must reach the varchar column as "1", not as a REAL 1.0.
  for (const key of ['name', '__newname', 'naming_series', 'docstatus', 'amended_from'] as const)
    if (key in input && !(key in own.values)) (doc as Record<string, unknown>)[key] = input[key];
  if ('docstatus' in input) doc.docstatus = Number(input.docstatus ?? 0);
  for (const table of meta.tableFields) {
    if (!(table.fieldname in input)) continue;
    const child = registry.get(table.options);
    doc[table.fieldname] = rowsOf(input as Doc, table.fieldname).map((row, i) => {
      const cast = castFields(child.fields, row, { parentfield: table.fieldname, idx: i + 1 });
      errors.push(...cast.errors);
      const kept: Doc = { doctype: child.name, ...cast.values };
      if (typeof row.name === 'string' && row.name) kept.name = row.name;
      // A row's creation and owner are the framework's: a stored row keeps its own (see mergeChanges).
      markJson(child, kept);
      return kept;
    });
  }
  if (errors.length) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
  markJson(meta, doc);
  return doc;
}

function markJson(meta: DocTypeMeta, holder: Doc): void {
  for (const field of meta.fields) if (field.type.value === 'json') markParsedJson(holder, field.fieldname, holder[field.fieldname]);
}

/** A stored document with `changes` applied on top; managed fields keep their stored values. */
export function mergeChanges(meta: DocTypeMeta, stored: Doc, changes: Doc): Doc {
  const merged: Doc = { ...stored };
  for (const [key, value] of Object.entries(changes)) {
    if (MANAGED.has(key) || key === 'name' || key === 'doctype' || key === '__newname') continue;
    if (key === 'amended_from' && !meta.getField(key)) continue;
    merged[key] = value;
  }
  // Stored values and cast changes are both parsed already: JSON strings among them stay strings.
  markJson(meta, merged);
  for (const table of meta.tableFields) {
    if (table.fieldname in changes) keepRowOrigins(stored[table.fieldname], merged[table.fieldname]);
    for (const row of rowsOf(merged, table.fieldname)) for (const [key, value] of Object.entries(row)) markParsedJson(row, key, value);
  }
  return merged;
}

/** Rows sent again (by name) keep their stored creation and owner; new rows get them from the parent. */
function keepRowOrigins(storedRows: unknown, rows: unknown): void {
  if (!Array.isArray(rows)) return;
  const byName = new Map((Array.isArray(storedRows) ? (storedRows as Doc[]) : []).map((r) => [r.name, r]));
  for (const row of rows as Doc[]) {
    const stored = row.name === undefined ? undefined : byName.get(row.name);
    delete row.creation;
    delete row.owner;
    if (stored) Object.assign(row, { creation: stored.creation, owner: stored.owner });
  }
}

/** Values set by controller hooks are checked and cast the same way as client input. */
export function retype(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc): void {
  assertTypes(registry, meta, doc);
  Object.assign(doc, castInput(registry, meta, doc));
}

/**
 * Optimistic locking: a client that sends `modified` must send the stored one (Frappe's
 * check_if_latest); one that leaves it out skips the check, as does a Single never saved.
 */
export function assertLatest(meta: DocTypeMeta, stored: Doc, input: Record<string, unknown>): void {
  const sent = input.modified;
  if (typeof sent !== 'string' || !sent || !stored.modified || sent === stored.modified) return;
  throw new TimestampMismatchError(
    `${meta.name} ${String(stored.name)} has been modified after you have opened it (${String(stored.modified)}, you had ${sent}). Please refresh to get the latest document.`,
    [{ fieldname: 'modified', message: 'The document changed since it was loaded' }],
  );
}

/** Client input without the fields the policy says the actor may not write (ignored, as in Frappe). */
export function writableInput<T>(store: Pick<DocumentStore, 'policy'>, meta: DocTypeMeta, input: T, previous?: Doc): T {
  if (!store.policy.maskWrite || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  return store.policy.maskWrite(meta, input as Record<string, unknown>, previous) as T;
}
