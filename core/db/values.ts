/**
 * How a stored value reads back, identically on SQLite and MariaDB: numbers as numbers, JSON parsed,
 * times as `HH:MM:SS`, datetimes with six fraction digits; NULL in a numeric column reads as 0.
 */
import type { DocField } from '../meta';

export function fromColumn(field: DocField, value: unknown): unknown {
  if (value === null || value === undefined) return field.type.column === 'int' || field.type.column === 'check' || field.type.column === 'decimal' ? 0 : null;
  switch (field.type.value) {
    case 'int':
    case 'check':
    case 'float':
    case 'rating':
      return Number(value);
    case 'time':
      return String(value).replace(/\.0+$/, '');
    case 'datetime': {
      const text = String(value);
      return /\.\d{6}$/.test(text) ? text : `${text.split('.')[0]}.${(text.split('.')[1] ?? '').padEnd(6, '0')}`;
    }
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    default:
      return value;
  }
}
