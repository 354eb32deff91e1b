/**
 * The framework's own checks, run after the controller's validate (Frappe's order): mandatory (also
 * `mandatory_depends_on`, which Frappe leaves to the browser), Select options, Data options (Email,
 * Phone, URL, Name), length, range, non_negative, and `unique` against the table.
 */
import { evaluateCondition } from '../expr';
import {
  CharacterLengthExceededError,
  DataError,
  MandatoryError,
  NonNegativeError,
  UniqueValidationError,
  ValidationError,
} from '../errors';
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';
import { isEmptyValue, rowsOf, type Doc } from './doc';
import type { Executor } from './persist';
import type { Problems } from './problems';

type At = { parentfield?: string; idx?: number };

export function checkDocument(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, problems: Problems): void {
  // Missing values first, for the document and every row (Frappe's _validate_mandatory runs before
  // the other checks): when anything is missing the error is a MandatoryError, with every problem listed.
  const holders: { meta: DocTypeMeta; holder: Doc; parent: Doc | undefined; at: At }[] = [{ meta, holder: doc, parent: undefined, at: {} }];
  for (const table of meta.tableFields) {
    const child = registry.find(table.options);
    if (!child) continue;
    rowsOf(doc, table.fieldname).forEach((row, i) => holders.push({ meta: child, holder: row, parent: doc, at: { parentfield: table.fieldname, idx: i + 1 } }));
  }
  for (const h of holders) checkMandatory(h.meta, h.holder, h.parent, h.at, problems);
  for (const h of holders) checkValues(h.meta, h.holder, h.at, problems);
}

function describeHolder(meta: DocTypeMeta, at: At): string {
  return at.idx ? `${meta.name} row ${at.idx}` : meta.name;
}

function checkMandatory(meta: DocTypeMeta, doc: Doc, parent: Doc | undefined, at: At, problems: Problems): void {
  for (const field of meta.fields) {
    if (field.type.layoutOnly || !isEmptyValue(doc[field.fieldname])) continue;
    if (isMandatory(field, doc, parent))
      problems.add(MandatoryError, { ...at, fieldname: field.fieldname, message: `Value missing for ${describeHolder(meta, at)}: ${field.label}` });
  }
}

function checkValues(meta: DocTypeMeta, doc: Doc, at: At, problems: Problems): void {
  for (const field of meta.fields) {
    if (field.type.layoutOnly || !field.hasColumn) continue;
    const value = doc[field.fieldname];
    if (isEmptyValue(value)) continue;
    const problem = valueProblem(field, value);
    if (problem) problems.add(problem.kind, { ...at, fieldname: field.fieldname, message: `${describeHolder(meta, at)}: ${field.label} ${problem.message}` });
  }
}

function isMandatory(field: DocField, doc: Doc, parent: Doc | undefined): boolean {
  if (field.reqd) return true;
  const condition = field.def.mandatory_depends_on;
  if (typeof condition !== 'string' || !condition.trim()) return false;
  try {
    return evaluateCondition(condition, { doc, parent });
  } catch {
    // An expression that cannot be evaluated on this document does not make the field mandatory.
    return false;
  }
}

type ValueProblem = { kind: typeof ValidationError; message: string } | undefined;

const INT_LIMIT = 2 ** 31;
const TEXT_BYTES = 65_535;
/** decimal(21,9) keeps 12 digits before the point. */
const DECIMAL_LIMIT = 1e12;

function valueProblem(field: DocField, value: unknown): ValueProblem {
  if (field.fieldtype === 'Select') {
    const options = field.selectOptions;
    if (options.length && !options.includes(String(value)))
      return { kind: ValidationError, message: `cannot be "${String(value)}". It should be one of ${options.map((o) => `"${o}"`).join(', ')}` };
  }
  // varchar(n) counts characters, not UTF-16 units: an emoji is one character.
  const length = field.type.column === 'varchar' ? [...String(value)].length : 0;
  if (length > field.length) return { kind: CharacterLengthExceededError, message: `is too long: ${length} characters, at most ${field.length}` };
  // A MariaDB TEXT column holds 65,535 bytes of UTF-8; enforced on both databases alike.
  if (field.type.column === 'text' && typeof value === 'string' && value.length > TEXT_BYTES / 4) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > TEXT_BYTES) return { kind: CharacterLengthExceededError, message: `is too long: ${bytes} bytes of text, at most ${TEXT_BYTES}` };
  }
  const format = field.fieldtype === 'Phone' ? 'Phone' : field.fieldtype === 'Data' ? field.options : '';
  if (format) {
    const problem = dataOptionProblem(format, String(value));
    if (problem) return { kind: DataError, message: problem };
  }
  if (typeof value === 'number') {
    if (field.is('non_negative') && value < 0) return { kind: NonNegativeError, message: `cannot be negative (got ${value})` };
    if (field.type.column === 'int' && Number(field.def.length ?? 0) <= 11 && (value >= INT_LIMIT || value < -INT_LIMIT))
      return { kind: ValidationError, message: `is out of range for a whole number (got ${value})` };
    if (!Number.isFinite(value)) return { kind: ValidationError, message: 'must be a finite number' };
    if (field.type.column === 'decimal' && Math.abs(value) >= DECIMAL_LIMIT)
      return { kind: ValidationError, message: `is out of range: at most 12 digits before the decimal point (got ${value})` };
  }
  return undefined;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

function dataOptionProblem(option: string, value: string): string | undefined {
  switch (option) {
    case 'Email':
      return value.split(',').every((e) => EMAIL.test(e.trim())) ? undefined : `"${value}" is not a valid email address`;
    case 'Phone':
      return /^\+?[0-9\s().\-/]{3,30}((ext|x)\.?\s*\d+)?$/i.test(value.trim()) && (value.match(/\d/g)?.length ?? 0) >= 3
        ? undefined
        : `"${value}" is not a valid phone number`;
    case 'URL':
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `"${value}" is not a valid http(s) URL`;
      } catch {
        return `"${value}" is not a valid URL`;
      }
    case 'Name':
      return /[<>%'"`\\]/.test(value) ? `"${value}" contains characters a name cannot have` : undefined;
    default:
      return undefined;
  }
}

/** `unique` fields of the document itself, checked against the other rows of its table. */
export async function checkUnique(k: Executor, meta: DocTypeMeta, doc: Doc, problems: Problems): Promise<void> {
  for (const field of meta.fields) {
    if (!field.unique || !field.hasColumn) continue;
    const value = doc[field.fieldname];
    if (isEmptyValue(value)) continue;
    const query = k(meta.tableName).first('name');
    // Unique text columns compare without case on both databases (MariaDB's collation, SQLite's NOCASE).
    query.where(field.fieldname, value as string | number);
    if (doc.name !== undefined && doc.name !== null) query.whereNot('name', doc.name as string);
    const clash = (await query) as { name: string } | undefined;
    if (clash) problems.add(UniqueValidationError, { fieldname: field.fieldname, message: `${field.label} must be unique: "${String(value)}" is already used by ${meta.name} ${clash.name}` });
  }
}
