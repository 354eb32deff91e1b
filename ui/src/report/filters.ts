/**
 * Filter values: their defaults, their place in the URL query (so Back, reload and shared links
 * keep them) and the form the server reads. Only values that differ from the declared default go
 * into the URL; a cleared filter that has a default is written as an empty value, so it stays cleared.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { FieldJson } from '../controls';
import type { FilterValues } from './api';
import type { ReportFilterDef } from './types';

const NUMBER = new Set(['Int', 'Float', 'Currency', 'Percent']);

export const isMulti = (def: ReportFilterDef) => def.fieldtype === 'MultiSelectList';

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function defaultOf(def: ReportFilterDef): unknown {
  if (isMulti(def)) return [];
  if (def.fieldtype === 'Check') return Number(def.default ?? 0) ? 1 : 0;
  if (def.default === undefined || def.default === null || def.default === '') return null;
  return NUMBER.has(def.fieldtype) ? Number(def.default) : String(def.default);
}

/** A value read back from the URL's text into the filter's type. */
function parse(def: ReportFilterDef, raw: LocationQuery[string]): unknown {
  const texts = (Array.isArray(raw) ? raw : [raw]).filter((t): t is string => typeof t === 'string');
  if (isMulti(def)) return texts.filter((t) => t !== '');
  const text = texts[0] ?? '';
  if (def.fieldtype === 'Check') return text === '1' ? 1 : 0;
  if (text === '') return null;
  if (NUMBER.has(def.fieldtype)) {
    const n = Number(text);
    // Not a number: kept as typed, so the server names the filter in its error.
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (isEmpty(a) && isEmpty(b)) || a === b;
}

export function valuesFromQuery(defs: readonly ReportFilterDef[], query: LocationQuery): FilterValues {
  const values: FilterValues = {};
  for (const def of defs) values[def.fieldname] = def.fieldname in query ? parse(def, query[def.fieldname]) : defaultOf(def);
  return values;
}

export function queryFromValues(defs: readonly ReportFilterDef[], values: FilterValues): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const def of defs) {
    const value = values[def.fieldname];
    if (same(value, defaultOf(def))) continue;
    if (Array.isArray(value)) query[def.fieldname] = value.map(String);
    else query[def.fieldname] = isEmpty(value) ? '' : String(value);
  }
  return query;
}

/** What `run` and `export_query` receive: empty filters left out, lists as lists. */
export function serverFilters(defs: readonly ReportFilterDef[], values: FilterValues): FilterValues {
  const out: FilterValues = {};
  for (const def of defs) {
    const value = values[def.fieldname];
    if (!isEmpty(value)) out[def.fieldname] = value;
  }
  return out;
}

/** Required filters with no value: the run waits for them instead of asking the server. */
export function missingRequired(defs: readonly ReportFilterDef[], values: FilterValues): string[] {
  return defs.filter((def) => def.reqd && def.fieldtype !== 'Check' && isEmpty(values[def.fieldname])).map((def) => def.fieldname);
}

/** A filter declaration as the shared controls read a field. */
export function fieldOf(def: ReportFilterDef): FieldJson {
  return { fieldname: def.fieldname, fieldtype: def.fieldtype, label: def.label, options: def.options, reqd: def.reqd, description: def.description };
}

export function sameValues(a: FilterValues, b: FilterValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!same(a[key], b[key])) return false;
  return true;
}
