/**
 * Number fields: shown formatted (grouped, with the field's precision) while not being edited, parsed
 * from what the person types, and always handed to the form as numbers, never as text. One fixed
 * locale (Western digits, `,` groups, `.` decimals) so what is shown can always be parsed back.
 */
const LOCALE = 'en-US';

export const NUMBER_TYPES: ReadonlySet<string> = new Set(['Int', 'Float', 'Currency', 'Percent']);

function precisionOf(fieldtype: string, precision: unknown): { min: number; max: number } {
  if (fieldtype === 'Int') return { min: 0, max: 0 };
  const given = precision === undefined || precision === null || precision === '' ? NaN : Number(precision);
  if (Number.isInteger(given) && given >= 0 && given <= 9) return { min: fieldtype === 'Currency' ? given : 0, max: given };
  if (fieldtype === 'Currency') return { min: 2, max: 2 };
  return { min: 0, max: fieldtype === 'Percent' ? 3 : 6 };
}

/** The value as shown at rest: `1,234.50` for a Currency, `12.5` for a Percent; '' when empty. */
export function formatNumber(value: unknown, fieldtype: string, precision?: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const { min, max } = precisionOf(fieldtype, precision);
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max }).format(n);
}

/** The value as edited: plain digits, no grouping, so the cursor moves over what was typed. */
export function editText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return String(value);
}

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

/** Reads typed text: groups, spaces, a leading currency sign and a trailing % are allowed. */
export function parseNumber(text: string, fieldtype: string): Parsed {
  const cleaned = text.replace(/[\s,\u00a0%]/g, '').replace(/^\p{Sc}+/u, '');
  if (cleaned === '') return { ok: true, value: null };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return { ok: false, message: 'Not a number' };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { ok: false, message: 'Not a number' };
  if (fieldtype === 'Int' && !Number.isInteger(value)) return { ok: false, message: 'Must be a whole number' };
  return { ok: true, value };
}
