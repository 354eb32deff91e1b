/**
 * What a field is right now: hidden, required, read-only. Re-evaluated on every change from the
 * field's flags, its `depends_on` / `mandatory_depends_on` / `read_only_depends_on` (read by core/expr,
 * the same safe evaluator the server uses, with `doc` and, in a grid row, `parent` in scope), the
 * document's docstatus (after submit only `allow_on_submit` fields stay editable) and the user's write
 * rights per permlevel.
 */
import { evaluateCondition } from '../../../core/expr';
import type { FieldJson } from '../controls/types';

export interface EditContext {
  /** Permlevels the user may write (meta.permissions.write_levels). */
  writeLevels: number[];
  docstatus: number;
  /** The document has never been saved. */
  isNew?: boolean;
}

export interface FieldState {
  hidden: boolean;
  reqd: boolean;
  readOnly: boolean;
}

type Row = Record<string, unknown>;

const reported = new Set<string>();

/** A condition that cannot be read shows the field and says so once in the console, as Frappe does. */
function check(condition: string | undefined, doc: Row, parent: Row | undefined, fallback: boolean): boolean {
  if (!condition || !condition.trim()) return fallback;
  try {
    return evaluateCondition(condition, { doc, parent });
  } catch (error) {
    if (!reported.has(condition)) {
      reported.add(condition);
      console.warn(`Cannot evaluate ${JSON.stringify(condition)}:`, error);
    }
    return fallback;
  }
}

const ALWAYS_READ_ONLY = new Set(['Read Only', 'Signature', 'Geolocation', 'Barcode', 'Image', 'Heading', 'HTML']);

/**
 * A required, read-only field with no default and no fetch_from, on a document or grid row never
 * saved. In Frappe an app's controller fills such a field (ERPNext's price list currency, a row's UOM
 * conversion factor); with no controller here the form would hold a required value nobody can enter,
 * so whoever fills in the new document or row may. Once saved it is read-only again.
 */
function fillableOnce(field: FieldJson, doc: Row, parent: Row | undefined, context: EditContext): boolean {
  const unsaved = parent === undefined ? Boolean(context.isNew) : !doc.name;
  const noDefault = field.default === undefined || field.default === null || field.default === '';
  return unsaved && Boolean(field.reqd) && !field.fetch_from && noDefault;
}

export function editableByStatus(field: FieldJson, docstatus: number): boolean {
  if (docstatus === 2) return false;
  if (docstatus === 1) return Boolean(field.allow_on_submit);
  return true;
}

export function fieldState(field: FieldJson, doc: Row, parent: Row | undefined, context: EditContext): FieldState {
  const hidden = Boolean(field.hidden) || !check(field.depends_on, doc, parent, true);
  const reqd = Boolean(field.reqd) || check(field.mandatory_depends_on, doc, parent, false);
  const readOnly =
    ALWAYS_READ_ONLY.has(field.fieldtype) ||
    (Boolean(field.read_only) && !fillableOnce(field, doc, parent, context)) ||
    check(field.read_only_depends_on, doc, parent, false) ||
    !editableByStatus(field, context.docstatus) ||
    !context.writeLevels.includes(Number(field.permlevel ?? 0));
  return { hidden, reqd, readOnly };
}
