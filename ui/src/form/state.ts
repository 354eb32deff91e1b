/**
 * One open form: its meta, the document being edited, what was last saved (for "Not Saved"), the
 * errors placed at fields and rows, and the banner message. Operations that talk to the server live
 * in ./operations; this module only holds and changes state.
 */
import { computed, reactive, toRaw } from 'vue';
import type { FieldError } from '../api/client';
import type { FieldJson } from '../controls/types';
import type { EditContext } from './conditions';
import { noErrors, placeErrors, type PlacedErrors } from './errors';
import { fetchLinked } from './fetch';
import type { FormMeta } from './meta';

export type Doc = Record<string, unknown>;
export interface Banner {
  text: string;
  tone: 'error' | 'success' | 'info';
  /** Every problem, when the server sent several. */
  details?: string[];
}

/** What "unchanged" compares: empty values are all the same, the order of keys does not matter. */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Doc)[key];
      if (v === null || v === undefined || v === '') continue;
      out[key] = comparable(v);
    }
    return out;
  }
  return value;
}
const fingerprint = (doc: Doc) => JSON.stringify(comparable(doc));

export function createFormState() {
  const state = reactive({
    meta: null as FormMeta | null,
    doc: {} as Doc,
    saved: '',
    isNew: false,
    errors: noErrors() as PlacedErrors,
    banner: null as Banner | null,
    busy: false,
    loadError: '',
  });

  const dirty = computed(() => state.meta !== null && (state.isNew || fingerprint(state.doc) !== state.saved));
  const context = computed<EditContext>(() => ({
    writeLevels: state.meta?.permissions.write_levels ?? [],
    docstatus: Number(state.doc.docstatus ?? 0),
    isNew: state.isNew,
  }));

  function setDoc(doc: Doc, isNew: boolean): void {
    state.doc = doc;
    state.isNew = isNew;
    state.saved = isNew ? '' : fingerprint(doc);
    state.errors = noErrors();
  }

  function showErrors(errors: readonly FieldError[], text: string): void {
    state.errors = placeErrors(errors);
    const details = errors.map((e) => e.message).filter((m) => m && m !== text);
    state.banner = { text, tone: 'error', details: details.length > 1 ? details : undefined };
  }

  function clearFieldError(fieldname: string): void {
    if (state.errors.fields[fieldname]) delete state.errors.fields[fieldname];
  }

  async function setValue(field: FieldJson, value: unknown): Promise<void> {
    state.doc[field.fieldname] = value;
    clearFieldError(field.fieldname);
    if (field.fieldtype === 'Link' || field.fieldtype === 'Dynamic Link') {
      const fetched = await fetchLinked(state.meta?.doctype.fields ?? [], state.doc, field).catch(() => ({}));
      // The link may have changed again while the answer was on its way.
      if (state.doc[field.fieldname] === value) Object.assign(state.doc, fetched);
    }
  }

  /** A grid cell changed: clear that cell's error and run its row's fetch_from. */
  async function cellChanged(table: FieldJson, row: Doc, fieldname: string): Promise<void> {
    const rowErrors = state.errors.tables[table.fieldname];
    const idx = Number(row.idx);
    if (rowErrors?.[idx]) delete rowErrors[idx][fieldname];
    const child = state.meta?.children[table.options ?? ''];
    const field = child?.fields.find((f) => f.fieldname === fieldname);
    if (!child || !field || (field.fieldtype !== 'Link' && field.fieldtype !== 'Dynamic Link')) return;
    const value = row[fieldname];
    const fetched = await fetchLinked(child.fields, row, field).catch(() => ({}));
    const rows = state.doc[table.fieldname] as Doc[] | undefined;
    const live = rows?.find((r) => toRaw(r) === toRaw(row) || (r as { __key?: number }).__key === (row as { __key?: number }).__key);
    if (live && live[fieldname] === value) Object.assign(live, fetched);
  }

  return { state, dirty, context, setDoc, showErrors, setValue, cellChanged };
}

export type FormState = ReturnType<typeof createFormState>;
