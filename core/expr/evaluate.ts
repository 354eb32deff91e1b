/**
 * Evaluator over the AST produced by ./parser, with JavaScript semantics for the
 * supported operators, but safe: only own properties of data objects are read, the keys
 * `__proto__`, `prototype` and `constructor` are refused, member access on null/undefined
 * yields undefined, and only whitelisted helpers/methods can be called.
 */
import type { HelperName, MethodName, Node } from './parser';
import { ExpressionError } from './tokenizer';

export interface ExprScope {
  doc: Record<string, unknown>;
  parent?: Record<string, unknown>;
}

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);
const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

function isPrimitive(value: unknown): value is Primitive {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** JavaScript truthiness. */
export function isTruthy(value: unknown): boolean {
  return Boolean(value);
}

/** Truthiness of a condition result: JS truthiness, except that an empty array is false. */
export function isConditionTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/**
 * ToPrimitive without invoking user-controllable code: arrays become their joined
 * string form, Dates their string/number value, other objects "[object Object]".
 */
function toPrimitive(value: unknown, hint: 'default' | 'number'): Primitive {
  if (isPrimitive(value)) return value;
  if (value instanceof Date) {
    return hint === 'number' ? Date.prototype.valueOf.call(value) : Date.prototype.toString.call(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => (item === null || item === undefined ? '' : toStr(item))).join(',');
  }
  return '[object Object]';
}

function toStr(value: unknown): string {
  const p = toPrimitive(value, 'default');
  return typeof p === 'symbol' ? p.toString() : String(p);
}

function toNum(value: unknown): number {
  const p = toPrimitive(value, 'number');
  if (typeof p === 'symbol' || typeof p === 'bigint') return Number.NaN;
  return Number(p);
}

/** The JavaScript `==` algorithm (Abstract Equality Comparison). */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb) return a === b;
  if (ta === 'boolean') return looseEquals(Number(a), b);
  if (tb === 'boolean') return looseEquals(a, Number(b));
  if (ta === 'number' && tb === 'string') return a === Number(b);
  if (ta === 'string' && tb === 'number') return Number(a) === b;
  if (ta === 'object') return looseEquals(toPrimitive(a, 'default'), b);
  if (tb === 'object') return looseEquals(a, toPrimitive(b, 'default'));
  return false;
}

function compare(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const pa = toPrimitive(a, 'number');
  const pb = toPrimitive(b, 'number');
  if (typeof pa === 'string' && typeof pb === 'string') {
    switch (op) {
      case '<': return pa < pb;
      case '<=': return pa <= pb;
      case '>': return pa > pb;
      case '>=': return pa >= pb;
    }
  }
  const na = toNum(pa);
  const nb = toNum(pb);
  switch (op) {
    case '<': return na < nb;
    case '<=': return na <= nb;
    case '>': return na > nb;
    case '>=': return na >= nb;
  }
}

function add(a: unknown, b: unknown): string | number {
  const pa = toPrimitive(a, 'default');
  const pb = toPrimitive(b, 'default');
  if (typeof pa === 'string' || typeof pb === 'string') return toStr(pa) + toStr(pb);
  return toNum(pa) + toNum(pb);
}

function propertyKey(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return toStr(value);
}

