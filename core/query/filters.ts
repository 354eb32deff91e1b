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

export function parseFilters(input: unknown, resolver: ReferenceResolver, param = 'filters'): Condition[] {
  const value = parseJsonParam(input, param);
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) {
    // A single filter given flat (`["status", "=", "Open"]`) is accepted as Frappe's get_filters does.
    const list = typeof value[0] === 'string' ? [value] : value;
    return list.map((item, i) => fromList(item, resolver, `${param}[${i}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([field, spec]) => {
      const source = `${param}.${field}`;
      const ref = resolver.resolve(field, param);
      if (Array.isArray(spec) && spec.length >= 1 && spec.length <= 2 && typeof spec[0] === 'string' && isOperatorText(spec[0]))
        return condition(resolver, ref, spec[0], spec.length === 2 ? spec[1] : undefined, source);
      return condition(resolver, ref, '=', spec, source);
    });
  }
  throw new ValidationError(`${param} must be a list or an object`, [{ fieldname: param, message: `${param} must be a list of [field, operator, value] or an object` }]);
}

function isOperatorText(text: string): boolean {
  const op = normaliseOperator(text);
  return ALL_OPERATORS.has(op);
}

function fromList(item: unknown, resolver: ReferenceResolver, source: string): Condition {
  if (!Array.isArray(item)) throw filterError(source, 'filters', 'each filter must be a list [field, operator, value]');
  // Frappe's client sometimes appends a fifth element (a hidden flag); it carries no meaning here.
  const parts = item.length === 5 && typeof item[4] !== 'string' ? item.slice(0, 4) : item;
  if (parts.length === 2) return condition(resolver, resolver.resolve(parts[0], 'filters'), '=', parts[1], source);
  if (parts.length === 3) return condition(resolver, resolver.resolve(parts[0], 'filters'), parts[1], parts[2], source);
  if (parts.length === 4) {
    const doctype = parts[0];
    if (typeof doctype !== 'string') throw filterError(source, 'filters', 'the first of four elements must be a DocType');
    const meta = doctype === resolver.base.name ? resolver.base : resolver.registry.find(doctype);
    if (!meta) throw filterError(source, 'filters', `unknown DocType "${doctype}"`);
    return condition(resolver, resolver.column(meta, parts[1], 'filters'), parts[2], parts[3], source);
  }
  throw filterError(source, 'filters', `expected [field, operator, value] or [doctype, field, operator, value], got ${parts.length} elements`);
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
      const [from, to] = pair.map((v) => castScalar(field, v, source)) as [unknown, unknown];
      if (field.type.value === 'datetime') return [widenDatetime(from, 'start'), widenDatetime(to, 'end')];
      return [from, to];
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
function widenDatetime(value: unknown, side: 'start' | 'end'): unknown {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return side === 'start' ? `${value} 00:00:00.000000` : `${value} 23:59:59.999999`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$/;
const TIME = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;

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
      if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw filterError(source, fieldname, `${fieldname} is a Date field: ${JSON.stringify(value)} is not YYYY-MM-DD`);
      return date;
    }
    case 'datetime': {
      const text = String(value).trim();
      if (text === '') return null;
      if (!DATETIME.test(text)) throw filterError(source, fieldname, `${fieldname} is a Datetime field: ${JSON.stringify(value)} is not YYYY-MM-DD HH:MM:SS`);
      return text.replace('T', ' ');
    }
    case 'time': {
      const text = String(value).trim();
      if (text === '') return null;
      if (!TIME.test(text)) throw filterError(source, fieldname, `${fieldname} is a Time field: ${JSON.stringify(value)} is not HH:MM:SS`);
      return text.length === 4 || text.length === 7 ? `0${text}` : text;
    }
    default:
      return String(value);
  }
}
