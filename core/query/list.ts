/**
 * List queries, as Frappe's get_list answers them: fields, filters, or_filters, order_by, group_by,
 * paging; narrowed to what the user may see (rights, own documents, User Permissions, permlevels)
 * before any row is read. Every identifier comes from the meta and every value is a bound parameter.
 */
import type { Knex } from 'knex';
import { fromColumn } from '../db';
import { PermissionError, ValidationError } from '../errors';
import { assertStored, type DocTypeMeta, type MetaRegistry } from '../meta';
import type { Right, Scope, UserAccess } from '../permissions';
import { applyCondition, loadTreeBounds, type TreeBounds } from './conditions';
import { parseFilters, treeTargetOf, type Condition } from './filters';
import { ReferenceResolver, type FieldRef } from './references';
import { applyParentScope, applyScope } from './scope';
import { parseFieldList, parseGroupBy, parseOrderBy, parseSelect, type SelectItem } from './select';

export interface QueryContext {
  k: Knex;
  registry: MetaRegistry;
  access: UserAccess;
}

/** The list parameters, as the API receives them (text from a query string or values from a JSON body). */
export interface ListRequest {
  fields?: unknown;
  filters?: unknown;
  or_filters?: unknown;
  order_by?: unknown;
  group_by?: unknown;
  limit_start?: unknown;
  start?: unknown;
  limit?: unknown;
  limit_page_length?: unknown;
  page_length?: unknown;
  /** For a child DocType: the parent DocType whose permissions apply. */
  parent?: unknown;
}

export interface ListLimits {
  defaultPageLength: number;
  /** The most rows one request may answer; asking for all (0) or more is capped and reported. */
  maxPageLength: number;
}

export const DEFAULT_LIMITS: ListLimits = { defaultPageLength: 20, maxPageLength: 10000 };

/** Ordering the server adds itself (never from client text): link search ranks matches first. */
export interface ListOrdering {
  /** Rows whose `name` equals the text come first, then those starting with it. */
  relevance?: string;
}

export interface ListResult {
  keys: string[];
  rows: Record<string, unknown>[];
  /** Set when the server cap cut the answer short: more rows match than were returned. */
  truncated?: { cap: number };
}

/** A list request checked against the meta and the user's rights, ready to become SQL. */
interface Plan {
  meta: DocTypeMeta;
  resolver: ReferenceResolver;
  conditions: Condition[];
  orConditions: Condition[];
  scope: Scope;
  /** For a child DocType listed under its parent. */
  parent?: DocTypeMeta;
  bounds: TreeBounds;
}

function readableCheck(ctx: QueryContext, meta: DocTypeMeta) {
  return (ref: FieldRef) => ctx.access.fieldReadable(meta, ref.field.permlevel);
}

async function plan(ctx: QueryContext, doctype: string, request: ListRequest, right: Right): Promise<Plan> {
  const meta = ctx.registry.get(doctype);
  if (meta.issingle) throw new ValidationError(`${meta.name} is a Single DocType: it has one record and no list`, [{ fieldname: 'doctype', message: `${meta.name} is a Single DocType` }]);
  assertStored(meta, 'list');
  const resolver = new ReferenceResolver(ctx.registry, meta);
  const conditions = parseFilters(request.filters, resolver, 'filters');
  const orConditions = parseFilters(request.or_filters, resolver, 'or_filters');
  const readable = readableCheck(ctx, meta);
  for (const c of [...conditions, ...orConditions])
    if (!readable(c.ref)) throw new PermissionError(`No permission to filter on ${c.ref.field.fieldname}`, [{ fieldname: c.ref.field.fieldname, message: 'not permitted for your roles' }]);
  let parent: DocTypeMeta | undefined;
  let scope: Scope;
  if (meta.istable) {
    parent = parentOf(ctx, meta, request.parent);
    scope = parent ? await ctx.access.scope(parent, right) : { restrictions: [] };
  } else scope = await ctx.access.scope(meta, right);
  const trees = [...conditions, ...orConditions].map((cond) => ({ cond, tree: treeTargetOf(cond.ref, ctx.registry) }));
  const bounds = await loadTreeBounds(ctx.k, trees);
  return { meta, resolver, conditions, orConditions, scope, parent, bounds };
}

function parentOf(ctx: QueryContext, meta: DocTypeMeta, parent: unknown): DocTypeMeta | undefined {
  if (parent === undefined || parent === null || parent === '') {
    if (ctx.access.isAdministrator) return undefined;
    throw new ValidationError(`${meta.name} is a child table: say which parent DocType with "parent"`, [{ fieldname: 'parent', message: 'required for a child table' }]);
  }
  const parents = ctx.registry.parentsOf(meta.name).map((p) => p.meta);
  const found = parents.find((p) => p.name === parent);
  if (!found) throw new ValidationError(`${String(parent)} is not a parent of ${meta.name}`, [{ fieldname: 'parent', message: `expected one of: ${parents.map((p) => p.name).join(', ')}` }]);
  return found;
}

