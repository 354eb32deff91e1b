/**
 * Frappe's naming rules (`set_new_name`): amendments, autoincrement, the controller's autoname, then
 * the DocType's `autoname` in every form: field:, naming_series:, format:, old-style `PRE-.YYYY.-.#####`,
 * hash, UUID and Prompt. A client-sent name is ignored unless the rule is Prompt.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidNameError, MandatoryError, NameError } from '../errors';
import type { DocTypeMeta } from '../meta';
import { formatDate } from './clock';
import type { Doc } from './doc';
import { nextSeriesValue } from './series';
import type { Executor } from './persist';

export type NamingRule =
  | { kind: 'field'; fieldname: string }
  | { kind: 'naming_series' }
  | { kind: 'format'; pattern: string }
  | { kind: 'expression'; pattern: string }
  | { kind: 'hash' }
  | { kind: 'uuid' }
  | { kind: 'prompt' }
  | { kind: 'autoincrement' }
  | { kind: 'script' };

export function namingRule(meta: DocTypeMeta): NamingRule {
  const autoname = meta.autoname;
  const lower = autoname.toLowerCase();
  if (lower.startsWith('field:')) return { kind: 'field', fieldname: autoname.slice(6).trim() };
  if (lower.startsWith('naming_series:')) return { kind: 'naming_series' };
  if (lower.startsWith('format:')) return { kind: 'format', pattern: autoname.slice(7) };
  if (lower === 'hash') return { kind: 'hash' };
  if (lower === 'uuid') return { kind: 'uuid' };
  if (lower === 'prompt') return { kind: 'prompt' };
  if (lower === 'autoincrement') return { kind: 'autoincrement' };
  if (autoname.includes('#')) return { kind: 'expression', pattern: autoname };
  return { kind: 'script' };
}

/** Frappe's hash names: 10 characters of lowercase base32hex. */
export function hashName(length = 10): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return [...randomBytes(length)].map((b) => alphabet[b % 32]).join('');
}

export interface NamingInput {
  k: Executor;
  meta: DocTypeMeta;
  doc: Doc;
  /** The name the controller's autoname() chose, if any. */
  controllerName?: string;
  /** Whether the source of an amendment was itself an amendment (name ends in -N). */
  amendedFromIsAmendment?: boolean;
  /** Hands out series numbers; by default one locked increment of tabSeries per name (see bulk.ts for batches). */
  counter?: SeriesCounter;
}

/** The next number of the series keyed by `prefix`. */
export type SeriesCounter = (prefix: string) => Promise<number>;

/** Sets doc.name (or leaves it for the database to assign, for autoincrement), in Frappe's order. */
export async function assignName(input: NamingInput): Promise<void> {
  const { k, meta, doc } = input;
  const requested = typeof doc.__newname === 'string' && doc.__newname.trim() ? doc.__newname : doc.name;
  const rule = namingRule(meta);
  delete doc.__newname;
  if (meta.issingle) {
    doc.name = meta.name;
    return;
  }
  // Autoincrement comes first, even for an amendment: the table's key is a number the database assigns.
  if (rule.kind === 'autoincrement') {
    delete doc.name;
    return;
  }
  if (typeof doc.amended_from === 'string' && doc.amended_from) {
    doc.name = amendedName(doc.amended_from, input.amendedFromIsAmendment ?? false);
    return;
  }
  if (input.controllerName) {
    doc.name = input.controllerName;
  } else {
    doc.name = await nameByRule(input.counter ?? ((prefix) => nextSeriesValue(k, prefix)), meta, doc, rule, requested);
  }
  doc.name = validateName(meta, String(doc.name));
}

