/**
 * Which buttons the form shows, from Frappe's docstatus rules and the user's rights:
 * draft -> Save, then Submit once saved and unchanged; submitted -> Cancel (and Update for
 * allow_on_submit changes); cancelled -> Amend. Actions need a saved, not cancelled document.
 */
import type { FormMeta } from './meta';

export interface FormButtons {
  save: string | null;
  submit: boolean;
  cancel: boolean;
  amend: boolean;
  actions: boolean;
  print: boolean;
  delete: boolean;
}

export function buttonsFor(meta: FormMeta, docstatus: number, isNew: boolean, dirty: boolean): FormButtons {
  const p = meta.permissions;
  const submittable = Boolean(meta.doctype.is_submittable);
  const canSave = isNew ? Boolean(p.create) : Boolean(p.write);
  let save: string | null = null;
  if (docstatus === 0 && canSave && (!submittable || isNew || dirty)) save = 'Save';
  if (docstatus === 1 && dirty && p.write) save = 'Update';
  return {
    save,
    submit: submittable && docstatus === 0 && !isNew && !dirty && Boolean(p.submit),
    cancel: submittable && docstatus === 1 && Boolean(p.cancel),
    amend: submittable && docstatus === 2 && Boolean(p.amend) && Boolean(p.create),
    actions: !isNew && docstatus !== 2 && meta.actions.length > 0,
    print: !isNew && Boolean(p.print),
    delete: !isNew && docstatus !== 1 && Boolean(p.delete),
  };
}

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
}
