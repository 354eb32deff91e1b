/**
 * Parses every filter shape Frappe accepts into checked conditions:
 * `{field: value}`, `{field: [op, value]}`, `[[field, op, value]]`, `[[doctype, field, op, value]]`
 * (a child DocType filters the parent through its rows), and v16's `[[field, value]]`. The operator
 * must be one the field's type allows; the value is cast to the field's type. Nothing here builds SQL.
 */
import { ValidationError } from '../errors';
import { TREE_OPERATORS, type DocField, type DocTypeMeta, type MetaRegistry } from '../meta';
import { INTERVALS, TIMESPANS } from './dates';
import type { FieldRef, ReferenceResolver } from './references';

export interface Condition {
  ref: FieldRef;
  operator: string;
  value: unknown;
  /** Where it came from (`filters[2]`), for messages. */
  source: string;
}

const OPERATOR_ALIASES: Readonly<Record<string, string>> = { '==': '=', '<>': '!=', 'not set': 'is', set: 'is' };

export function filterError(source: string, fieldname: string, message: string): ValidationError {
  return new ValidationError(`Invalid filter ${source}: ${message}`, [{ fieldname, message: `${source}: ${message}` }]);
}

/** `filters` arrives as JSON text (query string) or already parsed (JSON body). */
export function parseJsonParam(value: unknown, param: string): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError(`${param} is not valid JSON`, [{ fieldname: param, message: `${param} must be JSON, got ${JSON.stringify(text.slice(0, 80))}` }]);
  }
}

/**
 * How much one filters (or or_filters) parameter may ask for. SQLite refuses expressions nested more
 * than 1000 deep, statements with more than 32766 bound values and LIKE patterns over 50000 bytes
 * (a 500); these bounds keep every request well inside, with the same answer on every database.
 */
export const FILTER_LIMITS = { conditions: 500, values: 10000, pattern: 10000 } as const;

export function parseFilters(input: unknown, resolver: ReferenceResolver, param = 'filters'): Condition[] {
  const value = parseJsonParam(input, param);
  if (value === undefined || value === null || value === '') return [];
  const conditions = parseShapes(value, resolver, param);
  const values = conditions.reduce((n, c) => n + (Array.isArray(c.value) ? c.value.length : 1), 0);
  if (values > FILTER_LIMITS.values)
    throw new ValidationError(`${param} holds ${values} values; at most ${FILTER_LIMITS.values} are accepted`, [{ fieldname: param, message: `too many values (${values} > ${FILTER_LIMITS.values})` }]);
  return conditions;
}

function tooManyConditions(param: string, count: number): ValidationError {
  return new ValidationError(`${param} has ${count} conditions; at most ${FILTER_LIMITS.conditions} are accepted`, [{ fieldname: param, message: `too many conditions (${count} > ${FILTER_LIMITS.conditions})` }]);
}

function parseShapes(value: unknown, resolver: ReferenceResolver, param: string): Condition[] {
  if (Array.isArray(value)) {
    // A single filter given flat (`["status", "=", "Open"]`) is accepted as Frappe's get_filters does.
    const list = typeof value[0] === 'string' ? [value] : value;
    if (list.length > FILTER_LIMITS.conditions) throw tooManyConditions(param, list.length);
    return list.map((item, i) => fromList(item, resolver, `${param}[${i}]`, param));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > FILTER_LIMITS.conditions) throw tooManyConditions(param, entries.length);
    return entries.map(([field, spec]) => {
      const source = `${param}.${field}`;
      const ref = resolver.resolve(field, param);
      if (Array.isArray(spec) && spec.length >= 1 && spec.length <= 2 && typeof spec[0] === 'string' && isOperatorText(spec[0]))
        return condition(resolver, ref, spec[0], spec.length === 2 ? spec[1] : undefined, source);
      return condition(resolver, ref, '=', spec, source);
    });
  }
  throw new ValidationError(`${param} must be a list or an object`, [{ fieldname: param, message: `${param} must be a list of [field, operator, value] or an object` }]);
}

export function isOperatorText(text: string): boolean {
  const op = normaliseOperator(text);
  return ALL_OPERATORS.has(op);
}

