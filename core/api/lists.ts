/** The list parameters shared by GET /api/resource/{doctype}, frappe.client.get_list and reportview. */
import type { Response } from 'express';
import { getList, type ListRequest, type ListResult } from '../query';
import type { ApiState, RequestContext } from './context';
import type { Args } from './params';

export function listRequestOf(args: Args): ListRequest {
  return {
    fields: args.fields,
    filters: args.filters,
    or_filters: args.or_filters,
    order_by: args.order_by,
    group_by: args.group_by,
    limit_start: args.limit_start,
    start: args.start,
    limit: args.limit,
    limit_page_length: args.limit_page_length,
    page_length: args.page_length,
    parent: args.parent,
  };
}

export async function runList(state: ApiState, ctx: RequestContext, doctype: string, request: ListRequest): Promise<ListResult> {
  return getList(ctx.query, doctype, request, { defaultPageLength: 20, maxPageLength: state.config.maxPageLength });
}

/** Rows as objects, or as arrays in `keys` order when as_dict is false (Frappe's as_list). */
export function shapeRows(result: ListResult, asDict: boolean): unknown[] {
  return asDict ? result.rows : result.rows.map((row) => result.keys.map((k) => row[k]));
}

/** A capped answer is never silent: a header, and `truncated` beside the data. */
export function reportTruncation(res: Response, result: ListResult): Record<string, unknown> {
  if (!result.truncated) return {};
  res.setHeader('X-Tabula-Truncated', String(result.truncated.cap));
  return { truncated: { cap: result.truncated.cap, message: `More rows match: the server answers at most ${result.truncated.cap} per request; page with limit_start` } };
}
