/**
 * The JSON schema of a DocType's input, generated from its meta and compiled with ajv once per
 * DocType. It checks types only ("many" for an Int is an error, never 0); casting is done by
 * normalize.ts, and rules like reqd or Select options by checks.ts.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldErrorDetail } from '../errors';
import { STANDARD_FIELDNAMES, type DocField, type DocTypeMeta, type MetaRegistry, type ValueKind } from '../meta';
import { isParsedJson, validText } from './normalize';

const NUMBER = '^\\s*(-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)?\\s*$';
const DATE = '^(\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?)?$';
const DATETIME = '^(\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?$';
const TIME = '^(\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?$';

const FRAGMENTS: Record<Exclude<ValueKind, 'table' | 'none'>, object> = {
  string: { type: ['string', 'number', 'null'] },
  int: { type: ['integer', 'string', 'boolean', 'null'], pattern: '^\\s*(-?\\d+)?\\s*$' },
  float: { type: ['number', 'string', 'null'], pattern: NUMBER },
  check: { enum: [0, 1, true, false, '0', '1', '', null] },
  rating: { type: ['number', 'string', 'null'], pattern: NUMBER, minimum: 0, maximum: 1 },
  // validText: the calendar and clock (2025-02-30 and 24:00 match the patterns) and JSON text, so
  // these problems are reported with the other type errors of the document.
  date: { type: ['string', 'null'], pattern: DATE, validText: 'date' },
  datetime: { type: ['string', 'null'], pattern: DATETIME, validText: 'datetime' },
  time: { type: ['string', 'null'], pattern: TIME, validText: 'time' },
  json: { validText: 'json' },
};

const EXPECTED: Record<string, string> = {
  string: 'must be text',
  int: 'must be a whole number',
  float: 'must be a number',
  check: 'must be 0 or 1',
  rating: 'must be a number from 0 to 1',
  date: 'must be a date (YYYY-MM-DD)',
  datetime: 'must be a date and time (YYYY-MM-DD HH:MM:SS)',
  time: 'must be a time (HH:MM:SS)',
  json: 'must be valid JSON',
  table: 'must be a list of rows',
};

export function buildValueSchema(meta: DocTypeMeta, registry: MetaRegistry): object {
  const properties: Record<string, object> = { doctype: { type: 'string' } };
  for (const field of [...meta.standardFields, ...meta.fields]) {
    if (field.type.value === 'none') continue;
    if (field.type.value === 'table') {
      const child = registry.find(field.options);
      properties[field.fieldname] = { type: ['array', 'null'], items: child ? buildValueSchema(child, registry) : { type: 'object' } };
    } else {
      properties[field.fieldname] = FRAGMENTS[field.type.value];
    }
  }
  // Standard fields the JSON does not list are still accepted (the framework owns them).
  for (const name of STANDARD_FIELDNAMES) properties[name] ??= {};
  return {
    type: 'object',
    properties,
    // Client-side flags such as __islocal or __newname are not fields.
    patternProperties: { '^__': {} },
    additionalProperties: false,
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addKeyword({
  keyword: 'validText',
  type: 'string',
  schemaType: 'string',
  errors: false,
  validate: (kind: ValueKind, data: string, _schema?: unknown, at?: { parentData: unknown; parentDataProperty: string | number }) =>
    (kind === 'json' && isParsedJson(at?.parentData, at?.parentDataProperty, data)) || validText(kind, data),
});
const compiled = new WeakMap<DocTypeMeta, ValidateFunction>();

/** Type errors of a document and its child rows, each naming the field (and row). */
export function typeErrors(meta: DocTypeMeta, registry: MetaRegistry, doc: unknown): FieldErrorDetail[] {
  let validate = compiled.get(meta);
  if (!validate) {
    validate = ajv.compile(buildValueSchema(meta, registry));
    compiled.set(meta, validate);
  }
  if (validate(doc)) return [];
  const seen = new Set<string>();
  const errors: FieldErrorDetail[] = [];
  for (const error of validate.errors ?? []) {
    const detail = describe(meta, registry, error, doc);
    const key = `${detail.parentfield}/${detail.idx}/${detail.fieldname}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(detail);
    }
  }
  return errors;
}

function describe(meta: DocTypeMeta, registry: MetaRegistry, error: ErrorObject, doc: unknown): FieldErrorDetail {
  const parts = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') parts.push((error.params as { additionalProperty: string }).additionalProperty);
  if (error.keyword === 'type' && parts.length === 0) return { message: 'a document must be a JSON object' };
  let owner = meta;
  let detail: FieldErrorDetail = { message: '' };
  if (parts.length >= 3) {
    const table = meta.getField(parts[0]!);
    owner = registry.find(table?.options ?? '') ?? meta;
    detail = { parentfield: parts[0], idx: Number(parts[1]) + 1, message: '' };
    parts.splice(0, 2);
  } else if (parts.length === 2) {
    return { fieldname: parts[0], message: `${label(meta.getField(parts[0]!), parts[0]!)}: each row must be an object` };
  }
  const fieldname = parts[0] ?? '';
  const field = owner.getField(fieldname);
  const row = detail.idx ? ` in row ${detail.idx} of ${detail.parentfield}` : '';
  if (error.keyword === 'additionalProperties' || !field)
    return { ...detail, fieldname, message: `Unknown field "${fieldname}"${row}: ${owner.name} has no such field` };
  const got = valueAt(doc, error.instancePath);
  return { ...detail, fieldname, message: `${label(field, fieldname)}${row} ${EXPECTED[field.type.value] ?? 'is invalid'} (got ${JSON.stringify(got)})` };
}

function label(field: DocField | undefined, fieldname: string): string {
  return field?.label ?? fieldname;
}

function valueAt(json: unknown, pointer: string): unknown {
  let current = json;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
