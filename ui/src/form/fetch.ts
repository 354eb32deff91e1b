/**
 * `fetch_from` in the browser, as Frappe's desk does it: when a Link changes, the fields that read
 * `<link>.<field>` are filled from the linked document at once (the server fills them again on save).
 */
import { call } from '../api/client';
import type { FieldJson } from '../controls/types';

type Row = Record<string, unknown>;

export async function fetchLinked(fields: readonly FieldJson[], row: Row, linkField: FieldJson): Promise<Row> {
  const dependents = fields.filter((f) => f.fetch_from?.startsWith(`${linkField.fieldname}.`));
  if (!dependents.length) return {};
  const value = row[linkField.fieldname];
  if (value === null || value === undefined || value === '') return Object.fromEntries(dependents.filter((f) => !f.fetch_if_empty).map((f) => [f.fieldname, null]));
  const target = linkField.fieldtype === 'Dynamic Link' ? String(row[linkField.options ?? ''] ?? '') : (linkField.options ?? '');
  if (!target) return {};
  const sources = [...new Set(dependents.map((f) => f.fetch_from!.slice(linkField.fieldname.length + 1)))];
  const found = await call<Row | undefined>('frappe.client.get_value', { doctype: target, filters: { name: String(value) }, fieldname: sources });
  if (!found) return {};
  const values: Row = {};
  for (const field of dependents) {
    if (field.fetch_if_empty && row[field.fieldname] !== null && row[field.fieldname] !== undefined && row[field.fieldname] !== '') continue;
    values[field.fieldname] = found[field.fetch_from!.slice(linkField.fieldname.length + 1)] ?? null;
  }
  return values;
}
