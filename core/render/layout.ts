/**
 * What the Standard print format shows, read from the meta as Frappe's Standard format does: the
 * form's sections (Section and Tab Breaks) and columns (Column Breaks), each with the fields that have
 * a value, and child tables as tables of their `in_list_view` columns. Hidden, `print_hide` and
 * layout-only fields are left out, as are fields the reader may not see (the masked document lacks
 * them) and `print_hide_if_no_value` fields that are empty or zero.
 */
import type { DocField, DocTypeMeta } from '../meta';
import { isBlank, NUMERIC_TYPES, UNPRINTABLE_TYPES } from './format';

export interface LayoutColumn {
  fieldname: string;
  label: string;
  numeric: boolean;
}

export interface LayoutEntry {
  fieldname: string;
  label: string;
  /** Set for a child table: its columns. */
  table?: { columns: LayoutColumn[] };
}

export interface LayoutSection {
  label: string;
  columns: { entries: LayoutEntry[] }[];
}

type Values = Record<string, unknown>;

const BREAKS = new Set(['Section Break', 'Tab Break']);
/** A table with no in_list_view columns shows its first few printable fields. */
const FALLBACK_COLUMNS = 5;

function printable(field: DocField): boolean {
  return !field.hidden && !field.is('print_hide') && !UNPRINTABLE_TYPES.has(field.fieldtype) && (field.hasColumn || field.type.isTable);
}

function hasValue(field: DocField, value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isBlank(value)) return false;
  if (field.is('print_hide_if_no_value') && (value === 0 || value === '0')) return false;
  return true;
}

/** The columns of a child table printed for these rows: in_list_view fields some row carries. */
function tableColumns(child: DocTypeMeta, rows: Values[]): LayoutColumn[] {
  const candidates = child.fields.filter((f) => printable(f) && f.hasColumn && rows.some((r) => f.fieldname in r));
  const listed = candidates.filter((f) => f.is('in_list_view'));
  return (listed.length ? listed : candidates.slice(0, FALLBACK_COLUMNS)).map((f) => ({ fieldname: f.fieldname, label: f.label, numeric: NUMERIC_TYPES.has(f.fieldtype) }));
}

export function standardLayout(meta: DocTypeMeta, doc: Values, metaOf: (doctype: string) => DocTypeMeta | undefined): LayoutSection[] {
  const sections: LayoutSection[] = [{ label: '', columns: [{ entries: [] }] }];
  const current = () => sections[sections.length - 1]!;
  for (const field of meta.fields) {
    if (BREAKS.has(field.fieldtype)) {
      sections.push({ label: field.fieldtype === 'Section Break' ? (field.def.label ?? '') : '', columns: [{ entries: [] }] });
      continue;
    }
    if (field.fieldtype === 'Column Break') {
      current().columns.push({ entries: [] });
      continue;
    }
    if (!printable(field)) continue;
    const value = doc[field.fieldname];
    if (!hasValue(field, value)) continue;
    const entry: LayoutEntry = { fieldname: field.fieldname, label: field.label };
    if (field.type.isTable) {
      const child = metaOf(field.options);
      if (!child || !Array.isArray(value)) continue;
      const columns = tableColumns(child, value as Values[]);
      if (columns.length === 0) continue;
      entry.table = { columns };
    }
    current().columns[current().columns.length - 1]!.entries.push(entry);
  }
  return sections
    .map((s) => ({ ...s, columns: s.columns.filter((c) => c.entries.length > 0) }))
    .filter((s) => s.columns.length > 0);
}
