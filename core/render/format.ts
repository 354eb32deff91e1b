/**
 * Values as text for print, one rule per field type. Plain text only: whoever puts the result in HTML
 * escapes it (the Handlebars helpers do). Empty values (null, undefined, '') print as ''.
 *
 * The choices, fixed for every site:
 * - numbers: `,` between thousands and `.` before decimals (Frappe's default `#,###.##`), rounded half
 *   away from zero on the decimal digits as written (1.005 -> 1.01, -2.5 -> -3), never `-0`;
 * - Currency: 2 decimals (or the field's precision), prefixed by the currency code and a space when
 *   one is known: `EUR 1,234.50`, `EUR -1,234.50` (the sign after the code, as Frappe's fmt_money);
 * - Float: the field's precision, else up to 3 decimals without trailing zeros (`2.5`, `10`);
 * - Int: `1,234`; Percent: up to 2 decimals without trailing zeros (or the precision) and `%`: `12.5%`;
 * - Date: `dd-mm-yyyy` (Frappe's default date format): `22-11-2026`; Datetime: `22-11-2026 14:05:09`;
 *   Time: `14:05:09`; text that is not a date prints as it is;
 * - Check: `Yes` / `No`; Duration (seconds): `1d 2h 30m 5s`; Rating (Frappe's 0..1 fraction): stars;
 * - Text Editor: its HTML reduced to plain text (tags dropped, common entities decoded);
 * - Password and Signature never print; JSON prints as JSON text; everything else as its text.
 */

export interface FieldFormat {
  fieldtype: string;
  /** Decimal places for Float, Currency and Percent. */
  precision?: number;
  /** Currency code (or symbol) for Currency. */
  currency?: string;
  /** Rating: how many stars (Frappe's `options`, default 5). */
  stars?: number;
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'string' && value.trim() === '');
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Rounds half away from zero on the number's decimal digits (so 1.005 rounds up, as written). */
export function roundHalfUp(value: number, precision: number): number {
  const abs = Math.abs(value);
  const text = String(abs);
  const rounded = text.includes('e') ? Number(abs.toFixed(precision)) : Number(`${Math.round(Number(`${text}e${precision}`))}e-${precision}`);
  return value < 0 ? -rounded : rounded;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A number with thousands separators: exactly `precision` decimals, or with `trim` at most
 * `precision` decimals and no trailing zeros. Anything that is not a number is answered as text.
 */
export function formatNumber(value: unknown, precision: number, trim = false): string {
  if (isBlank(value)) return '';
  const n = toNumber(value);
  if (n === undefined) return String(value);
  const places = Math.max(0, Math.min(9, Math.trunc(precision)));
  const rounded = roundHalfUp(n, places);
  let [whole, fraction = ''] = Math.abs(rounded).toFixed(places).split('.');
  if (trim) fraction = fraction.replace(/0+$/, '');
  const sign = rounded < 0 && (Number(whole) !== 0 || /[1-9]/.test(fraction)) ? '-' : '';
  return `${sign}${groupThousands(whole!)}${fraction ? `.${fraction}` : ''}`;
}

export function formatCurrency(value: unknown, currency?: string, precision = 2): string {
  if (isBlank(value)) return '';
  const amount = formatNumber(value, precision);
  if (toNumber(value) === undefined) return amount;
  return currency ? `${currency} ${amount}` : amount;
}

export function formatInt(value: unknown): string {
  return formatNumber(value, 0);
}

export function formatFloat(value: unknown, precision?: number): string {
  return precision === undefined ? formatNumber(value, 3, true) : formatNumber(value, precision);
}

export function formatPercent(value: unknown, precision?: number): string {
  if (isBlank(value)) return '';
  const text = precision === undefined ? formatNumber(value, 2, true) : formatNumber(value, precision);
  return toNumber(value) === undefined ? text : `${text}%`;
}

export function formatCheck(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return value === true || value === 1 || value === '1' || String(value).toLowerCase() === 'true' ? 'Yes' : 'No';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date and time parts of a value: `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]` text or a Date. */
function dateParts(value: unknown): { y: string; m: string; d: string; time?: string } | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return { y: pad(value.getFullYear(), 4), m: pad(value.getMonth() + 1), d: pad(value.getDate()), time: `${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}` };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?/.exec(String(value).trim());
  if (!match) return undefined;
  return { y: match[1]!, m: match[2]!, d: match[3]!, time: match[4] && (match[4].length === 5 ? `${match[4]}:00` : match[4]) };
}

export function formatDate(value: unknown): string {
  if (isBlank(value)) return '';
  const parts = dateParts(value);
  return parts ? `${parts.d}-${parts.m}-${parts.y}` : String(value);
}

export function formatDatetime(value: unknown): string {
  if (isBlank(value)) return '';
  const parts = dateParts(value);
  if (!parts) return String(value);
  return parts.time ? `${parts.d}-${parts.m}-${parts.y} ${parts.time}` : `${parts.d}-${parts.m}-${parts.y}`;
}

export function formatTime(value: unknown): string {
  if (isBlank(value)) return '';
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(String(value).trim());
  return match ? `${pad(Number(match[1]))}:${match[2]}:${match[3] ?? '00'}` : String(value);
}

/** Seconds as `1d 2h 30m 5s` (zero parts left out; `0s` for zero). */
export function formatDuration(value: unknown): string {
  if (isBlank(value)) return '';
  const n = toNumber(value);
  if (n === undefined) return String(value);
  let rest = Math.round(Math.abs(n));
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count) parts.push(`${count}${unit}`);
  }
  return `${n < 0 ? '-' : ''}${parts.join(' ') || '0s'}`;
}

