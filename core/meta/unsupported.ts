/**
 * Frappe keys that change behaviour in Frappe but that Tabula does not implement yet. A file using
 * one still loads (the key is kept in the meta), but the doctor lists it as a warning naming the file
 * and the key, so nothing a real app relies on is dropped silently. Keys that only shape the desk's
 * display (icons, widths, `hide_days` ...) are not listed: they change no data and no rule.
 */
import type { MetaProblem } from '../errors';
import type { DocTypeMeta } from './doctype';
import { flag } from './types';

/** DocType keys: what Frappe does with them that Tabula does not. */
const DOCTYPE_KEYS: Readonly<Record<string, string>> = {
  track_changes: 'Frappe keeps a Version record of every change; Tabula keeps none',
  track_views: 'Frappe logs who opened each document; Tabula does not',
  allow_auto_repeat: 'Auto Repeat records are kept, but no copies are made on schedule',
  email_append_to: 'incoming email does not create documents (no mail is fetched)',
  max_attachments: 'files cannot be attached yet, so there is no limit to apply',
  make_attachments_public: 'files cannot be attached yet',
  is_virtual: 'a virtual DocType gets its records from its Python controller in Frappe; here it has no table and no records',
};

/** DocField keys. */
const FIELD_KEYS: Readonly<Record<string, string>> = {
  is_virtual: 'a virtual field is computed by the controller in Frappe; here it is stored in a column like any other',
  link_filters: 'Link searches and link validation do not apply these filters',
  translatable: 'values are not translated',
};

export function unsupportedKeys(meta: DocTypeMeta): MetaProblem[] {
  const problems: MetaProblem[] = [];
  const warn = (field: string, message: string) => problems.push({ file: meta.file, doctype: meta.name, field, message, severity: 'warning' });
  const def = meta.def as unknown as Record<string, unknown>;
  for (const [key, effect] of Object.entries(DOCTYPE_KEYS)) {
    if (!isSet(def[key])) continue;
    warn(key, `not implemented: ${effect}`);
  }
  meta.def.fields.forEach((field, i) => {
    const values = field as unknown as Record<string, unknown>;
    for (const [key, effect] of Object.entries(FIELD_KEYS)) if (isSet(values[key])) warn(`fields[${i}].${key}`, `not implemented: ${effect}`);
  });
  return problems;
}

/** Frappe exports drop falsy values; a key holding 0, "" or [] means the default (off). */
function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'boolean') return flag(value);
  if (typeof value === 'number') return value !== 0; // max_attachments: 5
  return typeof value === 'string' ? value.trim() !== '' && value.trim() !== '[]' && value !== '0' : value !== null && value !== undefined;
}