async function nameByRule(next: SeriesCounter, meta: DocTypeMeta, doc: Doc, rule: NamingRule, requested: unknown): Promise<string> {
  switch (rule.kind) {
    case 'field': {
      const value = doc[rule.fieldname];
      if (value === null || value === undefined || String(value).trim() === '') {
        const label = meta.getField(rule.fieldname)?.label ?? rule.fieldname;
        throw new MandatoryError(`${label} is required: it names the ${meta.name}`, [{ fieldname: rule.fieldname, message: `${label} is required` }]);
      }
      return String(value).trim();
    }
    case 'naming_series': {
      const series = namingSeriesOf(meta, doc);
      return expandExpression(next, series.includes('#') ? series : `${series}.#####`, doc);
    }
    case 'expression':
      return expandExpression(next, rule.pattern, doc);
    case 'format':
      return expandFormat(next, rule.pattern, doc);
    case 'uuid':
      return randomUUID();
    case 'prompt':
      if ((typeof requested !== 'string' || !requested.trim()) && typeof requested !== 'number') {
        throw new MandatoryError(`A name is required for a new ${meta.name}`, [{ fieldname: 'name', message: `Name is required: ${meta.name} is named by the user` }]);
      }
      return String(requested);
    case 'hash':
    case 'script':
    default:
      return hashName();
  }
}

function namingSeriesOf(meta: DocTypeMeta, doc: Doc): string {
  const field = meta.getField('naming_series');
  const value = typeof doc.naming_series === 'string' && doc.naming_series.trim() ? doc.naming_series.trim() : field?.selectOptions[0];
  if (!value) throw new MandatoryError(`Naming Series is required for ${meta.name}`, [{ fieldname: 'naming_series', message: 'Naming Series is required' }]);
  doc.naming_series = value;
  return value;
}

/**
 * Old-style `PRE-.YYYY.-.#####`: dot-separated parts; the first `#` group is the counter over the
 * prefix so far. Later `#` groups add nothing, as in Frappe's parse_naming_series.
 */
export async function expandExpression(next: SeriesCounter, pattern: string, doc: Doc): Promise<string> {
  const today = new Date();
  let name = '';
  let counted = false;
  for (const part of pattern.split('.')) {
    if (!part) continue;
    if (part.startsWith('#')) {
      if (!counted) {
        counted = true;
        const value = await next(name);
        name += String(value).padStart(part.length, '0');
      }
      continue;
    }
    name += expandPart(part, doc, today);
  }
  return name;
}