export function formatRating(value: unknown, stars = 5): string {
  if (isBlank(value)) return '';
  const n = toNumber(value);
  if (n === undefined) return String(value);
  const full = Math.max(0, Math.min(stars, Math.round((n <= 1 ? n * stars : n))));
  return '★'.repeat(full) + '☆'.repeat(stars - full);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Rich text (Text Editor HTML) as plain text: line breaks kept, tags dropped, entities decoded. */
export function htmlToText(value: unknown): string {
  if (isBlank(value)) return '';
  return String(value)
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Field types whose text may span lines (printed with line breaks). */
export const MULTILINE_TYPES: ReadonlySet<string> = new Set(['Small Text', 'Text', 'Long Text', 'Text Editor', 'Code', 'HTML Editor', 'Markdown Editor', 'JSON']);

/** Field types that never print a value. */
export const UNPRINTABLE_TYPES: ReadonlySet<string> = new Set(['Password', 'Signature', 'Geolocation', 'Button', 'HTML', 'Image', 'Fold', 'Heading']);

/** Field types printed right-aligned in tables. */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['Currency', 'Float', 'Int', 'Percent', 'Duration']);

/** A value as text by its field type. */
export function formatValue(value: unknown, format: FieldFormat): string {
  if (UNPRINTABLE_TYPES.has(format.fieldtype)) return '';
  switch (format.fieldtype) {
    case 'Currency':
      return formatCurrency(value, format.currency, format.precision ?? 2);
    case 'Float':
      return formatFloat(value, format.precision);
    case 'Int':
      return formatInt(value);
    case 'Percent':
      return formatPercent(value, format.precision);
    case 'Date':
      return formatDate(value);
    case 'Datetime':
      return formatDatetime(value);
    case 'Time':
      return formatTime(value);
    case 'Check':
      return formatCheck(value);
    case 'Duration':
      return formatDuration(value);
    case 'Rating':
      return formatRating(value, format.stars);
    case 'Text Editor':
      return htmlToText(value);
    case 'JSON':
      return isBlank(value) ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    default:
      if (isBlank(value)) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
