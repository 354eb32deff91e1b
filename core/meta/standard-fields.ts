/** Columns every Frappe table carries, and the extra fields implied by istable / is_tree / is_submittable. */
import type { DocFieldDef, DocTypeDef } from './types';
import { flag } from './types';
import { scrub } from './names';

const EVERY_TABLE: DocFieldDef[] = [
  { fieldname: 'name', fieldtype: 'Data', label: 'ID', length: 140 },
  { fieldname: 'owner', fieldtype: 'Link', options: 'User', label: 'Created By' },
  { fieldname: 'creation', fieldtype: 'Datetime', label: 'Created On' },
  { fieldname: 'modified', fieldtype: 'Datetime', label: 'Last Updated On' },
  { fieldname: 'modified_by', fieldtype: 'Link', options: 'User', label: 'Last Updated By' },
  { fieldname: 'docstatus', fieldtype: 'Int', label: 'Document Status' },
  { fieldname: 'idx', fieldtype: 'Int', label: 'Index' },
];

const CHILD_TABLE: DocFieldDef[] = [
  { fieldname: 'parent', fieldtype: 'Data', label: 'Parent' },
  { fieldname: 'parentfield', fieldtype: 'Data', label: 'Parent Field' },
  { fieldname: 'parenttype', fieldtype: 'Data', label: 'Parent Type' },
];

const NON_CHILD_TABLE: DocFieldDef[] = [
  { fieldname: '_user_tags', fieldtype: 'Text', label: 'Tags' },
  { fieldname: '_comments', fieldtype: 'Text', label: 'Comments' },
  { fieldname: '_assign', fieldtype: 'Text', label: 'Assigned To' },
  { fieldname: '_liked_by', fieldtype: 'Text', label: 'Liked By' },
];

export const STANDARD_FIELDNAMES: ReadonlySet<string> = new Set(
  [...EVERY_TABLE, ...CHILD_TABLE, ...NON_CHILD_TABLE, { fieldname: '_seen' }].map((f) => f.fieldname),
);

export function standardFieldsFor(def: DocTypeDef): DocFieldDef[] {
  const fields = [...EVERY_TABLE];
  if (flag(def.istable)) fields.push(...CHILD_TABLE);
  else {
    fields.push(...NON_CHILD_TABLE);
    if (flag(def.track_seen)) fields.push({ fieldname: '_seen', fieldtype: 'Text', label: 'Seen By' });
  }
  return fields.map((f) => ({ ...f }));
}

/** The parent field of a tree DocType: `nsm_parent_field`, else `parent_<scrub(name)>`. */
export function treeParentField(def: DocTypeDef): string {
  return def.nsm_parent_field || `parent_${scrub(def.name)}`;
}

/**
 * Fields a DocType's own JSON may leave out that its kind needs (Frappe adds them too): the nested-set
 * columns of trees and `amended_from` of submittable DocTypes. Fields the JSON already has are kept.
 */
export function impliedFieldsFor(def: DocTypeDef): DocFieldDef[] {
  const have = new Set(def.fields.map((f) => f.fieldname));
  const implied: DocFieldDef[] = [];
  const add = (f: DocFieldDef) => {
    if (!have.has(f.fieldname)) implied.push(f);
  };
  if (flag(def.is_tree)) {
    // A user allowed one branch must still see its top node, whose parent lies outside the branch
    // (ERPNext's tree JSONs set the flag for the same reason).
    add({ fieldname: treeParentField(def), fieldtype: 'Link', options: def.name, label: `Parent ${def.name}`, ignore_user_permissions: 1 });
    add({ fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group' });
    add({ fieldname: 'lft', fieldtype: 'Int', label: 'Left', hidden: 1, read_only: 1, search_index: 1 });
    add({ fieldname: 'rgt', fieldtype: 'Int', label: 'Right', hidden: 1, read_only: 1, search_index: 1 });
    add({ fieldname: 'old_parent', fieldtype: 'Link', options: def.name, label: 'Old Parent', hidden: 1, read_only: 1, ignore_user_permissions: 1 });
  }
  if (flag(def.is_submittable)) {
    add({ fieldname: 'amended_from', fieldtype: 'Link', options: def.name, label: 'Amended From', read_only: 1, no_copy: 1 });
  }
  return implied;
}
