/**
 * The client-side required check before a save: every visible field that is required (by `reqd` or
 * `mandatory_depends_on`) and empty, in the document and in each grid row, reported in the server's
 * error shape so both land at the same places. Fields filled by `fetch_from` are left to the server.
 */
import type { FieldError } from '../api/client';
import { LAYOUT_TYPES } from '../controls/kinds';
import type { FieldJson } from '../controls/types';
import { fieldState, type EditContext } from './conditions';
import type { FormMeta } from './meta';

type Row = Record<string, unknown>;

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function missingIn(fields: readonly FieldJson[], doc: Row, parent: Row | undefined, context: EditContext, at: Partial<FieldError>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    if (LAYOUT_TYPES.has(field.fieldtype) || field.fetch_from) continue;
    const state = fieldState(field, doc, parent, context);
    if (state.hidden || !state.reqd || !isEmpty(doc[field.fieldname])) continue;
    const where = at.idx ? ` (row ${at.idx})` : '';
    errors.push({ ...at, fieldname: field.fieldname, message: `${field.label} is required${where}` });
  }
  return errors;
}

export function missingRequired(meta: FormMeta, doc: Row, context: EditContext): FieldError[] {
  const errors = missingIn(meta.doctype.fields, doc, undefined, context, {});
  for (const table of meta.doctype.fields.filter((f) => f.fieldtype === 'Table')) {
    const child = meta.children[table.options ?? ''];
    const rows = Array.isArray(doc[table.fieldname]) ? (doc[table.fieldname] as Row[]) : [];
    if (!child || fieldState(table, doc, undefined, context).hidden) continue;
    rows.forEach((row, i) => errors.push(...missingIn(child.fields, row, doc, context, { parentfield: table.fieldname, idx: i + 1 })));
  }
  return errors;
}