/** The base query: FROM, joins for child columns, WHERE (filters, or_filters, permissions). */
function baseQuery(ctx: QueryContext, p: Plan, joinRefs: FieldRef[]): Knex.QueryBuilder {
  const { meta } = p;
  const q = ctx.k(meta.tableName);
  const joined = new Set<string>();
  for (const ref of joinRefs) {
    if (!ref.tableField || joined.has(ref.tableField.fieldname)) continue;
    const alias = childAlias(ref);
    joined.add(ref.tableField.fieldname);
    const fieldname = ref.tableField.fieldname;
    q.leftJoin({ [alias]: ref.meta.tableName }, function () {
      this.on(`${alias}.parent`, '=', `${meta.tableName}.name`).andOnVal(`${alias}.parenttype`, '=', meta.name).andOnVal(`${alias}.parentfield`, '=', fieldname);
    });
  }
  addConditions(ctx, q, p, p.conditions, 'and');
  if (p.orConditions.length) q.where((w) => addConditions(ctx, w, p, p.orConditions, 'or'));
  if (p.parent) applyParentScope(q, meta.tableName, p.parent, p.scope);
  else applyScope(q, meta.tableName, p.scope);
  return q;
}

function childAlias(ref: FieldRef): string {
  return `_child_${ref.tableField!.fieldname}`;
}

export function columnOf(meta: DocTypeMeta, ref: FieldRef): string {
  return ref.tableField ? `${childAlias(ref)}.${ref.field.fieldname}` : `${meta.tableName}.${ref.field.fieldname}`;
}

/**
 * Conditions on the listed DocType apply to its columns; conditions on a child DocType become
 * `name IN (SELECT parent FROM child WHERE ...)`, all of one child DocType on the same row (as
 * Frappe's join does) without multiplying parent rows. In or_filters each stands alone.
 */
function addConditions(ctx: QueryContext, q: Knex.QueryBuilder, p: Plan, conditions: Condition[], join: 'and' | 'or'): void {
  const own = conditions.filter((c) => !c.ref.tableField);
  const byChild = new Map<string, Condition[]>();
  for (const c of conditions.filter((c) => c.ref.tableField)) {
    const key = join === 'or' ? `${c.ref.meta.name}\u0000${c.source}` : c.ref.meta.name;
    byChild.set(key, [...(byChild.get(key) ?? []), c]);
  }
  const apply = (w: Knex.QueryBuilder, cond: Condition, column: string) => applyCondition(w, column, cond, treeTargetOf(cond.ref, ctx.registry), p.bounds);
  for (const cond of own) {
    if (join === 'and') apply(q, cond, `${p.meta.tableName}.${cond.ref.field.fieldname}`);
    else q.orWhere((w) => apply(w, cond, `${p.meta.tableName}.${cond.ref.field.fieldname}`));
  }
  for (const group of byChild.values()) {
    const child = group[0]!.ref.meta;
    const sub = (s: Knex.QueryBuilder) => {
      s.select(`${child.tableName}.parent`).from(child.tableName).where(`${child.tableName}.parenttype`, p.meta.name);
      for (const cond of group) apply(s, cond, `${child.tableName}.${cond.ref.field.fieldname}`);
    };
    if (join === 'and') q.whereIn(`${p.meta.tableName}.name`, sub);
    else q.orWhereIn(`${p.meta.tableName}.name`, sub);
  }
}

function nonNegativeInt(value: unknown, param: string, huge: 'cap' | 'refuse' = 'refuse'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  // A page length beyond any number is simply "more than the cap"; an offset that large is nonsense.
  if (huge === 'cap' && Number.isInteger(n) && n > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < 0) throw new ValidationError(`${param} must be a whole number of 0 or more`, [{ fieldname: param, message: `${JSON.stringify(value)} is not a whole number >= 0` }]);
  return n;
}

/** Frappe's paging: `limit` or `limit_page_length` (default 20, 0 = all), from `limit_start`. */
export function pageOf(request: ListRequest, limits: ListLimits): { start: number; length: number; capped: boolean } {
  const start = nonNegativeInt(request.limit_start, 'limit_start') ?? nonNegativeInt(request.start, 'start') ?? 0;
  const asked = nonNegativeInt(request.limit, 'limit', 'cap') ?? nonNegativeInt(request.limit_page_length, 'limit_page_length', 'cap') ?? nonNegativeInt(request.page_length, 'page_length', 'cap') ?? limits.defaultPageLength;
  if (asked === 0 || asked > limits.maxPageLength) return { start, length: limits.maxPageLength, capped: true };
  return { start, length: asked, capped: false };
}

function selectExpression(ctx: QueryContext, meta: DocTypeMeta, item: SelectItem): Knex.Raw | Record<string, string> {
  if (item.kind === 'field') return { [item.key]: columnOf(meta, item.ref) };
  if (!item.ref) return ctx.k.raw(`count(${item.distinct ? 'distinct ' : ''}*) as ??`, [item.key]);
  return ctx.k.raw(`${item.fn}(${item.distinct ? 'distinct ' : ''}??) as ??`, [columnOf(meta, item.ref), item.key]);
}

