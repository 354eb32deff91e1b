/**
 * Parses the `fields` parameter: field references (`name`, `items.item_code`, `status as s`), `*`
 * for every readable column, and the aggregates count / sum / avg / min / max (optionally distinct).
 * Each item names its output key. Fields the user may not read are left out, as Frappe does.
 */
import { badReference, type FieldRef, type ReferenceResolver } from './references';

export type Aggregate = 'count' | 'sum' | 'avg' | 'min' | 'max';

export type SelectItem =
  | { kind: 'field'; key: string; ref: FieldRef }
  | { kind: 'aggregate'; key: string; fn: Aggregate; distinct: boolean; ref: FieldRef | undefined };

const AGGREGATE = /^\s*(count|sum|avg|min|max)\s*\(\s*(distinct\s+)?([^()]*?)\s*\)\s*(?:as\s+(.+?))?\s*$/i;
const ALIASED = /^(.*?)\s+as\s+(.+?)\s*$/i;
const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMERIC = new Set(['int', 'float', 'check', 'rating']);

/** Far beyond any real request, well inside what SQLite can parse: more is refused, never a 500. */
export const SELECT_LIMITS = { fields: 500, terms: 50 } as const;

function assertCount(param: string, count: number, max: number): void {
  if (count > max) throw badReference(param, `${count} terms`, `at most ${max} are accepted`);
}

export function parseFieldList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return ['name'];
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        return parseFieldList(JSON.parse(text));
      } catch (error) {
        if (error instanceof SyntaxError) throw badReference('fields', text.slice(0, 80), 'not valid JSON');
        throw error;
      }
    }
    return splitTopLevel(text);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? (value as string[]) : ['name'];
  throw badReference('fields', JSON.stringify(value).slice(0, 80), 'expected a list of field names');
}

/** Splits `a, count(b) as c` on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function alias(text: string | undefined, param: string): string | undefined {
  if (text === undefined) return undefined;
  const clean = text.trim().replace(/^`(.*)`$/, '$1').replace(/^"(.*)"$/, '$1');
  if (!ALIAS.test(clean)) throw badReference(param, text, 'an alias must be letters, digits and _');
  return clean;
}

export function parseSelect(fields: string[], resolver: ReferenceResolver, readable: (ref: FieldRef) => boolean): SelectItem[] {
  assertCount('fields', fields.length, SELECT_LIMITS.fields);
  const items: SelectItem[] = [];
  for (const text of fields) {
    const aggregate = AGGREGATE.exec(text);
    if (aggregate) {
      const fn = aggregate[1]!.toLowerCase() as Aggregate;
      const inner = aggregate[3]!;
      const distinct = Boolean(aggregate[2]);
      const ref = inner === '*' || (inner === '' && fn === 'count') ? undefined : resolver.resolve(inner, 'fields');
      if (!ref && fn !== 'count') throw badReference('fields', text, `${fn}() needs a field`);
      if (ref && !readable(ref)) continue;
      if (ref && (fn === 'sum' || fn === 'avg') && !NUMERIC.has(ref.field.type.value))
        throw badReference('fields', text, `${fn}() needs a number field; ${ref.field.fieldname} is ${ref.field.fieldtype}`);
      const key = alias(aggregate[4], 'fields') ?? `${fn}(${distinct ? 'distinct ' : ''}${inner})`;
      items.push({ kind: 'aggregate', key, fn, distinct, ref });
      continue;
    }
    if (text.trim() === '*') {
      for (const field of resolver.base.columnFields) {
        const ref = { meta: resolver.base, field };
        if (readable(ref)) items.push({ kind: 'field', key: field.fieldname, ref });
      }
      continue;
    }
    const aliased = ALIASED.exec(text);
    const ref = resolver.resolve(aliased ? aliased[1] : text, 'fields');
    if (!readable(ref)) continue;
    items.push({ kind: 'field', key: alias(aliased?.[2], 'fields') ?? ref.field.fieldname, ref });
  }
  const seen = new Map<string, SelectItem>();
  const unique: SelectItem[] = [];
  for (const item of items) {
    const before = seen.get(item.key);
    if (before) {
      // `*` plus `name` asks for name twice: harmless. Two different columns under one key are not.
      if (before.kind === 'field' && item.kind === 'field' && before.ref.meta === item.ref.meta && before.ref.field === item.ref.field) continue;
      throw badReference('fields', item.key, `two columns would be answered as "${item.key}"; give one an alias with "as"`);
    }
    seen.set(item.key, item);
    unique.push(item);
  }
  return unique;
}

/** Parses `order_by` (`modified desc, name`) into references or select keys with a direction. */
export interface OrderItem {
  ref?: FieldRef;
  /** An alias from the select list (an aggregate's key). */
  key?: string;
  direction: 'asc' | 'desc';
}

export function parseOrderBy(value: unknown, resolver: ReferenceResolver, selectKeys: ReadonlySet<string>): OrderItem[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badReference('order_by', JSON.stringify(value), 'expected text such as "modified desc"');
  const text = value.trim();
  if (text === '') return undefined;
  const parts = splitTopLevel(text);
  assertCount('order_by', parts.length, SELECT_LIMITS.terms);
  return parts.map((part) => {
    const m = /^(.*?)(?:\s+(asc|desc))?$/i.exec(part.trim())!;
    const target = m[1]!.trim();
    const direction = (m[2] ?? 'asc').toLowerCase() as 'asc' | 'desc';
    if (/\s/.test(target.replace(/`[^`]*`/g, '')) && !/^`/.test(target)) throw badReference('order_by', part, 'expected "<field> asc" or "<field> desc"');
    if (selectKeys.has(target) && !resolver.base.getField(target)) return { key: target, direction };
    const aggregate = AGGREGATE.exec(target);
    if (aggregate && selectKeys.has(`${aggregate[1]!.toLowerCase()}(${aggregate[2] ? 'distinct ' : ''}${aggregate[3]})`))
      return { key: `${aggregate[1]!.toLowerCase()}(${aggregate[2] ? 'distinct ' : ''}${aggregate[3]})`, direction };
    return { ref: resolver.resolve(target, 'order_by'), direction };
  });
}

export function parseGroupBy(value: unknown, resolver: ReferenceResolver): FieldRef[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') throw badReference('group_by', JSON.stringify(value), 'expected field names');
  const parts = splitTopLevel(value.trim());
  assertCount('group_by', parts.length, SELECT_LIMITS.terms);
  return parts.map((part) => resolver.resolve(part, 'group_by'));
}
