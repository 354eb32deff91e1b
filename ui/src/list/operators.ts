/**
 * The filter builder's operators: readable labels for the operators the server allows on a field
 * (tabula.desk.meta's filter_operators), and which kind of value input each needs.
 */
import type { FieldMeta, ListMeta } from './meta';

const LABELS: Record<string, string> = {
  '=': 'Equals',
  '!=': 'Not Equals',
  like: 'Like',
  'not like': 'Not Like',
  in: 'In',
  'not in': 'Not In',
  is: 'Is',
  '>': '>',
  '<': '<',
  '>=': '>=',
  '<=': '<=',
  between: 'Between',
  timespan: 'Timespan',
  previous: 'Previous',
  next: 'Next',
  'descendants of': 'Descendants Of',
  'descendants of (inclusive)': 'Descendants Of (inclusive)',
  'not descendants of': 'Not Descendants Of',
  'ancestors of': 'Ancestors Of',
  'not ancestors of': 'Not Ancestors Of',
};

export function operatorLabel(operator: string): string {
  return LABELS[operator] ?? operator;
}

export function operatorsOf(meta: ListMeta, fieldname: string): string[] {
  return meta.settings.filter_operators[fieldname] ?? [];
}

export type ValueKind = 'text' | 'number' | 'date' | 'datetime' | 'time' | 'check' | 'select' | 'link' | 'list' | 'range' | 'choice';

/** The input a value needs: `choice` offers a fixed list (is, timespan, previous / next). */
export function valueKind(field: FieldMeta, operator: string): ValueKind {
  if (operator === 'is' || operator === 'timespan' || operator === 'previous' || operator === 'next') return 'choice';
  if (operator === 'in' || operator === 'not in') return 'list';
  if (operator === 'between') return 'range';
  if (operator === 'like' || operator === 'not like') return 'text';
  if (operator.includes('descendants') || operator.includes('ancestors')) return 'link';
  switch (field.fieldtype) {
    case 'Int':
    case 'Float':
    case 'Currency':
    case 'Percent':
    case 'Duration':
    case 'Rating':
      return 'number';
    case 'Date':
      return 'date';
    case 'Datetime':
      return 'datetime';
    case 'Time':
      return 'time';
    case 'Check':
      return 'check';
    case 'Select':
      return 'select';
    case 'Link':
      return 'link';
    default:
      return 'text';
  }
}

/** The fixed values a `choice` operator takes. */
export function choicesOf(meta: ListMeta, operator: string): string[] {
  if (operator === 'is') return ['set', 'not set'];
  if (operator === 'timespan') return meta.settings.timespans;
  return meta.settings.intervals;
}

export function selectOptions(field: FieldMeta): string[] {
  return (field.options ?? '').split('\n').filter((o) => o !== '');
}

/** The value as the server wants it: lists split on commas, `like` wrapped in % unless it has its own. */
export function filterValue(operator: string, value: unknown): unknown {
  if ((operator === 'in' || operator === 'not in') && typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  if ((operator === 'like' || operator === 'not like') && typeof value === 'string' && !value.includes('%')) return `%${value}%`;
  return value;
}

/** How a filter reads in a chip: "Territory Equals Germany". */
export function describeFilter(meta: ListMeta, [fieldname, operator, value]: [string, string, unknown]): string {
  const label = fieldname === 'name' ? 'ID' : meta.fields.get(fieldname)?.label || fieldname;
  const shown = Array.isArray(value) ? value.join(operator === 'between' ? ' and ' : ', ') : String(value);
  return `${label} ${operatorLabel(operator)} ${shown}`;
}
