/**
 * The filter bar above the list: one input per `in_standard_filter` field (and the title), each owning
 * one filter with a fixed operator as Frappe's list picks it: `like` for text, `descendants of
 * (inclusive)` for a Link into a tree, `=` otherwise.
 */
import type { FieldMeta, ListMeta } from './meta';
import { operatorsOf } from './operators';
import type { Filter } from './state';

const TEXT_TYPES = new Set(['Data', 'Small Text', 'Text', 'Long Text', 'Text Editor', 'Code', 'Read Only', 'Phone', 'Autocomplete']);

export interface BarField {
  field: FieldMeta;
  operator: string;
}

export function barOperator(meta: ListMeta, field: FieldMeta): string {
  const allowed = operatorsOf(meta, field.fieldname);
  if (allowed.includes('descendants of (inclusive)') && field.fieldtype === 'Link') return 'descendants of (inclusive)';
  if (TEXT_TYPES.has(field.fieldtype) && allowed.includes('like')) return 'like';
  return '=';
}

export function barFields(meta: ListMeta): BarField[] {
  const title = meta.settings.title_field;
  const names = [...new Set([...(title && title !== 'name' ? [title] : ['name']), ...meta.settings.standard_filters])];
  return names
    .map((f) => meta.fields.get(f))
    .filter((f): f is FieldMeta => f !== undefined && operatorsOf(meta, f.fieldname).length > 0)
    .map((field) => ({ field, operator: barOperator(meta, field) }));
}

/** Whether a filter belongs to the bar (shown in its input) rather than to the builder's chips. */
export function ownedByBar(bar: readonly BarField[], filter: Filter): boolean {
  return bar.some((b) => b.field.fieldname === filter[0] && b.operator === filter[1]);
}

/** The bar input's text for a filter value: `%acme%` shows as `acme`. */
export function barText(filter: Filter | undefined): string {
  if (!filter) return '';
  const value = filter[2];
  if (filter[1] === 'like' && typeof value === 'string') return value.replace(/^%|%$/g, '');
  return value === null || value === undefined ? '' : String(value);
}

/** The filters with the bar field's value set (an empty value removes its filter). */
export function setBarValue(filters: readonly Filter[], bar: BarField, text: string): Filter[] {
  const rest = filters.filter((f) => !(f[0] === bar.field.fieldname && f[1] === bar.operator));
  if (text.trim() === '') return rest;
  const value = bar.operator === 'like' ? `%${text.trim()}%` : bar.field.fieldtype === 'Check' ? Number(text) : text;
  return [...rest, [bar.field.fieldname, bar.operator, value]];
}