/** Safe property read: own properties only, dangerous keys refused, null/undefined tolerated. */
export function getMember(object: unknown, keyValue: unknown): unknown {
  if (object === null || object === undefined) return undefined;
  const key = propertyKey(keyValue);
  if (FORBIDDEN_KEYS.has(key)) return undefined;
  if (typeof object === 'string') {
    if (key === 'length') return object.length;
    if (/^(0|[1-9]\d*)$/.test(key)) {
      const index = Number(key);
      return index < object.length ? object.charAt(index) : undefined;
    }
    return undefined;
  }
  if (Array.isArray(object)) {
    if (key === 'length') return object.length;
    return hasOwn(object, key) ? (object as unknown as Record<string, unknown>)[key] : undefined;
  }
  if (typeof object === 'object') {
    return hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function callMethod(receiver: unknown, name: MethodName, args: unknown[]): unknown {
  // Lenient like member access: a method call on a missing value yields undefined.
  if (receiver === null || receiver === undefined) return undefined;
  const arg0 = args[0];
  if (Array.isArray(receiver)) {
    if (name === 'includes') return receiver.includes(arg0);
    if (name === 'indexOf') return receiver.indexOf(arg0);
  } else if (typeof receiver === 'string') {
    switch (name) {
      case 'includes': return receiver.includes(toStr(arg0));
      case 'startsWith': return receiver.startsWith(toStr(arg0));
      case 'endsWith': return receiver.endsWith(toStr(arg0));
      case 'indexOf': return receiver.indexOf(toStr(arg0));
      case 'toLowerCase': return receiver.toLowerCase();
      case 'toUpperCase': return receiver.toUpperCase();
      case 'trim': return receiver.trim();
    }
  }
  throw new ExpressionError(`Method "${name}" is not available on a value of type ${typeName(receiver)}`);
}

// ---- helper functions (Frappe's client-side utils) ----------------------------

function cstr(v: unknown): string {
  return v === null || v === undefined ? '' : toStr(v);
}

function cint(v: unknown, def?: unknown): unknown {
  if (v === true) return 1;
  if (v === false) return 0;
  let s = cstr(v).trim();
  if (s !== '0') s = s.replace(/^0+(?=.)/, '');
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? (def === undefined ? 0 : def) : n;
}

function flt(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (v === true) return 1;
  if (v === null || v === undefined || v === false) return 0;
  const n = Number.parseFloat(cstr(v).replace(/,/g, '').trim());
  return Number.isNaN(n) ? 0 : n;
}

function isNull(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Frappe's `in_list`: true if some element (or character of a string) is `==` to item. */
function inList(list: unknown, item: unknown): boolean {
  if (Array.isArray(list)) return list.some((element) => looseEquals(element, item));
  if (typeof list === 'string') return [...list].some((ch) => looseEquals(ch, item));
  return false;
}

function callHelper(name: HelperName, args: unknown[]): unknown {
  switch (name) {
    case 'in_list': return inList(args[0], args[1]);
    case 'cint': return cint(args[0], args[1]);
    case 'flt': return flt(args[0]);
    case 'cstr': return cstr(args[0]);
    case 'is_null': return isNull(args[0]);
  }
}

// ---- evaluation ------------------------------------------------------------------

function resolveIdentifier(name: string, scope: ExprScope): unknown {
  if (name === 'doc') return scope.doc;
  if (name === 'parent') return scope.parent;
  return undefined; // unknown globals (e.g. `frappe`) are undefined
}

/** Evaluate an AST node in the given scope, returning the raw JS value. */
export function evaluateNode(node: Node, scope: ExprScope): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'array':
      return node.elements.map((element) => evaluateNode(element, scope));
    case 'identifier':
      return resolveIdentifier(node.name, scope);
    case 'member':
      return getMember(evaluateNode(node.object, scope), evaluateNode(node.property, scope));
    case 'helperCall':
      return callHelper(node.name, node.args.map((arg) => evaluateNode(arg, scope)));
    case 'methodCall': {
      const receiver = evaluateNode(node.object, scope);
      return callMethod(receiver, node.name, node.args.map((arg) => evaluateNode(arg, scope)));
    }
    case 'unary': {
      const value = evaluateNode(node.argument, scope);
      switch (node.operator) {
        case '!': return !isTruthy(value);
        case '-': return -toNum(value);
        case '+': return toNum(value);
      }
      break;
    }
    case 'logical': {
      const left = evaluateNode(node.left, scope);
      if (node.operator === '&&') return isTruthy(left) ? evaluateNode(node.right, scope) : left;
      return isTruthy(left) ? left : evaluateNode(node.right, scope);
    }
    case 'conditional':
      return isTruthy(evaluateNode(node.test, scope))
        ? evaluateNode(node.consequent, scope)
        : evaluateNode(node.alternate, scope);
    case 'binary': {
      const left = evaluateNode(node.left, scope);
      const right = evaluateNode(node.right, scope);
      switch (node.operator) {
        case '===': return left === right;
        case '!==': return left !== right;
        case '==': return looseEquals(left, right);
        case '!=': return !looseEquals(left, right);
        case '<': case '<=': case '>': case '>=': return compare(node.operator, left, right);
        case '+': return add(left, right);
        case '-': return toNum(left) - toNum(right);
        case '*': return toNum(left) * toNum(right);
        case '/': return toNum(left) / toNum(right);
        case '%': return toNum(left) % toNum(right);
      }
      break;
    }
  }
  throw new ExpressionError('Unsupported expression node');
}
