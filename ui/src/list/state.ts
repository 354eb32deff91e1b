/**
 * The list's state (filters, sort, page) lives in the URL query, so a link reproduces the list and
 * Back undoes a change:
 *   ?filters=[["territory","=","Germany"]]&order_by=modified desc&page_length=100&start=100
 * Frappe-style `?territory=Germany` links are read too, as `=` filters.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { ListMeta } from './meta';

export type Filter = [fieldname: string, operator: string, value: unknown];

export const PAGE_LENGTHS = [20, 100, 500] as const;

export interface ListState {
  filters: Filter[];
  sortField: string;
  sortOrder: 'asc' | 'desc';
  pageLength: number;
  start: number;
}

const RESERVED = new Set(['filters', 'order_by', 'page_length', 'start']);

function text(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function parseFilters(raw: string | undefined, meta: ListMeta): Filter[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return []; // a hand-edited URL with broken JSON shows the whole list rather than an error page
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((f): f is Filter => Array.isArray(f) && f.length === 3 && typeof f[0] === 'string' && typeof f[1] === 'string' && meta.fields.has(f[0]));
}

export function stateFromQuery(query: LocationQuery, meta: ListMeta): ListState {
  const filters = parseFilters(text(query.filters), meta);
  for (const [key, value] of Object.entries(query)) {
    const v = text(value);
    if (!RESERVED.has(key) && v !== undefined && meta.fields.has(key)) filters.push([key, '=', v]);
  }
  const [field, order] = (text(query.order_by) ?? '').trim().split(/\s+/);
  const sortField = field && meta.fields.has(field) ? field : meta.settings.sort_field || 'modified';
  const sortOrder = (order ?? (field ? 'asc' : meta.settings.sort_order)).toLowerCase() === 'asc' ? 'asc' : 'desc';
  const length = Number(text(query.page_length));
  const start = Number(text(query.start));
  return {
    filters,
    sortField,
    sortOrder,
    pageLength: (PAGE_LENGTHS as readonly number[]).includes(length) ? length : PAGE_LENGTHS[0],
    start: Number.isInteger(start) && start > 0 ? start : 0,
  };
}

/** The query for a state; defaults are left out so the plain list keeps its plain URL. */
export function queryOfState(state: ListState, meta: ListMeta): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (state.filters.length) query.filters = JSON.stringify(state.filters);
  const defaultField = meta.settings.sort_field || 'modified';
  const defaultOrder = meta.settings.sort_order.toLowerCase() === 'asc' ? 'asc' : 'desc';
  if (state.sortField !== defaultField || state.sortOrder !== defaultOrder) query.order_by = `${state.sortField} ${state.sortOrder}`;
  if (state.pageLength !== PAGE_LENGTHS[0]) query.page_length = String(state.pageLength);
  if (state.start) query.start = String(state.start);
  return query;
}

/** Any change of filters or sort goes back to the first page. */
export function withFilters(state: ListState, filters: Filter[]): ListState {
  return { ...state, filters, start: 0 };
}

export function sameFilter(a: Filter, b: Filter): boolean {
  return a[0] === b[0] && a[1] === b[1] && JSON.stringify(a[2]) === JSON.stringify(b[2]);
}
