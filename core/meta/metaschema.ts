/**
 * The ajv meta-schema of a DocType JSON file. It checks shape and types only; rules that span fields
 * or files (duplicate fieldnames, links to unknown DocTypes) are checked by check-doctype.ts.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { FIELD_TYPE_NAMES } from './fieldtypes';

const flag = { anyOf: [{ enum: [0, 1] }, { type: 'boolean' }] };
const precision = { anyOf: [{ type: 'string', pattern: '^[0-9]?$' }, { type: 'integer', minimum: 0, maximum: 9 }] };
const sortOrder = { anyOf: [{ enum: ['ASC', 'DESC', 'asc', 'desc'] }, { type: 'null' }] };
/** What each anyOf schema accepts, in words (ajv's own anyOf message says only "must match a schema in anyOf"). */
const ANY_OF_WORDS = new Map<object, string>([
  [flag, '0, 1, true or false'],
  [precision, '"" or a digit from 0 to 9'],
  [sortOrder, 'ASC or DESC'],
]);
const optionalText = { type: ['string', 'null'] };
const smallInt = { type: 'integer', minimum: 0 };

const docField = {
  type: 'object',
  required: ['fieldname', 'fieldtype'],
  properties: {
    fieldname: { type: 'string', pattern: '^\\w+$', maxLength: 64 },
    fieldtype: { enum: FIELD_TYPE_NAMES },
    label: optionalText,
    options: optionalText,
    default: { type: ['string', 'number', 'null'] },
    description: optionalText,
    depends_on: optionalText,
    mandatory_depends_on: optionalText,
    read_only_depends_on: optionalText,
    fetch_from: optionalText,
    precision,
    length: { type: 'integer', minimum: 0, maximum: 65535 },
    columns: { type: 'integer', minimum: 0, maximum: 12 },
    permlevel: { type: 'integer', minimum: 0, maximum: 9 },
    reqd: flag, unique: flag, non_negative: flag, set_only_once: flag, allow_on_submit: flag,
    no_copy: flag, hidden: flag, read_only: flag, in_list_view: flag, in_standard_filter: flag,
    in_global_search: flag, search_index: flag, fetch_if_empty: flag, ignore_user_permissions: flag,
    bold: flag, collapsible: flag, print_hide: flag, translatable: flag, allow_in_quick_entry: flag,
  },
};

const docPerm = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string', minLength: 1 },
    permlevel: smallInt,
    if_owner: flag, select: flag, read: flag, write: flag, create: flag, delete: flag, submit: flag,
    cancel: flag, amend: flag, report: flag, export: flag, import: flag, share: flag, print: flag,
    email: flag,
  },
};

const DOCTYPE_NAME_PATTERN = '^\\p{L}[\\p{L}\\p{N}_ -]*$';

export const DOCTYPE_METASCHEMA = {
  type: 'object',
  required: ['name', 'fields'],
  properties: {
    // Frappe's rule (doctype.py validate_name): a letter first, then letters, digits, spaces, `_` and `-`.
    // Anything else (a dot, above all) breaks the table name `tab<DocType>` in SQL.
    name: { type: 'string', minLength: 1, maxLength: 61, pattern: DOCTYPE_NAME_PATTERN },
    doctype: { const: 'DocType' },
    module: optionalText,
    fields: { type: 'array', items: docField },
    field_order: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: docPerm },
    autoname: optionalText,
    naming_rule: optionalText,
    title_field: optionalText,
    search_fields: optionalText,
    sort_field: optionalText,
    sort_order: sortOrder,
    image_field: optionalText,
    nsm_parent_field: optionalText,
    istable: flag, issingle: flag, is_submittable: flag, is_tree: flag, is_virtual: flag,
    allow_rename: flag, track_seen: flag, track_changes: flag, quick_entry: flag, editable_grid: flag,
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateShape = ajv.compile(DOCTYPE_METASCHEMA);

export interface ShapeProblem {
  field: string;
  message: string;
}

/** Checks a parsed DocType JSON against the meta-schema; answers one problem per failing path. */
export function checkDocTypeShape(json: unknown): ShapeProblem[] {
  if (validateShape(json)) return [];
  return dedupe(anyOfFirst(validateShape.errors ?? []).map((e) => describe(e, json)));
}

function describe(error: ErrorObject, json: unknown): ShapeProblem {
  const field = pointerToPath(error.instancePath) || '(root)';
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { field: field === '(root)' ? missing : `${field}.${missing}`, message: `is required` };
  }
  if (error.keyword === 'enum' && error.instancePath.endsWith('/fieldtype')) {
    const value = valueAt(json, error.instancePath);
    return { field, message: `unknown fieldtype ${JSON.stringify(value)}` };
  }
  if (error.keyword === 'pattern' && error.instancePath === '/name') {
    const value = valueAt(json, error.instancePath);
    return { field, message: `a DocType name starts with a letter and has only letters, digits, spaces, "_" and "-" (got ${JSON.stringify(value)})` };
  }
  if (error.keyword === 'anyOf') {
    const words = ANY_OF_WORDS.get(error.parentSchema as object) ?? 'one of the allowed forms';
    return { field, message: `must be ${words} (got ${JSON.stringify(valueAt(json, error.instancePath))})` };
  }
  return { field, message: `${error.message ?? 'is invalid'} (got ${JSON.stringify(valueAt(json, error.instancePath))})` };
}

/** `/fields/3/fieldtype` -> `fields[3].fieldtype` */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(json: unknown, pointer: string): unknown {
  let current: unknown = json;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function dedupe(problems: ShapeProblem[]): ShapeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = p.field;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** anyOf reports its failing branches (enum, type) before itself: keep one error per path, the anyOf one if any. */
function anyOfFirst(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    const key = `${error.instancePath}|${error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : ''}`;
    if (!byPath.has(key) || error.keyword === 'anyOf') byPath.set(key, error);
  }
  return [...byPath.values()];
}
