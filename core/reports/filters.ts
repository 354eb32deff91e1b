/**
 * A report's filters as a client sends them (a JSON object, or its text) checked against the
 * declarations through the documents' validation path: types, reqd, Select allowlist, Link existence
 * (normalised to the stored name), `min`. Unknown filters are refused, never silently ignored. An
 * absent date filter with a relative default ("-30 days") gets the date it names on `today`.
 */
import type { Knex } from 'knex';
import { validateFieldValues, validateLinkValues } from '../document';
import { MandatoryError, ValidationError, type FieldErrorDetail } from '../errors';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { isRelativeDefault, resolveOffset } from './defaults';
import type { ReportDefinition, ReportFilter } from './types';

export async function validateReportFilters(
  k: Knex,
  registry: MetaRegistry,
  definition: ReportDefinition,
  filterMeta: DocTypeMeta,
  raw: unknown,
  user: string,
  today: string,
): Promise<Record<string, unknown>> {
  const given = filtersObject(raw);
  const declared = new Map(definition.filters.map((f) => [f.fieldname, f]));
  const unknown = Object.keys(given).filter((key) => !declared.has(key));
  if (unknown.length)
    throw new ValidationError(
      `Unknown filter${unknown.length > 1 ? 's' : ''} for ${definition.name}: ${unknown.join(', ')}`,
      unknown.map((fieldname) => ({ fieldname, message: `not a filter of ${definition.name} (filters: ${[...declared.keys()].join(', ') || 'none'})` })),
    );
  const scalar: Record<string, unknown> = {};
  const lists: [ReportFilter, string[]][] = [];
  for (const [key, value] of Object.entries(given)) {
    const filter = declared.get(key)!;
    if (filter.fieldtype === 'MultiSelectList') lists.push([filter, listOf(filter, value)]);
    else scalar[key] = value;
  }
  for (const filter of definition.filters)
    if (!(filter.fieldname in scalar) && isRelativeDefault(filter)) scalar[filter.fieldname] = resolveOffset(filter.default as string, today);
  const values: Record<string, unknown> = await validateFieldValues(k, registry, filterMeta, scalar, user);
  for (const filter of definition.filters) {
    if (filter.fieldtype === 'MultiSelectList') values[filter.fieldname] = [];
    else if (filter.fieldtype === 'Check') values[filter.fieldname] = values[filter.fieldname] ? 1 : 0;
  }
  for (const [filter, names] of lists) {
    if (names.length) values[filter.fieldname] = await validateLinkValues(k, registry, filter.options!, filter, names);
  }
  checkMinimums(definition, values);
  checkPeriod(definition, values);
  for (const filter of definition.filters)
    if (filter.reqd && filter.fieldtype === 'MultiSelectList' && (values[filter.fieldname] as string[]).length === 0) missing(filter);
  return values;
}

/** Frappe's clients send `filters` as JSON text; an empty value means no filters. */
function filtersObject(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (typeof value === 'string') {
    if (!value.trim()) return {};
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError('filters must be a JSON object', [{ fieldname: 'filters', message: 'not valid JSON' }]);
    }
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError('filters must be a JSON object of {fieldname: value}', [{ fieldname: 'filters', message: 'expected an object' }]);
  // The desk leaves cleared filters out; an explicit empty value means the same.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** A list as JSON array, JSON text of one, or comma-separated text. */
function listOf(filter: ReportFilter, value: unknown): string[] {
  let list = value;
  if (typeof list === 'string') {
    const text = list.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        throw new ValidationError(`${filter.label} must be a list`, [{ fieldname: filter.fieldname, message: 'not valid JSON' }]);
      }
    } else list = text.split(',');
  }
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' && typeof v !== 'number'))
    throw new ValidationError(`${filter.label} must be a list of ${filter.options} names`, [{ fieldname: filter.fieldname, message: `expected a list of ${filter.options} names` }]);
  return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}

function checkMinimums(definition: ReportDefinition, values: Record<string, unknown>): void {
  const errors: FieldErrorDetail[] = [];
  for (const filter of definition.filters) {
    const value = values[filter.fieldname];
    if (filter.min !== undefined && typeof value === 'number' && value < filter.min) errors.push({ fieldname: filter.fieldname, message: `${filter.label} must be at least ${filter.min} (got ${value})` });
  }
  if (errors.length) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
}

/** A period declared as from_date / to_date must not run backwards (Frappe's reports each check this by hand). */
function checkPeriod(definition: ReportDefinition, values: Record<string, unknown>): void {
  const from = definition.filters.find((f) => f.fieldname === 'from_date');
  const to = definition.filters.find((f) => f.fieldname === 'to_date');
  if (!from || !to || typeof values.from_date !== 'string' || typeof values.to_date !== 'string') return;
  if (values.from_date.slice(0, 10) > values.to_date.slice(0, 10))
    throw new ValidationError(`${from.label} (${values.from_date}) cannot be after ${to.label} (${values.to_date})`, [
      { fieldname: 'from_date', message: `must be on or before ${to.label} (${values.to_date})` },
    ]);
}

function missing(filter: ReportFilter): never {
  throw new MandatoryError(`Value missing for filter ${filter.label}`, [{ fieldname: filter.fieldname, message: `${filter.label} is required` }]);
}
