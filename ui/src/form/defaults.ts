/**
 * A new document's (or grid row's) starting values from its fields' `default`, read as Frappe's
 * desk reads them: `Today`, `now`, `__user`, numbers as numbers, a Select's first option (`:DocType`
 * and `{field}` defaults are left empty).
 */
import type { FieldJson } from '../controls/types';
import { LAYOUT_TYPES } from '../controls/kinds';

const pad = (n: number) => String(n).padStart(2, '0');
export const today = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const nowText = (d = new Date()) => `${today(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

const NUMERIC = new Set(['Int', 'Float', 'Currency', 'Percent', 'Check', 'Rating', 'Duration']);

export function defaultOf(field: FieldJson, user: string): unknown {
  const given = field.default;
  if (given === undefined || given === null || given === '') {
    if (field.fieldtype === 'Check') return 0;
    if (field.fieldtype === 'Select' && field.options) return field.options.split('\n')[0]!.trim();
    return undefined;
  }
  const text = String(given);
  if (text === 'Today' && (field.fieldtype === 'Date' || field.fieldtype === 'Datetime')) return field.fieldtype === 'Date' ? today() : nowText();
  if (text.toLowerCase() === 'now' && field.fieldtype === 'Datetime') return nowText();
  if (text.toLowerCase() === 'now' && field.fieldtype === 'Time') return nowText().slice(11);
  if (text === '__user') return user;
  // `:Company` (the value on the referenced record) and `{field}` templates are not resolved yet:
  // starting empty beats sending the literal text, which no Link would accept.
  if (text.startsWith(':') || /^\{.*\}$/.test(text)) return undefined;
  if (NUMERIC.has(field.fieldtype)) return Number.isFinite(Number(text)) ? Number(text) : undefined;
  return text;
}

/** Values for every field that has a default; table fields start as empty lists. */
export function defaultsFor(fields: readonly FieldJson[], user: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const field of fields) {
    if (LAYOUT_TYPES.has(field.fieldtype)) continue;
    if (field.fieldtype === 'Table' || field.fieldtype === 'Table MultiSelect') {
      doc[field.fieldname] = [];
      continue;
    }
    const value = defaultOf(field, user);
    if (value !== undefined) doc[field.fieldname] = value;
  }
  return doc;
}
