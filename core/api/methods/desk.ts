/** What Frappe's desk calls: link search, report view rows, list counts and sidebar group-by counts. */
import { getCount, getGroupByCount, searchLink } from '../../query';
import { listRequestOf, runList } from '../lists';
import { requiredText } from '../params';
import { read, type MethodTable } from './types';

export const DESK_METHODS: MethodTable = {
  'frappe.desk.search.search_link': read(({ ctx, args }) =>
    searchLink(ctx.query, { doctype: requiredText(args, 'doctype'), txt: args.txt, filters: args.filters, page_length: args.page_length, start: args.start }),
  ),
  /** Frappe's compressed rows: `{keys, values}`, or `[]` when nothing matches. */
  'frappe.desk.reportview.get': read(async ({ ctx, args, state }) => {
    const result = await runList(state, ctx, requiredText(args, 'doctype'), listRequestOf(args));
    if (result.rows.length === 0) return [];
    return { keys: result.keys, values: result.rows.map((row) => result.keys.map((k) => row[k])), user_info: {} };
  }),
  'frappe.desk.reportview.get_count': read(({ ctx, args }) => getCount(ctx.query, requiredText(args, 'doctype'), { filters: args.filters, or_filters: args.or_filters, parent: args.parent })),
  'frappe.desk.listview.get_group_by_count': read(({ ctx, args }) =>
    getGroupByCount(ctx.query, requiredText(args, 'doctype'), { filters: args.current_filters ?? args.filters }, requiredText(args, 'field')),
  ),
};
