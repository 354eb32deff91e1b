/**
 * The isolated Handlebars instance print templates are compiled with, and its helpers. Every helper
 * answers plain text, which Handlebars escapes; the only HTML a helper makes is `<br>` between lines
 * it has escaped itself (multi-line text). Field-aware helpers read the DocType meta through the
 * render state passed as `@tabula` data.
 *
 *   {{field doc "grand_total"}}       a document's (or child row's) field, formatted by its meta
 *   {{label doc "grand_total"}}       the field's label (doc, or a DocType name)
 *   {{format value "Currency"}}       a value formatted as a field type (hash: precision, currency)
 *   {{currency value ["EUR"]}}        money in the given currency, else the document's
 *   {{date v}} {{datetime v}} {{time v}} {{percent v}} {{int v}} {{float v [precision]}} {{check v}}
 *   {{duration v}} {{multiline v}}    seconds as 1d 2h; text with its line breaks kept
 *   {{#if (eq a b)}}                  equality, for conditions
 *
 * A bare name that is also a helper (`{{label}}`, `{{date}}`) calls the helper: write `{{this.label}}`.
 */
import Handlebars from 'handlebars';
import type { DocField, DocTypeMeta } from '../meta';
import {
  formatCheck,
  formatCurrency,
  formatDate,
  formatDatetime,
  formatDuration,
  formatFloat,
  formatInt,
  formatPercent,
  formatTime,
  formatValue,
  isBlank,
  MULTILINE_TYPES,
  type FieldFormat,
} from './format';

/** What the helpers need to know about the render in progress. */
export interface RenderState {
  /** Meta of a DocType by name (undefined when unknown). */
  meta(doctype: string): DocTypeMeta | undefined;
  /** The document's currency: its `currency` field, else its company's `default_currency`. */
  currency?: string;
  /** The document's company record and its DocType, for Currency options like `Company:company:default_currency`. */
  company?: Record<string, unknown>;
  companyDoctype?: string;
}

type Options = Handlebars.HelperOptions;
type Values = Record<string, unknown>;

export const HELPER_NAMES = ['field', 'label', 'format', 'currency', 'date', 'datetime', 'time', 'percent', 'int', 'float', 'check', 'duration', 'multiline', 'eq'] as const;

const stateOf = (options: Options): RenderState => (options.data?.tabula as RenderState | undefined) ?? { meta: () => undefined };
const rootDoc = (options: Options): Values | undefined => (options.data?.root as { doc?: Values } | undefined)?.doc;
/** Helpers get their Handlebars options as the last argument; optional arguments come before it. */
const argsAndOptions = (args: unknown[]): [unknown[], Options] => [args.slice(0, -1), args[args.length - 1] as Options];

function precisionOf(field: DocField): number | undefined {
  const raw = field.def.precision;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 9 ? n : undefined;
}

/** The currency of a Currency field: the field its `options` names (on the row, then the document), else the document's. */
function currencyFor(field: DocField, row: Values, options: Options): string | undefined {
  const state = stateOf(options);
  const spec = field.options.trim();
  if (spec.includes(':')) {
    const [doctype, , fieldname] = spec.split(':');
    const value = state.company && doctype === state.companyDoctype && fieldname ? state.company[fieldname] : undefined;
    if (!isBlank(value)) return String(value);
  } else if (spec) {
    const value = row[spec] ?? rootDoc(options)?.[spec];
    if (!isBlank(value)) return String(value);
  }
  return state.currency || undefined;
}

function formatOf(field: DocField, row: Values, options: Options): FieldFormat {
  return {
    fieldtype: field.fieldtype,
    precision: precisionOf(field),
    currency: field.fieldtype === 'Currency' ? currencyFor(field, row, options) : undefined,
    stars: field.fieldtype === 'Rating' ? Number(field.options) || 5 : undefined,
  };
}

/** Text for HTML: `& < > " ' \` =` escaped (what `{{ }}` does). */
export function escapeHtml(text: string): string {
  return Handlebars.escapeExpression(text);
}

/** Text with its line breaks kept: escaped, then `<br>` between lines. */
export function multilineHtml(text: string): Handlebars.SafeString {
  return new Handlebars.SafeString(text.split(/\r?\n/).map((line) => Handlebars.escapeExpression(line)).join('<br>'));
}

function output(text: string, fieldtype: string): string | Handlebars.SafeString {
  return MULTILINE_TYPES.has(fieldtype) && text.includes('\n') ? multilineHtml(text) : text;
}

function fieldOf(docOrDoctype: unknown, fieldname: unknown, options: Options): DocField | undefined {
  const doctype = typeof docOrDoctype === 'string' ? docOrDoctype : (docOrDoctype as Values | undefined)?.doctype;
  if (typeof doctype !== 'string' || typeof fieldname !== 'string') return undefined;
  return stateOf(options).meta(doctype)?.getField(fieldname);
}

function optionalPrecision(value: unknown): number | undefined {
  const n = Number(value);
  return value === undefined || value === null || value === '' || !Number.isInteger(n) ? undefined : n;
}

const HELPERS: Record<(typeof HELPER_NAMES)[number], (...args: any[]) => unknown> = {
  field(doc: unknown, fieldname: unknown, options: Options) {
    if (!doc || typeof doc !== 'object' || typeof fieldname !== 'string') return '';
    const row = doc as Values;
    const value = row[fieldname];
    const field = fieldOf(row, fieldname, options);
    if (!field) return formatValue(value, { fieldtype: 'Data' });
    return output(formatValue(value, formatOf(field, row, options)), field.fieldtype);
  },
  label(docOrDoctype: unknown, fieldname: unknown, options: Options) {
    return fieldOf(docOrDoctype, fieldname, options)?.label ?? (typeof fieldname === 'string' ? fieldname : '');
  },
  format(value: unknown, fieldtype: unknown, options: Options) {
    const type = typeof fieldtype === 'string' ? fieldtype : 'Data';
    const hash = options.hash as { precision?: unknown; currency?: unknown };
    const currency = typeof hash.currency === 'string' ? hash.currency : type === 'Currency' ? stateOf(options).currency : undefined;
    return output(formatValue(value, { fieldtype: type, precision: optionalPrecision(hash.precision), currency }), type);
  },
  currency(...args: unknown[]) {
    const [[value, code], options] = argsAndOptions(args);
    const precision = optionalPrecision(options.hash.precision) ?? 2;
    return formatCurrency(value, typeof code === 'string' && code ? code : stateOf(options).currency, precision);
  },
  date: (value: unknown) => formatDate(value),
  datetime: (value: unknown) => formatDatetime(value),
  time: (value: unknown) => formatTime(value),
  percent(...args: unknown[]) {
    const [[value, precision]] = argsAndOptions(args);
    return formatPercent(value, optionalPrecision(precision));
  },
  int: (value: unknown) => formatInt(value),
  float(...args: unknown[]) {
    const [[value, precision]] = argsAndOptions(args);
    return formatFloat(value, optionalPrecision(precision));
  },
  check: (value: unknown) => formatCheck(value),
  duration: (value: unknown) => formatDuration(value),
  multiline: (value: unknown) => (isBlank(value) ? '' : multilineHtml(String(value))),
  eq: (a: unknown, b: unknown) => a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b)),
};

/** A fresh Handlebars environment with only the print helpers (nothing registered globally). */
export function createPrintHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hbs.registerHelper(name, fn as Handlebars.HelperDelegate);
  return hbs;
}