/** `format:PRE-{YYYY}-{fieldname}-{#####}`: braces are expanded; only the first `{#…}` group is the counter. */
export async function expandFormat(next: SeriesCounter, pattern: string, doc: Doc): Promise<string> {
  const today = new Date();
  let name = '';
  let counted = false;
  let rest = pattern;
  while (rest) {
    const open = rest.indexOf('{');
    const close = open >= 0 ? rest.indexOf('}', open) : -1;
    if (open < 0 || close < 0) {
      name += rest;
      break;
    }
    name += rest.slice(0, open);
    const part = rest.slice(open + 1, close);
    if (/^#+$/.test(part)) {
      if (!counted) name += String(await next(name)).padStart(part.length, '0');
      counted = true;
    } else name += expandPart(part, doc, today, true);
    rest = rest.slice(close + 1);
  }
  return name;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Patterns of the date parts, to find the counter in a name made by a series (see seriesPartsOf). */
const DATE_PART_PATTERNS: Record<string, string> = { YY: '\\d{2}', YYYY: '\\d{4}', MM: '\\d{2}', DD: '\\d{2}', WW: '\\d{2}', MON: '[A-Za-z]{3}', timestamp: '\\d+' };

function expandPart(part: string, doc: Doc, today: Date, braced = false): string {
  const date = formatDate(today);
  switch (part) {
    case 'YY':
      return date.slice(2, 4);
    case 'YYYY':
      return date.slice(0, 4);
    case 'MM':
      return date.slice(5, 7);
    case 'DD':
      return date.slice(8, 10);
    case 'WW':
      return String(isoWeek(today)).padStart(2, '0');
    case 'MON':
      return MONTHS[today.getMonth()]!;
    case 'timestamp':
      return String(Math.floor(today.getTime() / 1000));
  }
  const fieldname = part.startsWith('{') && part.endsWith('}') ? part.slice(1, -1) : part;
  const value = doc[fieldname];
  if (value !== undefined && value !== null && value !== '') return String(value);
  return braced || part.startsWith('{') ? '' : part;
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return Math.ceil(((d.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
}

/** `SO-0001` amended -> `SO-0001-1`; an amendment amended again -> `SO-0001-2`. */
export function amendedName(amendedFrom: string, sourceIsAmendment: boolean): string {
  if (sourceIsAmendment) {
    const parts = amendedFrom.split('-');
    const last = Number(parts.pop());
    return `${parts.join('-')}-${last + 1}`;
  }
  return `${amendedFrom}-1`;
}

/** Frappe's validate_name: trimmed, no < or >, not the DocType's own name, at most 140 characters. */
export function validateName(meta: DocTypeMeta, name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new NameError(`${meta.name}: the name is empty`, [{ fieldname: 'name', message: 'Name cannot be empty' }]);
  if (/[<>]/.test(trimmed)) throw new InvalidNameError(`Name "${trimmed}" cannot contain < or >`, [{ fieldname: 'name', message: 'Name cannot contain < or >' }]);
  if (trimmed === meta.name && !meta.issingle) throw new NameError(`Name cannot be the DocType's own name "${meta.name}"`, [{ fieldname: 'name', message: 'Name cannot be the name of the DocType' }]);
  if (trimmed.length > 140) throw new InvalidNameError(`Name is too long (${trimmed.length} characters, at most 140)`, [{ fieldname: 'name', message: 'Name is longer than 140 characters' }]);
  return trimmed;
}

/**
 * For a name made by a series, the prefix and number (to give the number back when it is deleted).
 * The name is matched against the DocType's pattern (each option of the naming_series Select for
 * `naming_series:`), so a prefix that ends in digits (`INV-2025` + `0007`) or text after the counter
 * (`FS-001-x`) is split where the counter really is. Amended names (`SO-00001-1`) match no pattern.
 */
export function seriesPartsOf(name: string, meta: DocTypeMeta): { prefix: string; value: number } | undefined {
  const rule = namingRule(meta);
  let shapes: SeriesShape[];
  if (rule.kind === 'expression') shapes = [expressionShape(rule.pattern, meta)];
  else if (rule.kind === 'format') shapes = [formatShape(rule.pattern, meta)];
  else if (rule.kind === 'naming_series')
    shapes = (meta.getField('naming_series')?.selectOptions ?? []).map((s) => expressionShape(s.includes('#') ? s : `${s}.#####`, meta));
  else return undefined;
  for (const shape of shapes) {
    if (!shape) continue;
    // The counter is zero-padded to its width; more digits only once it has outgrown the width.
    for (const digits of [`\\d{${shape.width}}`, `\\d{${shape.width + 1},}`]) {
      const match = new RegExp(`^(${shape.before})(${digits})${shape.after}$`).exec(name);
      if (match) return { prefix: match[1]!, value: Number(match[2]) };
    }
  }
  return undefined;
}

/** A series pattern as regular expressions: what comes before the counter, its width, what follows. */
type SeriesShape = { before: string; width: number; after: string } | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function partPattern(part: string, meta: DocTypeMeta, braced: boolean): string {
  const date = DATE_PART_PATTERNS[part];
  if (date) return date;
  const fieldname = part.startsWith('{') && part.endsWith('}') ? part.slice(1, -1) : part;
  // A field part is the value, or (old style, empty field) the literal part: match anything.
  if (braced || fieldname !== part || meta.hasField(fieldname)) return '.*?';
  return escapeRegExp(part);
}

function expressionShape(pattern: string, meta: DocTypeMeta): SeriesShape {
  const before: string[] = [];
  const after: string[] = [];
  let width = 0;
  for (const part of pattern.split('.')) {
    if (!part) continue;
    if (part.startsWith('#')) {
      if (!width) width = part.length;
      continue;
    }
    (width ? after : before).push(partPattern(part, meta, false));
  }
  return width ? { before: before.join(''), width, after: after.join('') } : undefined;
}

function formatShape(pattern: string, meta: DocTypeMeta): SeriesShape {
  const before: string[] = [];
  const after: string[] = [];
  let width = 0;
  for (const [, literal, braced] of pattern.matchAll(/([^{]*)(?:\{([^}]*)\})?/g)) {
    const into = width ? after : before;
    if (literal) into.push(escapeRegExp(literal));
    if (braced === undefined) continue;
    if (/^#+$/.test(braced)) {
      if (!width) width = braced.length;
      continue;
    }
    into.push(partPattern(braced, meta, true));
  }
  return width ? { before: before.join(''), width, after: after.join('') } : undefined;
}