function fromList(item: unknown, resolver: ReferenceResolver, source: string, param: string): Condition {
  if (!Array.isArray(item)) throw filterError(source, param, 'each filter must be a list [field, operator, value]');
  // Frappe's client sometimes appends a fifth element (a hidden flag); it carries no meaning here.
  const parts = item.length === 5 && typeof item[4] !== 'string' ? item.slice(0, 4) : item;
  if (parts.length === 2) return condition(resolver, resolver.resolve(parts[0], param), '=', parts[1], source);
  if (parts.length === 3) return condition(resolver, resolver.resolve(parts[0], param), parts[1], parts[2], source);
  if (parts.length === 4) {
    const doctype = parts[0];
    if (typeof doctype !== 'string') throw filterError(source, param, 'the first of four elements must be a DocType');
    const meta = doctype === resolver.base.name ? resolver.base : resolver.registry.find(doctype);
    if (!meta) throw filterError(source, param, `unknown DocType "${doctype}"`);
    return condition(resolver, resolver.column(meta, parts[1], param), parts[2], parts[3], source);
  }
  throw filterError(source, param, `expected [field, operator, value] or [doctype, field, operator, value], got ${parts.length} elements`);
}

const ALL_OPERATORS = new Set(['=', '!=', '>', '<', '>=', '<=', 'like', 'not like', 'in', 'not in', 'is', 'between', 'timespan', 'previous', 'next', ...TREE_OPERATORS]);

export function normaliseOperator(op: string): string {
  const text = op.trim().toLowerCase().replace(/\s+/g, ' ');
  return OPERATOR_ALIASES[text] ?? text;
}

/** Operators a field accepts: its type's, plus the tree ones for a tree's name and Links into a tree. */
export function operatorsFor(ref: FieldRef, treeTarget: DocTypeMeta | undefined): readonly string[] {
  const own = ref.field.fieldname === 'name' ? ['=', '!=', 'like', 'not like', 'in', 'not in', 'is', '>', '<', '>=', '<='] : ref.field.type.operators;
  return treeTarget ? [...own, ...TREE_OPERATORS] : own;
}

export function treeTargetOf(ref: FieldRef, registry: MetaRegistry): DocTypeMeta | undefined {
  if (ref.field.fieldname === 'name') return ref.meta.isTree ? ref.meta : undefined;
  if (ref.field.fieldtype !== 'Link') return undefined;
  const target = registry.find(ref.field.options);
  return target?.isTree ? target : undefined;
}

function condition(resolver: ReferenceResolver, ref: FieldRef, rawOperator: unknown, rawValue: unknown, source: string): Condition {
  const fieldname = ref.field.fieldname;
  if (typeof rawOperator !== 'string') throw filterError(source, fieldname, 'the operator must be text');
  const lowered = rawOperator.trim().toLowerCase();
  let operator = normaliseOperator(rawOperator);
  let value = rawValue;
  if (lowered === 'set' || lowered === 'not set') [operator, value] = ['is', lowered];
  const tree = treeTargetOf(ref, resolver.registry);
  const allowed = operatorsFor(ref, tree);
  if (!allowed.includes(operator))
    throw filterError(source, fieldname, `operator "${rawOperator}" is not allowed on ${ref.field.fieldtype} field ${fieldname} (allowed: ${allowed.join(', ') || 'none'})`);
  return { ref, operator, value: castValue(ref.field, operator, value, source), source };
}

