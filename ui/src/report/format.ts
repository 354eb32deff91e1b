/**
 * Cell and card text by fieldtype, from the same helpers forms use (controls/number, controls/duration)
 * so a Currency looks the same in a form, a list and a report. Numbers use one fixed locale for now,
 * as forms do; dates stay ISO like the list view.
 */
import { formatDuration } from '../controls/duration';
import { formatNumber, NUMBER_TYPES } from '../controls/number';

const RIGHT_ALIGNED = new Set([...NUMBER_TYPES, 'Duration']);

export function isNumberType(fieldtype: string): boolean {
  return RIGHT_ALIGNED.has(fieldtype);
}

export function formatValue(value: unknown, fieldtype: string, precision?: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (fieldtype === 'Check') return Number(value) ? 'Yes' : 'No';
  if (fieldtype === 'Duration') return formatDuration(value);
  if (NUMBER_TYPES.has(fieldtype)) {
    const text = formatNumber(value, fieldtype, precision ?? (fieldtype === 'Float' || fieldtype === 'Percent' ? 2 : undefined));
    return fieldtype === 'Percent' ? `${text}%` : text;
  }
  // Datetimes carry microseconds; a report shows them to the second.
  if (fieldtype === 'Datetime') return String(value).slice(0, 19);
  return String(value);
}

/** Frappe's indicator names to the desk's indicator classes (styles.css). */
export function indicatorClass(indicator: string | undefined): string {
  const name = (indicator ?? 'grey').toLowerCase();
  return name === 'grey' ? 'gray' : name;
}
