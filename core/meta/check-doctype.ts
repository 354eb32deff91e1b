/**
 * Rules that span fields or DocTypes, checked after every file has been read: duplicate fieldnames,
 * Link / Dynamic Link / Table targets, naming, fetch_from and depends_on expressions.
 */
import type { MetaProblem } from '../errors';
import { checkConditionSyntax } from '../expr';
import { DocField } from './docfield';
import type { DocTypeMeta } from './doctype';
import { STANDARD_FIELDNAMES } from './standard-fields';
import { unsupportedKeys } from './unsupported';

export interface DocTypeLookup {
  find(name: string): DocTypeMeta | undefined;
}

/** Link targets that the framework itself answers (links to "DocType" name a loaded DocType). */
export const BUILTIN_LINK_TARGETS: ReadonlySet<string> = new Set(['DocType']);

const CONDITION_KEYS = ['depends_on', 'mandatory_depends_on', 'read_only_depends_on', 'collapsible_depends_on'] as const;

export function checkDocType(meta: DocTypeMeta, lookup: DocTypeLookup): MetaProblem[] {
  const problems: MetaProblem[] = [];
  const problem = (field: string | undefined, message: string, severity: MetaProblem['severity'] = 'error') =>
    problems.push({ file: meta.file, doctype: meta.name, field, message, severity });

  checkIndexes(meta, problem);

  const seen = new Map<string, number>();
  meta.def.fields.forEach((def, i) => {
    const at = `fields[${i}]`;
    // This definition's own field: with duplicate fieldnames, meta.getField answers only the last one.
    const field = new DocField(def);
    if (seen.has(def.fieldname)) problem(`${at}.fieldname`, `duplicate fieldname "${def.fieldname}" (also fields[${seen.get(def.fieldname)}])`);
    seen.set(def.fieldname, i);
    if (STANDARD_FIELDNAMES.has(def.fieldname)) problem(`${at}.fieldname`, `"${def.fieldname}" is a standard column and cannot be redefined`);

    const target = field.options;
    if (field.fieldtype === 'Link') {
      if (!target) problem(`${at}.options`, `Link field "${field.fieldname}" needs the target DocType in options`);
      else if (!lookup.find(target) && !BUILTIN_LINK_TARGETS.has(target))
        problem(`${at}.options`, `Link field "${field.fieldname}" points at DocType "${target}", which does not exist`);
    }
    if (field.fieldtype === 'Dynamic Link') {
      const source = meta.getField(target);
      if (!target) problem(`${at}.options`, `Dynamic Link field "${field.fieldname}" needs the fieldname that holds the DocType in options`);
      else if (!source) problem(`${at}.options`, `Dynamic Link field "${field.fieldname}" reads its DocType from "${target}", which is not a field of ${meta.name}`);
    }
    if (field.type.isTable) {
      const child = lookup.find(target);
      if (!target) problem(`${at}.options`, `${field.fieldtype} field "${field.fieldname}" needs the child DocType in options`);
      else if (!child) problem(`${at}.options`, `${field.fieldtype} field "${field.fieldname}" points at DocType "${target}", which does not exist`);
      else if (!child.istable) problem(`${at}.options`, `${field.fieldtype} field "${field.fieldname}" points at "${target}", which is not a child table (istable)`);
      if (meta.istable) problem(`${at}.fieldtype`, `a child table cannot hold another table ("${field.fieldname}")`);
    }
    if (field.type.column === 'varchar' && Number(def.length ?? 0) > 1000)
      problem(`${at}.length`, `length ${def.length} is too long for a ${field.fieldtype} column (varchar holds 1 to 1000); use Small Text or Text`);
    if (field.unique && !field.type.uniqueAllowed)
      problem(`${at}.unique`, `unique is not supported on ${field.fieldtype} fields; only Data, Link, Read Only and Int`, 'warning');
    if (def.fetch_from) checkFetchFrom(meta, lookup, def.fetch_from, `${at}.fetch_from`, problem);
    for (const key of CONDITION_KEYS) {
      const condition = def[key];
      if (typeof condition !== 'string' || !condition.trim()) continue;
      const error = checkConditionSyntax(condition);
      if (error) problem(`${at}.${key}`, `cannot be evaluated: ${error}`, 'warning');
    }
  });
  checkNaming(meta, problem);
  if (meta.def.title_field && !meta.hasField(meta.def.title_field))
    problem('title_field', `title_field "${meta.def.title_field}" is not a field`, 'warning');
  if (meta.def.sort_field && !meta.getField(meta.def.sort_field)?.hasColumn)
    problem('sort_field', `sort_field "${meta.def.sort_field}" is not a column; "modified" is used`, 'warning');
  for (const name of (meta.def.search_fields ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    if (!meta.hasField(name)) problem('search_fields', `search field "${name}" is not a field`, 'warning');
  problems.push(...unsupportedKeys(meta));
  return problems;
}

function checkFetchFrom(
  meta: DocTypeMeta,
  lookup: DocTypeLookup,
  fetchFrom: string,
  at: string,
  problem: (field: string, message: string, severity?: MetaProblem['severity']) => void,
) {
  const [linkName, sourceName, ...rest] = fetchFrom.split('.');
  const link = meta.getField(linkName ?? '');
  // Frappe ignores a fetch_from it cannot follow, and real exported files carry such values: warn, never refuse.
  if (!sourceName || rest.length > 0) return problem(at, `fetch_from "${fetchFrom}" must be link_field.source_field; it is ignored`, 'warning');
  if (!link || (link.fieldtype !== 'Link' && link.fieldtype !== 'Dynamic Link'))
    return problem(at, `fetch_from "${fetchFrom}": "${linkName}" is not a Link field of ${meta.name}; it is ignored`, 'warning');
  if (link.fieldtype === 'Dynamic Link') return;
  const target = lookup.find(link.options);
  if (target && !target.hasField(sourceName))
    problem(at, `fetch_from "${fetchFrom}": "${link.options}" has no field "${sourceName}"`, 'warning');
}

function checkNaming(meta: DocTypeMeta, problem: (field: string, message: string, severity?: MetaProblem['severity']) => void) {
  const autoname = meta.autoname;
  if (autoname.startsWith('field:')) {
    const fieldname = autoname.slice(6).trim();
    if (!meta.hasField(fieldname)) problem('autoname', `autoname "${autoname}" names field "${fieldname}", which does not exist`);
  } else if (autoname.startsWith('naming_series:')) {
    if (!meta.hasField('naming_series')) problem('autoname', `autoname "naming_series:" needs a "naming_series" field`);
  } else if (autoname.startsWith('format:')) {
    for (const [, part] of autoname.matchAll(/\{([^}]+)\}/g)) {
      if (part && !/^(#+|YY|YYYY|MM|DD|WW|MON|FY|timestamp)$/.test(part) && !meta.hasField(part))
        problem('autoname', `autoname "${autoname}" uses {${part}}, which is not a field`);
    }
  }
}

/** Each composite index is a list of at least two distinct columns of the DocType. */
function checkIndexes(meta: DocTypeMeta, problem: (field: string | undefined, message: string) => void): void {
  const declared = meta.def.indexes;
  if (declared === undefined) return;
  if (!Array.isArray(declared)) return problem('indexes', 'must be a list of column lists, e.g. [["customer", "transaction_date"]]');
  declared.forEach((index: unknown, i) => {
    if (!Array.isArray(index) || index.length < 2 || !index.every((c) => typeof c === 'string'))
      return problem(`indexes[${i}]`, 'must list at least two column names');
    if (new Set(index).size !== index.length) problem(`indexes[${i}]`, 'names a column twice');
    for (const column of index as string[]) if (!meta.getField(column)?.hasColumn) problem(`indexes[${i}]`, `"${column}" is not a column of ${meta.name}`);
  });
}
