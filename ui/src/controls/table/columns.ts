/**
 * Which child fields a grid shows as columns: the `in_list_view` ones (Frappe's rule), else the first
 * few that hold values; widths from `columns` (Frappe's 10-unit grid row), 2 units when unset.
 */
import type { FieldJson } from '../types';
import { DISPLAY_ONLY_TYPES, LAYOUT_TYPES } from '../simple';

const holdsValue = (f: FieldJson) => !LAYOUT_TYPES.has(f.fieldtype) && !DISPLAY_ONLY_TYPES.has(f.fieldtype) && f.fieldtype !== 'Table' && f.fieldtype !== 'Table MultiSelect';

export function gridColumns(fields: readonly FieldJson[]): FieldJson[] {
  const valued = fields.filter((f) => holdsValue(f) && !f.hidden);
  const listed = valued.filter((f) => f.in_list_view);
  return (listed.length ? listed : valued.slice(0, 4)).slice(0, 6);
}

export function gridTemplate(columns: readonly FieldJson[]): string {
  const units = columns.map((f) => Math.min(Math.max(Number(f.columns) || 2, 1), 10));
  return ['2.5rem', ...units.map((u) => `minmax(${u * 4}rem, ${u}fr)`), '8.5rem'].join(' ');
}

/** The fields the expanded row editor shows: everything that is not a break. */
export function rowFormFields(fields: readonly FieldJson[]): FieldJson[] {
  return fields.filter((f) => !LAYOUT_TYPES.has(f.fieldtype) && f.fieldtype !== 'Table' && f.fieldtype !== 'Table MultiSelect');
}
