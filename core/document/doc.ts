/** A document as every layer passes it around: Frappe's JSON shape, child tables as arrays of rows. */

export type DocValue = unknown;
export interface Doc {
  doctype: string;
  name?: string | number;
  docstatus?: number;
  [field: string]: DocValue;
}

export type DocRow = Doc;

/** Frappe's notion of "no value": null, undefined, '' and [] (and text that is only HTML markup). */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '' || value.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, '').trim() === '' && /<[^>]*>/.test(value);
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** A value as trimmed text: '' for null and undefined. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value).trim();
}

/** Whether a field holds anything at all (not null, undefined or ''); unlike isEmptyValue, '  ' counts. */
export function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

export function rowsOf(doc: Doc, fieldname: string): DocRow[] {
  const rows = doc[fieldname];
  return Array.isArray(rows) ? (rows as DocRow[]) : [];
}

/** A deep copy through JSON: documents only hold JSON values. */
export function cloneDoc<T extends Doc>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}
