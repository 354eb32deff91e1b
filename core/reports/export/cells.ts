/**
 * Typed export cells from a column's fieldtype, so an export keeps what the report means: Currency
 * with its precision, Percent as a percentage (never as money), Int whole, dates as dates.
 */
import { roundDecimal } from '../../document';
import type { ReportColumn } from '../types';

export type CellKind = 'currency' | 'percent' | 'int' | 'float' | 'date' | 'datetime' | 'check' | 'text';

export function cellKind(column: ReportColumn): CellKind {
  switch (column.fieldtype) {
    case 'Currency':
      return 'currency';
    case 'Percent':
      return 'percent';
    case 'Int':
      return 'int';
    case 'Float':
    case 'Duration':
      return 'float';
    case 'Date':
      return 'date';
    case 'Datetime':
      return 'datetime';
    case 'Check':
      return 'check';
    default:
      return 'text';
  }
}

/** Digits after the point: the column's precision, else 2 for money and percentages, 3 for Float. */
export function precisionOf(column: ReportColumn): number {
  if (column.precision !== undefined) return column.precision;
  const kind = cellKind(column);
  return kind === 'int' || kind === 'check' ? 0 : kind === 'float' ? 3 : 2;
}

export function isEmptyCell(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** A number cell's value, rounded to the column's precision; undefined when the value is not a number. */
export function numberCell(column: ReportColumn, value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? roundDecimal(n, precisionOf(column)) : undefined;
}

/** A cell as text: numbers with exactly the column's decimals, anything else as it is. */
export function cellText(column: ReportColumn, value: unknown): string {
  if (isEmptyCell(value)) return '';
  const kind = cellKind(column);
  if (kind === 'text' || kind === 'date' || kind === 'datetime') return String(value);
  const n = numberCell(column, value);
  return n === undefined ? String(value) : n.toFixed(precisionOf(column));
}

/** Frappe's totals row in a writer's cells: its "Total" label stays a label whatever the first column's type. */
export function totalsCells<T>(columns: readonly ReportColumn[], totals: readonly unknown[], cell: (column: ReportColumn, value: unknown) => T): (T | string)[] {
  return columns.map((c, i) => (i === 0 && totals[0] === 'Total' ? 'Total' : cell(c, totals[i])));
}
