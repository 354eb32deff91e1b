/**
 * Which child fields a grid shows as columns: the `in_list_view` ones (Frappe's rule), else the first
 * few that hold values; widths from `columns` (Frappe's 10-unit grid row), 2 units when unset.
 */
import type { FieldJson } from '../types';
import { DISPLAY_ONLY_TYPES, LAYOUT_TYPES } from '../kinds';

const holdsValue = (f: FieldJson) => !LAYOUT_TYPES.has(f.fieldtype) && !DISPLAY_ONLY_TYPES.has(f.fieldtype) && f.fieldtype !== 'Table' && f.fieldtype !== 'Table MultiSelect';

export function gridColumns(fields: readonly FieldJson[]): FieldJson[] {
  const valued = fields.filter((f) => holdsValue(f) && !f.hidden);
  const listed = valued.filter((f) => f.in_list_view);
  return (listed.length ? listed : valued.slice(0, 4)).slice(0, 6);
}

const unitsOf = (f: FieldJson) => Math.min(Math.max(Number(f.columns) || 2, 1), 10);

/** Each column at least 3.5rem per unit, sharing the rest by units; numbers and actions fixed. */
export function gridTemplate(columns: readonly FieldJson[]): { columns: string; minWidth: string } {
  const units = columns.map(unitsOf);
  const min = 2.5 + 8.5 + units.reduce((sum, u) => sum + u * 3.5, 0) + (columns.length + 1) * 0.6;
  return { columns: ['2.5rem', ...units.map((u) => `minmax(${u * 3.5}rem, ${u}fr)`), '8.5rem'].join(' '), minWidth: `${min}rem` };
}

/** The fields the expanded row editor shows: everything that is not a break. */
export function rowFormFields(fields: readonly FieldJson[]): FieldJson[] {
  return fields.filter((f) => !LAYOUT_TYPES.has(f.fieldtype) && f.fieldtype !== 'Table' && f.fieldtype !== 'Table MultiSelect');
}