function readValue(item: SelectItem, value: unknown): unknown {
  if (item.kind === 'field') return fromColumn(item.ref.field, value);
  if (value === null || value === undefined) return item.fn === 'count' ? 0 : null;
  if (item.fn === 'count' || item.fn === 'sum' || item.fn === 'avg') return Number(value);
  return item.ref ? fromColumn(item.ref.field, value) : value;
}

export async function getList(ctx: QueryContext, doctype: string, request: ListRequest, limits: ListLimits = DEFAULT_LIMITS, right: Right = 'read', ordering: ListOrdering = {}): Promise<ListResult> {
  const p = await plan(ctx, doctype, request, right);
  const select = parseSelect(parseFieldList(request.fields), p.resolver, readableCheck(ctx, p.meta));
  if (select.length === 0) throw new PermissionError(`None of the requested fields of ${p.meta.name} are readable for you`, [{ fieldname: 'fields', message: 'no permitted field requested' }]);
  const groupBy = parseGroupBy(request.group_by, p.resolver);
  const keys = new Set(select.map((s) => s.key));
  const orderBy = parseOrderBy(request.order_by, p.resolver, keys);
  const refs = [...select.flatMap((s) => (s.ref ? [s.ref] : [])), ...groupBy, ...(orderBy ?? []).flatMap((o) => (o.ref ? [o.ref] : []))];
  const readable = readableCheck(ctx, p.meta);
  for (const ref of [...groupBy, ...(orderBy ?? []).flatMap((o) => (o.ref ? [o.ref] : []))])
    if (!readable(ref)) throw new PermissionError(`No permission to sort or group on ${ref.field.fieldname}`, [{ fieldname: ref.field.fieldname, message: 'not permitted for your roles' }]);
  const q = baseQuery(ctx, p, refs);
  q.select(select.map((item) => selectExpression(ctx, p.meta, item)));
  for (const ref of groupBy) q.groupBy(columnOf(p.meta, ref));
  const aggregated = groupBy.length > 0 || select.some((s) => s.kind === 'aggregate');
  if (ordering.relevance !== undefined) {
    const name = `${p.meta.tableName}.name`;
    const text = ordering.relevance.toLowerCase();
    q.orderByRaw('case when lower(??) = ? then 0 when lower(??) like ? then 1 else 2 end', [name, text, name, `${text}%`]);
  }
  if (orderBy) for (const o of orderBy) q.orderBy(o.key ?? columnOf(p.meta, o.ref!), o.direction);
  else if (!aggregated) {
    q.orderBy(`${p.meta.tableName}.${p.meta.sortField}`, p.meta.sortOrder);
    // A stable order for paging when many rows share the sort value.
    if (p.meta.sortField !== 'name') q.orderBy(`${p.meta.tableName}.name`, p.meta.sortOrder);
  }
  const page = pageOf(request, limits);
  q.offset(page.start).limit(page.capped ? page.length + 1 : page.length);
  const raw = (await q) as Record<string, unknown>[];
  const truncated = page.capped && raw.length > page.length;
  const rows = (truncated ? raw.slice(0, page.length) : raw).map((row) => {
    const out: Record<string, unknown> = {};
    for (const item of select) out[item.key] = readValue(item, row[item.key]);
    return out;
  });
  return { keys: select.map((s) => s.key), rows, ...(truncated ? { truncated: { cap: page.length } } : {}) };
}

export async function getCount(ctx: QueryContext, doctype: string, request: ListRequest, right: Right = 'read'): Promise<number> {
  const p = await plan(ctx, doctype, request, right);
  const row = (await baseQuery(ctx, p, []).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Sidebar counts: how many matching documents have each value of `field` (the 50 most common). */
export async function getGroupByCount(ctx: QueryContext, doctype: string, request: ListRequest, field: unknown): Promise<{ name: unknown; count: number }[]> {
  const p = await plan(ctx, doctype, request, 'read');
  const ref = p.resolver.resolve(field, 'field');
  if (ref.tableField) throw new ValidationError('field must be a field of the DocType itself', [{ fieldname: 'field', message: `${String(field)} is in a child table` }]);
  if (!readableCheck(ctx, p.meta)(ref)) throw new PermissionError(`No permission to read ${ref.field.fieldname}`, [{ fieldname: ref.field.fieldname, message: 'not permitted for your roles' }]);
  const column = columnOf(p.meta, ref);
  const rows = (await baseQuery(ctx, p, [])
    .select({ name: column })
    .count({ count: '*' })
    .groupBy(column)
    .orderBy('count', 'desc')
    .orderBy(column, 'asc')
    .limit(50)) as { name: unknown; count: number | string }[];
  return rows.map((r) => ({ name: r.name === null ? null : fromColumn(ref.field, r.name), count: Number(r.count) }));
}
