/**
 * The list view's view of `tabula.desk.meta`: the DocType's fields and list settings, loaded once per
 * DocType per page load. (The form view reads the same method; the two can share a loader later.)
 */
import { call } from '../api/client';

export interface FieldMeta {
  fieldname: string;
  fieldtype: string;
  label: string;
  options?: string;
  hidden?: 0 | 1;
  in_list_view?: 0 | 1;
  in_standard_filter?: 0 | 1;
}

export interface ListSettings {
  title_field: string;
  list_view_fields: string[];
  standard_filters: string[];
  search_fields: string[];
  sort_field: string;
  sort_order: 'ASC' | 'DESC' | string;
  filter_operators: Record<string, string[]>;
  timespans: string[];
  intervals: string[];
}

export interface ListMeta {
  name: string;
  is_submittable: boolean;
  is_tree: boolean;
  /** The DocType's own fields and the standard ones (name, owner, modified, docstatus ...), by fieldname. */
  fields: Map<string, FieldMeta>;
  settings: ListSettings;
  permissions: { create: unknown; delete: unknown; submit: unknown; cancel: unknown };
}

interface MetaAnswer {
  doctype: { name: string; is_submittable?: 0 | 1; is_tree?: 0 | 1; fields: FieldMeta[]; standard_fields: FieldMeta[] };
  permissions: ListMeta['permissions'];
  list_settings: ListSettings;
}

const cache = new Map<string, Promise<ListMeta>>();

export function loadListMeta(doctype: string): Promise<ListMeta> {
  let found = cache.get(doctype);
  if (!found) {
    found = call<MetaAnswer>('tabula.desk.meta', { doctype }).then(toListMeta);
    // A failed load is not remembered: the next visit asks again.
    found.catch(() => cache.delete(doctype));
    cache.set(doctype, found);
  }
  return found;
}

function toListMeta(answer: MetaAnswer): ListMeta {
  const fields = new Map<string, FieldMeta>();
  for (const field of [...answer.doctype.standard_fields, ...answer.doctype.fields]) fields.set(field.fieldname, field);
  return {
    name: answer.doctype.name,
    is_submittable: Boolean(answer.doctype.is_submittable),
    is_tree: Boolean(answer.doctype.is_tree),
    fields,
    settings: answer.list_settings,
    permissions: answer.permissions,
  };
}

/** A field's label, `ID` for name as Frappe's list shows it. */
export function labelOf(meta: ListMeta, fieldname: string): string {
  if (fieldname === 'name') return 'ID';
  return meta.fields.get(fieldname)?.label || fieldname;
}

/** The fields a filter can be built on: those the server names operators for, labelled, by label. */
export function filterableFields(meta: ListMeta): FieldMeta[] {
  return Object.keys(meta.settings.filter_operators)
    .map((f) => meta.fields.get(f))
    // Frappe's bookkeeping columns (idx, _comments, _liked_by ...) are nothing a person filters on.
    .filter((f): f is FieldMeta => f !== undefined && !f.hidden && f.fieldname !== 'idx' && !f.fieldname.startsWith('_'))
    .sort((a, b) => labelOf(meta, a.fieldname).localeCompare(labelOf(meta, b.fieldname)));
}
