/** Default values for a new document and its rows: literal defaults, `Today`, `now`, `__user`. */
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';
import { formatTime, nowTimestamp, todayDate } from './clock';
import { rowsOf, type Doc } from './doc';
import { castValue } from './normalize';

export function applyDefaults(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, user: string): void {
  applyFieldDefaults(meta, doc, user);
  for (const table of meta.tableFields) {
    const child = registry.find(table.options);
    if (child) for (const row of rowsOf(doc, table.fieldname)) applyFieldDefaults(child, row, user);
  }
}

function applyFieldDefaults(meta: DocTypeMeta, doc: Doc, user: string): void {
  for (const field of meta.fields) {
    if (!field.hasColumn) continue;
    const current = doc[field.fieldname];
    if (current !== undefined && current !== null && current !== '') continue;
    const value = defaultValue(field, user);
    if (value === undefined) continue;
    const cast = castValue(field, value);
    if (cast.ok) doc[field.fieldname] = cast.value;
  }
}

function defaultValue(field: DocField, user: string): unknown {
  const declared = field.def.default;
  if (declared === undefined || declared === null || declared === '') {
    // As the desk does: a Select without a blank first option starts at its first option.
    if (field.fieldtype === 'Select' && field.options && !field.options.startsWith('\n')) return field.selectOptions[0];
    return undefined;
  }
  const text = String(declared);
  const lower = text.toLowerCase();
  if (lower === 'today') return field.fieldtype === 'Datetime' ? nowTimestamp() : todayDate();
  if (lower === 'now') return field.fieldtype === 'Date' ? todayDate() : field.fieldtype === 'Time' ? formatTime(new Date()) : nowTimestamp();
  if (text === '__user') return user;
  // `:DocType` (a value read from the referenced record) and `{field}` templates are not resolved: no default.
  if (text.startsWith(':') || /^\{.*\}$/.test(text)) return undefined;
  return declared;
}