function castValue(field: DocField, operator: string, value: unknown, source: string): unknown {
  const fieldname = field.fieldname;
  switch (operator) {
    case 'is': {
      const text = String(value ?? '').trim().toLowerCase();
      if (text !== 'set' && text !== 'not set') throw filterError(source, fieldname, `"is" takes "set" or "not set", got ${JSON.stringify(value)}`);
      return text;
    }
    case 'in':
    case 'not in': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : value === null || value === undefined ? [] : [value];
      return list.map((v) => castScalar(field, v, source));
    }
    case 'between': {
      const pair = typeof value === 'string' && value.trim().startsWith('[') ? safeJson(value) : value;
      if (!Array.isArray(pair) || pair.length !== 2) throw filterError(source, fieldname, '"between" takes a list [from, to]');
      if (field.type.value === 'datetime') return [betweenBound(field, pair[0], 'start', source), betweenBound(field, pair[1], 'end', source)];
      return pair.map((v) => castScalar(field, v, source));
    }
    case 'timespan':
      if (typeof value !== 'string' || !(TIMESPANS as readonly string[]).includes(value.trim().toLowerCase()))
        throw filterError(source, fieldname, `"timespan" takes one of: ${TIMESPANS.join(', ')}`);
      return value.trim().toLowerCase();
    case 'previous':
    case 'next':
      if (typeof value !== 'string' || !(value.trim().toLowerCase() in INTERVALS))
        throw filterError(source, fieldname, `"${operator}" takes one of: ${Object.keys(INTERVALS).join(', ')}`);
      return value.trim().toLowerCase();
    case 'like':
    case 'not like':
      if (value === null || value === undefined || typeof value === 'object') throw filterError(source, fieldname, `"${operator}" takes text`);
      if (String(value).length > FILTER_LIMITS.pattern) throw filterError(source, fieldname, `the pattern is longer than ${FILTER_LIMITS.pattern} characters`);
      return String(value);
    default:
      if (TREE_OPERATORS.includes(operator)) {
        if (typeof value !== 'string' || !value) throw filterError(source, fieldname, `"${operator}" takes the name of a tree node`);
        return value;
      }
      return castScalar(field, value, source);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A date-only bound on a Datetime covers the whole day, as Frappe's between does. */
function betweenBound(field: DocField, value: unknown, side: 'start' | 'end', source: string): unknown {
  const cast = castScalar(field, value, source);
  if (typeof value !== 'string' || !DATE.test(value.trim()) || typeof cast !== 'string') return cast;
  return side === 'start' ? cast : `${cast.slice(0, 10)} 23:59:59.999999`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

/** A real calendar day (Date.parse accepts 2024-02-30 and rolls it over to March). */
function calendarDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad2 = (n: string | undefined) => (n ?? '0').padStart(2, '0');

/** Casts one value to the field's type; null and '' stay "empty" (matched with NULL by the SQL side). */
export function castScalar(field: DocField, value: unknown, source: string): unknown {
  const fieldname = field.fieldname;
  const kind = field.fieldname === 'name' ? 'string' : field.type.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') throw filterError(source, fieldname, `expected a single value, got ${Array.isArray(value) ? 'a list' : 'an object'}`);
  switch (kind) {
    case 'int':
    case 'check':
    case 'float':
    case 'rating': {
      if (value === '') return null;
      const n = typeof value === 'boolean' ? Number(value) : Number(value);
      if (!Number.isFinite(n)) throw filterError(source, fieldname, `${fieldname} is a ${field.fieldtype} field: ${JSON.stringify(value)} is not a number`);
      return n;
    }
    case 'date': {
      const text = String(value).trim();
      if (text === '') return null;
      const date = text.slice(0, 10);
      if (!DATE.test(date) || !calendarDay(date)) throw filterError(source, fieldname, `${fieldname} is a Date field: ${JSON.stringify(value)} is not YYYY-MM-DD`);
      return date;
    }
    case 'datetime': {
      // Written out in full as the column stores it (SQLite compares the text), so `=` and `>` agree on both databases.
      const text = String(value).trim();
      if (text === '') return null;
      const m = DATETIME.exec(text);
      if (!m || !calendarDay(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59)
        throw filterError(source, fieldname, `${fieldname} is a Datetime field: ${JSON.stringify(value)} is not YYYY-MM-DD HH:MM:SS`);
      return `${m[1]}-${m[2]}-${m[3]} ${pad2(m[4])}:${pad2(m[5])}:${pad2(m[6])}.${(m[7] ?? '').padEnd(6, '0')}`;
    }
    case 'time': {
      // HH:MM:SS as stored; a fraction only when it is not zero.
      const text = String(value).trim();
      if (text === '') return null;
      const m = TIME.exec(text);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) throw filterError(source, fieldname, `${fieldname} is a Time field: ${JSON.stringify(value)} is not HH:MM:SS`);
      const fraction = /[1-9]/.test(m[4] ?? '') ? `.${m[4]!.padEnd(6, '0')}` : '';
      return `${pad2(m[1])}:${m[2]}:${pad2(m[3])}${fraction}`;
    }
    default:
      return String(value);
  }
}
