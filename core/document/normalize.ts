/**
 * Casts type-checked input to the values the database stores: numbers for Int/Float/Check, canonical
 * date/time strings, parsed JSON. Runs after value-schema.ts, so every value here has the right shape.
 */
import type { FieldErrorDetail } from '../errors';
import type { DocField, ValueKind } from '../meta';
import { formatDatetime } from './clock';

export type Cast = { ok: true; value: unknown } | { ok: false; message: string };

export function castValue(field: DocField, value: unknown): Cast {
  const empty = value === null || value === undefined || value === '';
  switch (field.type.value) {
    case 'string':
      return ok(empty ? null : String(value));
    case 'int':
      if (empty) return ok(numericDefault(field));
      if (typeof value === 'boolean') return ok(value ? 1 : 0);
      return ok(Math.trunc(Number(value)));
    case 'check':
      return ok(value === true || value === 1 || value === '1' ? 1 : 0);
    case 'float':
    case 'rating':
      if (empty || (typeof value === 'string' && value.trim() === '')) return ok(numericDefault(field));
      // The column's scale (decimal(21,9), or decimal(3,2) for Rating): MariaDB rounds on write, so
      // round here too and every database reads back the same number.
      return ok(roundDecimal(Number(value), field.type.value === 'rating' ? 2 : 9));
    case 'date':
      return empty ? ok(null) : castDate(String(value));
    case 'datetime':
      return empty ? ok(null) : castDatetime(String(value));
    case 'time':
      return empty ? ok(null) : castTime(String(value));
    case 'json':
      return castJson(value);
    default:
      return ok(value);
  }
}

function ok(value: unknown): Cast {
  return { ok: true, value };
}

function numericDefault(field: DocField): number {
  const value = Number(field.def.default ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/**
 * `value` rounded to `scale` decimals, half away from zero, on its shortest decimal form (the text
 * MariaDB receives and rounds exactly), so 1.005 becomes 1.01 as it does in a decimal column.
 */
export function roundDecimal(value: number, scale: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const keep = Number(exponent) + 1 + scale; // significant digits left of the rounding position
  if (keep >= digits.length) return value;
  if (keep < 0) return 0;
  let units = BigInt(digits.slice(0, keep) || '0');
  if (digits[keep]! >= '5') units += 1n;
  if (units === 0n) return 0;
  const text = units.toString().padStart(scale + 1, '0');
  const rounded = Number(`${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`);
  return value < 0 ? -rounded : rounded;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Calendar validity without Date, which shifts years below 100 and local times in a DST gap. */
function validDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function pad(n: number | string, width = 2): string {
  return String(n).padStart(width, '0');
}

function castDate(text: string): Cast {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (!validDate(y, m, d)) return { ok: false, message: `is not a valid date (got "${text}")` };
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

function castDatetime(text: string): Cast {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return { ok: false, message: `is not a valid date and time (got "${text}")` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  if (!validDate(+y!, +mo!, +d!) || +h > 23 || +mi > 59 || +s > 59) return { ok: false, message: `is not a valid date and time (got "${text}")` };
  const micros = fraction.padEnd(6, '0').slice(0, 6);
  if (zone) {
    // An explicit offset is converted to the server's local time, which is how values are stored.
    const [, sign, zh, zm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) ?? ['', '+', '0', '0'];
    const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
    const utc = new Date(0);
    utc.setUTCFullYear(+y!, +mo! - 1, +d!);
    utc.setUTCHours(+h, +mi - offsetMinutes, +s, 0);
    return ok(formatDatetime(utc, Number(micros)));
  }
  // A value without an offset is already local time: keep its fields as they are.
  return ok(`${y}-${mo}-${d} ${pad(h)}:${pad(mi)}:${pad(s)}.${micros}`);
}

function castTime(text: string): Cast {
  const [h = 0, m = 0, s = 0] = text.split('.')[0]!.split(':').map(Number);
  if (h > 23 || m > 59 || s > 59) return { ok: false, message: `is not a valid time (got "${text}")` };
  const fraction = text.includes('.') ? `.${text.split('.')[1]!.padEnd(6, '0').slice(0, 6)}` : '';
  return ok(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${fraction}`);
}

function castJson(value: unknown): Cast {
  if (typeof value !== 'string') return ok(value ?? null);
  if (value.trim() === '') return ok(null);
  try {
    return ok(JSON.parse(value));
  } catch {
    return { ok: false, message: 'must be valid JSON' };
  }
}

/** Whether `text` is a valid value of a date, datetime, time or JSON field (for the type check). */
export function validText(kind: ValueKind, text: string): boolean {
  if (text.trim() === '') return true;
  switch (kind) {
    case 'date':
      return castDate(text).ok;
    case 'datetime':
      return castDatetime(text).ok;
    case 'time':
      return castTime(text).ok;
    case 'json':
      return castJson(text).ok;
    default:
      return true;
  }
}

/**
 * JSON values already parsed from client text, per holder (document or row) and field. A parsed value
 * can itself be a string ('"hello"' gives "hello"); when the document is type-checked and cast again
 * (after the controller's hooks) that string must be kept as it is, not parsed a second time.
 */
const parsedJson = new WeakMap<object, Map<string, unknown>>();

export function markParsedJson(holder: object, fieldname: string, value: unknown): void {
  if (typeof value !== 'string') return;
  let fields = parsedJson.get(holder);
  if (!fields) parsedJson.set(holder, (fields = new Map()));
  fields.set(fieldname, value);
}

export function isParsedJson(holder: unknown, fieldname: string | number | undefined, value: unknown): boolean {
  if (typeof holder !== 'object' || holder === null || fieldname === undefined) return false;
  const fields = parsedJson.get(holder);
  return fields !== undefined && fields.has(String(fieldname)) && fields.get(String(fieldname)) === value;
}

/** Casts every value field of `input` present in it; answers the cast values and the errors. */
export function castFields(fields: readonly DocField[], input: Record<string, unknown>, at: Omit<FieldErrorDetail, 'message' | 'fieldname'> = {}) {
  const values: Record<string, unknown> = {};
  const errors: FieldErrorDetail[] = [];
  for (const field of fields) {
    if (!field.hasColumn || !(field.fieldname in input)) continue;
    if (field.type.value === 'json' && isParsedJson(input, field.fieldname, input[field.fieldname])) {
      values[field.fieldname] = input[field.fieldname];
      continue;
    }
    const cast = castValue(field, input[field.fieldname]);
    if (cast.ok) values[field.fieldname] = cast.value;
    else errors.push({ ...at, fieldname: field.fieldname, message: `${field.label} ${cast.message}` });
  }
  return { values, errors };
}
