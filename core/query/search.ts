/**
 * Link search (Frappe's search_link): documents whose name, title or search fields contain the text,
 * best matches first, within what the user may select. Disabled records are left out, as in Frappe.
 */
import { ValidationError } from '../errors';
import { assertStored, type DocField } from '../meta';
import { isOperatorText, parseJsonParam } from './filters';
import { getList, type ListRequest, type QueryContext } from './list';

export interface LinkSearchRequest {
  doctype: string;
  txt?: unknown;
  filters?: unknown;
  page_length?: unknown;
  start?: unknown;
}

export interface LinkOption {
  value: string;
  label?: string;
  description?: string;
}

const TEXT_KINDS = new Set(['string']);

export async function searchLink(ctx: QueryContext, request: LinkSearchRequest): Promise<LinkOption[]> {
  const meta = ctx.registry.get(request.doctype);
  assertStored(meta, 'search');
  if (meta.istable || meta.issingle) throw new ValidationError(`${meta.name} cannot be linked to`, [{ fieldname: 'doctype', message: `${meta.name} is a ${meta.istable ? 'child table' : 'Single DocType'}` }]);
  const txt = request.txt === undefined || request.txt === null ? '' : String(request.txt).trim();
  const readable = (f: DocField) => ctx.access.fieldReadable(meta, f.permlevel);
  const title = meta.titleField !== 'name' ? meta.getField(meta.titleField) : undefined;
  const described = meta.searchFields.map((f) => meta.getField(f)!).filter((f) => f.hasColumn && readable(f) && f !== title);
  const searched = [meta.getField('name')!, ...(title && readable(title) ? [title] : []), ...described].filter((f) => TEXT_KINDS.has(f.fieldname === 'name' ? 'string' : f.type.value));
  const extra: unknown[] = [];
  const disabled = meta.getField('disabled');
  if (disabled?.fieldtype === 'Check') extra.push(['disabled', '!=', 1]);
  const enabled = meta.getField('enabled');
  if (enabled?.fieldtype === 'Check') extra.push(['enabled', '=', 1]);
  const list: ListRequest = {
    fields: ['name', ...(title && readable(title) ? [title.fieldname] : []), ...described.map((f) => f.fieldname)],
    filters: mergeFilters(request.filters, extra),
    or_filters: txt ? searched.map((f) => [f.fieldname, 'like', `%${txt}%`]) : undefined,
    limit_start: request.start,
    limit: request.page_length ?? 10,
    // Best matches first (ranked in SQL, before the page is cut): the exact name, names starting
    // with the text, then the rest by name.
    order_by: 'name asc',
  };
  const result = await getList(ctx, meta.name, list, { defaultPageLength: 10, maxPageLength: 100 }, 'select', { relevance: txt });
  return result.rows.map((row) => {
    const option: LinkOption = { value: String(row.name) };
    if (title && row[title.fieldname] && row[title.fieldname] !== row.name) option.label = String(row[title.fieldname]);
    const description = described.map((f) => row[f.fieldname]).filter((v) => v !== null && v !== undefined && v !== '').join(', ');
    if (description) option.description = description;
    return option;
  });
}

function mergeFilters(given: unknown, extra: unknown[]): unknown {
  if (extra.length === 0) return given;
  const parsed = parseJsonParam(given, 'filters');
  if (parsed === undefined || parsed === null || parsed === '') return extra;
  if (Array.isArray(parsed)) return [...(typeof parsed[0] === 'string' ? [parsed] : parsed), ...extra];
  // The object shape read as parseFilters reads it: {field: [operator, value]} or {field: value}.
  if (typeof parsed === 'object')
    return [...Object.entries(parsed as Record<string, unknown>).map(([f, v]) => (Array.isArray(v) && v.length >= 1 && v.length <= 2 && typeof v[0] === 'string' && isOperatorText(v[0]) ? [f, v[0], v[1]] : [f, '=', v])), ...extra];
  return parsed;
}

