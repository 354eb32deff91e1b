/** A cell's text: numbers grouped in the user's language, checks as Yes/No, dates as stored (ISO). */
import type { Column } from './columns';

const NUMERIC = new Set(['Int', 'Float', 'Currency', 'Percent', 'Duration', 'Rating']);

export function isNumeric(fieldtype: string): boolean {
  return NUMERIC.has(fieldtype);
}

export function formatCell(column: Column, value: unknown, lang: string): string {
  if (value === null || value === undefined || value === '') return '';
  const type = column.fieldtype;
  if (type === 'Check') return Number(value) ? 'Yes' : 'No';
  if (NUMERIC.has(type)) {
    const number = Number(value);
    if (!Number.isFinite(number)) return String(value);
    const digits = type === 'Int' || type === 'Rating' ? 0 : 2;
    const text = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(number);
    return type === 'Percent' ? `${text}%` : text;
  }
  // Datetimes carry microseconds; a list shows them to the minute.
  if (type === 'Datetime') return String(value).slice(0, 16);
  return String(value);
}

export function formatCount(count: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(count);
}
