/**
 * The list's server calls: a page of rows (frappe.desk.reportview.get), the total (get_count, asked
 * after the rows so the page shows first), sidebar group-by counts, link suggestions and bulk actions.
 */
import { call } from '../api/client';
import type { Filter, ListState } from './state';

export type Row = Record<string, unknown> & { name: string };

interface Compressed {
  keys: string[];
  values: unknown[][];
}

export async function fetchRows(doctype: string, fields: string[], state: ListState): Promise<Row[]> {
  const answer = await call<Compressed | []>('frappe.desk.reportview.get', {
    doctype,
    fields,
    filters: state.filters,
    // name breaks ties, so paging through equal sort values never repeats or skips a row
    order_by: `${state.sortField} ${state.sortOrder}${state.sortField === 'name' ? '' : `, name ${state.sortOrder}`}`,
    start: state.start,
    page_length: state.pageLength,
  });
  if (Array.isArray(answer)) return [];
  return answer.values.map((values) => Object.fromEntries(answer.keys.map((k, i) => [k, values[i]])) as Row);
}

export function fetchCount(doctype: string, filters: Filter[]): Promise<number> {
  return call<number>('frappe.desk.reportview.get_count', { doctype, filters });
}

export interface GroupCount {
  name: string | null;
  count: number;
}

export function fetchGroupCounts(doctype: string, field: string, filters: Filter[]): Promise<GroupCount[]> {
  return call<GroupCount[]>('frappe.desk.listview.get_group_by_count', { doctype, field, current_filters: filters });
}

export interface LinkOption {
  value: string;
  label?: string;
  description?: string;
}

export function searchLink(doctype: string, txt: string): Promise<LinkOption[]> {
  return call<LinkOption[]>('frappe.desk.search.search_link', { doctype, txt, page_length: 10 });
}

export type BulkAction = 'delete' | 'submit' | 'cancel';

export interface BulkResult {
  done: string[];
  failed: { name: string; exc_type: string; message: string }[];
}

export function runBulk(doctype: string, action: BulkAction, names: string[]): Promise<BulkResult> {
  return call<BulkResult>('tabula.desk.bulk_action', { doctype, action, names }, 'POST');
}
