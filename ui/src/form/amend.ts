/**
 * Amending a cancelled document, as Frappe's desk does: a copy with `amended_from` set, docstatus 0,
 * no name, and child rows without their names, opened as a new form. The copy waits here for the
 * "new" form to pick it up (once).
 */
type Doc = Record<string, unknown>;

const STRIP = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'amended_from', 'status'];
const CHILD_STRIP = ['name', 'parent', 'owner', 'creation', 'modified', 'modified_by', 'docstatus'];

function without(doc: Doc, keys: readonly string[]): Doc {
  const copy = { ...doc };
  for (const key of keys) delete copy[key];
  return copy;
}

export function amendedCopy(doc: Doc, noCopy: ReadonlySet<string> = new Set()): Doc {
  const copy: Doc = {};
  for (const [key, value] of Object.entries(without(doc, STRIP))) {
    if (noCopy.has(key)) continue;
    copy[key] = Array.isArray(value) ? value.map((row) => (row && typeof row === 'object' ? without(row as Doc, CHILD_STRIP) : row)) : value;
  }
  return { ...copy, amended_from: doc.name, docstatus: 0 };
}

const pending = new Map<string, Doc>();

export function holdNewDoc(doctype: string, doc: Doc): void {
  pending.set(doctype, doc);
}

export function takeNewDoc(doctype: string): Doc | undefined {
  const doc = pending.get(doctype);
  pending.delete(doctype);
  return doc;
}
