/**
 * The one registry of Frappe's 43 DocField types: for each, how it is stored, how a value is checked,
 * which filter operators it accepts, and whether it is layout-only. Every layer reads from here.
 */

/** Storage class of a column; each database layer maps it to its own SQL type. */
export type ColumnKind =
  | 'varchar'
  | 'int'
  | 'check'
  | 'decimal'
  | 'rating'
  | 'date'
  | 'datetime'
  | 'time'
  | 'text'
  | 'longtext'
  | 'json';

/** How a value of the field is checked and normalised (see core/document/values.ts). */
export type ValueKind = 'string' | 'int' | 'check' | 'float' | 'rating' | 'date' | 'datetime' | 'time' | 'json' | 'table' | 'none';

export interface FieldTypeInfo {
  readonly name: string;
  /** null: no column (layout fields and tables, whose rows live in the child table). */
  readonly column: ColumnKind | null;
  readonly value: ValueKind;
  /** Section/Column/Tab Break, HTML, Button, Image, Fold, Heading. */
  readonly layoutOnly: boolean;
  readonly isTable: boolean;
  readonly operators: readonly string[];
  /** Frappe allows `unique` only on these. */
  readonly uniqueAllowed: boolean;
  /** The column is NOT NULL DEFAULT cint/flt(default): only Int, Check, Float, Currency and Percent (not Duration, Rating). */
  readonly notNull: boolean;
}

const TEXT_OPS = ['=', '!=', 'like', 'not like', 'in', 'not in', 'is'] as const;
const LINK_OPS = [...TEXT_OPS] as const;
const TREE_OPS = [
  'descendants of',
  'descendants of (inclusive)',
  'not descendants of',
  'ancestors of',
  'not ancestors of',
] as const;
const NUMBER_OPS = ['=', '!=', '>', '<', '>=', '<=', 'in', 'not in', 'is', 'between'] as const;
const DATE_OPS = [...NUMBER_OPS, 'timespan', 'previous', 'next'] as const;
const CHECK_OPS = ['=', '!=', 'in', 'not in'] as const;
const SELECT_OPS = ['=', '!=', 'in', 'not in', 'is', 'like', 'not like'] as const;
const LONG_TEXT_OPS = ['like', 'not like', '=', '!=', 'is'] as const;
const NO_OPS: readonly string[] = [];

/** Operators a Link to a tree DocType accepts on top of the Link ones. */
export const TREE_OPERATORS: readonly string[] = TREE_OPS;

type Def = [column: ColumnKind | null, value: ValueKind, operators: readonly string[], flags?: 'layout' | 'table' | 'unique'];

const DEFS: Record<string, Def> = {
  Data: ['varchar', 'string', TEXT_OPS, 'unique'],
  Link: ['varchar', 'string', LINK_OPS, 'unique'],
  'Dynamic Link': ['varchar', 'string', LINK_OPS],
  Select: ['varchar', 'string', SELECT_OPS],
  'Read Only': ['varchar', 'string', TEXT_OPS, 'unique'],
  Color: ['varchar', 'string', TEXT_OPS],
  Icon: ['varchar', 'string', TEXT_OPS],
  Phone: ['varchar', 'string', TEXT_OPS],
  Autocomplete: ['varchar', 'string', TEXT_OPS],
  Int: ['int', 'int', NUMBER_OPS, 'unique'],
  Check: ['check', 'check', CHECK_OPS],
  Float: ['decimal', 'float', NUMBER_OPS],
  Currency: ['decimal', 'float', NUMBER_OPS],
  Percent: ['decimal', 'float', NUMBER_OPS],
  Duration: ['decimal', 'float', NUMBER_OPS],
  Rating: ['rating', 'rating', NUMBER_OPS],
  Date: ['date', 'date', DATE_OPS],
  Datetime: ['datetime', 'datetime', DATE_OPS],
  Time: ['time', 'time', NUMBER_OPS],
  'Small Text': ['text', 'string', LONG_TEXT_OPS],
  Text: ['text', 'string', LONG_TEXT_OPS],
  Password: ['text', 'string', NO_OPS],
  Attach: ['text', 'string', LONG_TEXT_OPS],
  'Attach Image': ['text', 'string', LONG_TEXT_OPS],
  'Long Text': ['longtext', 'string', LONG_TEXT_OPS],
  Code: ['longtext', 'string', LONG_TEXT_OPS],
  'Text Editor': ['longtext', 'string', LONG_TEXT_OPS],
  'Markdown Editor': ['longtext', 'string', LONG_TEXT_OPS],
  'HTML Editor': ['longtext', 'string', LONG_TEXT_OPS],
  Signature: ['longtext', 'string', NO_OPS],
  Barcode: ['longtext', 'string', LONG_TEXT_OPS],
  Geolocation: ['longtext', 'json', NO_OPS],
  JSON: ['json', 'json', NO_OPS],
  'Section Break': [null, 'none', NO_OPS, 'layout'],
  'Column Break': [null, 'none', NO_OPS, 'layout'],
  'Tab Break': [null, 'none', NO_OPS, 'layout'],
  HTML: [null, 'none', NO_OPS, 'layout'],
  Button: [null, 'none', NO_OPS, 'layout'],
  Image: [null, 'none', NO_OPS, 'layout'],
  Fold: [null, 'none', NO_OPS, 'layout'],
  Heading: [null, 'none', NO_OPS, 'layout'],
  Table: [null, 'table', NO_OPS, 'table'],
  'Table MultiSelect': [null, 'table', NO_OPS, 'table'],
};

/** Frappe's DbColumn.get_definition adds `not null default` for these fieldtypes only. */
const NOT_NULL_TYPES: ReadonlySet<string> = new Set(['Int', 'Check', 'Float', 'Currency', 'Percent']);

export const FIELD_TYPES: ReadonlyMap<string, FieldTypeInfo> = new Map(
  Object.entries(DEFS).map(([name, [column, value, operators, flag]]) => [
    name,
    Object.freeze({
      name,
      column,
      value,
      operators: Object.freeze([...operators]),
      layoutOnly: flag === 'layout',
      isTable: flag === 'table',
      uniqueAllowed: flag === 'unique',
      notNull: NOT_NULL_TYPES.has(name),
    }),
  ]),
);

export const FIELD_TYPE_NAMES: readonly string[] = [...FIELD_TYPES.keys()];

export function fieldTypeInfo(fieldtype: string): FieldTypeInfo {
  const info = FIELD_TYPES.get(fieldtype);
  if (!info) throw new Error(`Unknown fieldtype "${fieldtype}"`);
  return info;
}

