/**
 * Finds and checks the script reports of a site: one module per report, `<folder>/<name>/<name>.ts`
 * (Frappe's `report/<name>/<name>.py` layout), in the apps' report folders and TABULA_REPORT_PATHS.
 * A report whose declarations are wrong (unknown DocType, a Link to nowhere, a duplicate name) stops
 * the site from starting, with the file named, as a broken DocType does.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule } from '../document';
import { DoesNotExistError, ReportDefinitionError, type MetaProblem } from '../errors';
import { DocTypeMeta, type DocFieldDef, type MetaRegistry } from '../meta';
import { isRelativeDefault, relativeDefaultProblem } from './defaults';
import type { LoadedReport, ReportDefinition, ReportFilter } from './types';

const FILTER_TYPES = new Set(['Data', 'Link', 'Dynamic Link', 'Select', 'Date', 'Datetime', 'Int', 'Float', 'Currency', 'Percent', 'Check', 'Small Text', 'MultiSelectList']);
const FIELDNAME = /^[a-z][a-z0-9_]*$/;

export class ReportRegistry {
  private readonly byName = new Map<string, LoadedReport>();
  private readonly filterMetas = new Map<string, DocTypeMeta>();

  private constructor(reports: LoadedReport[]) {
    for (const report of reports) {
      this.byName.set(report.definition.name.toLowerCase(), report);
      this.filterMetas.set(report.definition.name, filterMeta(report));
    }
  }

  static async load(folders: readonly string[], registry: MetaRegistry, extra: ReportDefinition[] = []): Promise<ReportRegistry> {
    const loaded: LoadedReport[] = [];
    for (const folder of folders) for (const file of reportFiles(folder)) loaded.push({ definition: definitionOf(await loadModule(file), file), file });
    for (const definition of extra) loaded.push({ definition, file: `(given) ${definition.name}` });
    const problems = loaded.flatMap((report) => checkReport(report, registry));
    const seen = new Map<string, string>();
    for (const { definition, file } of loaded) {
      const key = definition.name.toLowerCase();
      const first = seen.get(key);
      if (first) problems.push(problem(file, definition.name, 'name', `report "${definition.name}" is defined twice: in ${first} and in ${file}`));
      else seen.set(key, file);
    }
    if (problems.length) throw new ReportDefinitionError(problems);
    return new ReportRegistry(loaded);
  }

  all(): LoadedReport[] {
    return [...this.byName.values()];
  }

  find(name: string): LoadedReport | undefined {
    return this.byName.get(name.toLowerCase());
  }

  get(name: string): LoadedReport {
    const found = this.find(name);
    if (!found) throw new DoesNotExistError(`Report ${name} not found`, [{ fieldname: 'report_name', message: `no report named "${name}"` }]);
    return found;
  }

  /** The filters as a field-only meta, so they are validated by the documents' path. */
  filterMetaOf(report: LoadedReport): DocTypeMeta {
    return this.filterMetas.get(report.definition.name)!;
  }
}

function reportFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const module = ['ts', 'js'].map((ext) => join(folder, entry.name, `${entry.name}.${ext}`)).find(existsSync);
    if (module) files.push(module);
  }
  return files;
}

function definitionOf(module: unknown, file: string): ReportDefinition {
  const exported = (module as { default?: unknown }).default ?? module;
  const def = exported as Partial<ReportDefinition>;
  if (!def || typeof def.name !== 'string' || typeof def.execute !== 'function')
    throw new ReportDefinitionError([problem(file, undefined, 'default', 'the module must export default defineReport({name, ref_doctype, filters, columns, execute})')]);
  return def as ReportDefinition;
}

function problem(file: string, report: string | undefined, field: string, message: string): MetaProblem {
  return { file, doctype: report, field, message, severity: 'error' };
}

function checkReport({ definition: def, file }: LoadedReport, registry: MetaRegistry): MetaProblem[] {
  const problems: MetaProblem[] = [];
  const add = (field: string, message: string) => problems.push(problem(file, def.name, field, message));
  if (!def.name.trim()) add('name', 'a report needs a name');
  if (!registry.has(def.ref_doctype)) add('ref_doctype', `DocType "${def.ref_doctype}" does not exist`);
  if (!Array.isArray(def.filters)) add('filters', 'must be a list of field declarations');
  if (!Array.isArray(def.columns) || def.columns.length === 0) add('columns', 'must be a non-empty list of column declarations');
  if (def.timeout !== undefined && !(def.timeout > 0)) add('timeout', 'must be a number of seconds above 0');
  const names = new Set<string>();
  (def.filters ?? []).forEach((f: ReportFilter, i) => {
    const at = `filters[${i}]`;
    if (!FIELDNAME.test(String(f.fieldname))) add(`${at}.fieldname`, `"${f.fieldname}" must be lower_snake_case`);
    if (names.has(f.fieldname)) add(`${at}.fieldname`, `"${f.fieldname}" is declared twice`);
    names.add(f.fieldname);
    if (!FILTER_TYPES.has(f.fieldtype)) add(`${at}.fieldtype`, `"${f.fieldtype}" is not a filter type (${[...FILTER_TYPES].join(', ')})`);
    if ((f.fieldtype === 'Link' || f.fieldtype === 'MultiSelectList') && !registry.has(String(f.options))) add(`${at}.options`, `${f.fieldtype} filter "${f.fieldname}" points at DocType "${f.options}", which does not exist`);
    if (f.fieldtype === 'Select' && !String(f.options ?? '').trim()) add(`${at}.options`, `Select filter "${f.fieldname}" lists no options`);
    const badDefault = relativeDefaultProblem(f);
    if (badDefault) add(`${at}.default`, badDefault);
  });
  const columns = new Set<string>();
  (def.columns ?? []).forEach((c, i) => {
    if (!FIELDNAME.test(String(c.fieldname))) add(`columns[${i}].fieldname`, `"${c.fieldname}" must be lower_snake_case`);
    if (columns.has(c.fieldname)) add(`columns[${i}].fieldname`, `"${c.fieldname}" is declared twice`);
    columns.add(c.fieldname);
    if (c.fieldtype === 'Link' && !registry.has(String(c.options))) add(`columns[${i}].options`, `Link column "${c.fieldname}" points at DocType "${c.options}", which does not exist`);
  });
  return problems;
}

/**
 * MultiSelectList values are lists: they are checked as Link values, one by one, by the filter
 * validator. Relative date defaults are resolved per run by the validator, not by the documents' defaults.
 */
function filterMeta({ definition, file }: LoadedReport): DocTypeMeta {
  const fields: DocFieldDef[] = definition.filters
    .filter((f) => f.fieldtype !== 'MultiSelectList')
    .map((f) => ({ fieldname: f.fieldname, label: f.label, fieldtype: f.fieldtype, options: f.options, default: isRelativeDefault(f) ? undefined : f.default, reqd: f.reqd, depends_on: f.depends_on, non_negative: f.min !== undefined && f.min >= 0 ? 1 : 0 }));
  return new DocTypeMeta({ name: `Report Filters: ${definition.name}`, module: definition.module ?? 'Reports', fields, issingle: 1, permissions: [] }, file, undefined, 'reports');
}
