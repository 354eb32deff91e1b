/**
 * Sorting the rows of a run on one column, in the browser (the run already holds every row). Numbers
 * compare as numbers, text by the user's collation; empty values sort last either way. The totals
 * row is never part of this: the view keeps it apart.
 */
import { isNumberType } from './format';
import type { Row } from './types';

export type SortOrder = 'asc' | 'desc';
export interface SortState {
  fieldname: string;
  order: SortOrder;
}

/** Asc, then desc, then back to the server's order. */
export function nextSort(current: SortState | null, fieldname: string): SortState | null {
  if (!current || current.fieldname !== fieldname) return { fieldname, order: 'asc' };
  return current.order === 'asc' ? { fieldname, order: 'desc' } : null;
}

const empty = (v: unknown) => v === null || v === undefined || v === '';

/** A sorted copy; the rows stay the same objects so selection and links still point at them. */
export function sortRows(rows: readonly Row[], sort: SortState | null, fieldtype: string, lang = 'en'): Row[] {
  if (!sort) return rows.slice();
  const key = sort.fieldname;
  const sign = sort.order === 'asc' ? 1 : -1;
  const numeric = isNumberType(fieldtype) || fieldtype === 'Check';
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  return rows.slice().sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (empty(x) || empty(y)) return empty(x) === empty(y) ? 0 : empty(x) ? 1 : -1;
    if (numeric) return (Number(x) - Number(y)) * sign;
    return collator.compare(String(x), String(y)) * sign;
  });
}
