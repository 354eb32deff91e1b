/** What Frappe's desk calls: link search, report view rows, list counts and sidebar group-by counts. */
import { getCount, getGroupByCount, searchLink } from '../../query';
import { listRequestOf, runList } from '../lists';
import { optionalText, requiredText } from '../params';
import { read, type MethodCall, type MethodTable } from './types';

/**
 * The desk's global search: search_link over every DocType the user can read (name, title and
 * search fields, best matches first), a few hits each, in one request rather than one per DocType.
 */
async function globalSearch({ ctx, args, state }: MethodCall) {
  const txt = (optionalText(args, 'txt') ?? '').trim();
  if (!txt) return [];
  const each = Math.min(Math.max(Number(args.limit ?? 5) || 5, 1), 20);
  // Virtual DocTypes have no records to find.
  const doctypes = state.site.registry.all().filter((m) => !m.istable && !m.issingle && !m.isVirtual && ctx.access.can(m, 'read'));
  const found = await Promise.all(
    doctypes.map(async (meta) => (await searchLink(ctx.query, { doctype: meta.name, txt, page_length: each })).map((option) => ({ doctype: meta.name, ...option }))),
  );
  return found.flat();
}

export const DESK_METHODS: MethodTable = {
  'tabula.desk.search': read(globalSearch),
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
