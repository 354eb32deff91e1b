/**
 * The list's columns as Frappe lays them out: the title (title_field, or the name as ID), then the
 * `in_list_view` fields. The status field is left out: the status indicator shows it. Frappe caps
 * the fields by screen width; we cap at the widest (the narrow layout hides them with CSS).
 */
import type { ListMeta } from './meta';

export const MAX_LIST_FIELDS = 6;

export interface Column {
  fieldname: string;
  label: string;
  fieldtype: string;
  isTitle: boolean;
}

export function columnsOf(meta: ListMeta): Column[] {
  const title = meta.settings.title_field || 'name';
  const column = (fieldname: string, isTitle: boolean): Column => {
    const field = meta.fields.get(fieldname);
    return { fieldname, label: fieldname === 'name' ? 'ID' : field?.label || fieldname, fieldtype: field?.fieldtype ?? 'Data', isTitle };
  };
  const rest = meta.settings.list_view_fields.filter((f) => f !== title && f !== 'status' && f !== 'name').slice(0, MAX_LIST_FIELDS);
  return [column(title, true), ...rest.map((f) => column(f, false))];
}

/** What a page of rows must fetch: the columns, the name, and what the status indicator reads. */
export function fieldsToFetch(meta: ListMeta, columns: readonly Column[]): string[] {
  const indicator = ['status', 'disabled'].filter((f) => meta.fields.has(f));
  return [...new Set(['name', ...columns.map((c) => c.fieldname), 'docstatus', ...indicator, 'modified'])];
}
