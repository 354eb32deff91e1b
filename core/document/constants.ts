/**
 * What may change on save: `set_only_once` fields keep their first value, and after submit only
 * `allow_on_submit` fields may change. Child rows are compared like Frappe does: the row count of a
 * table that is not allow_on_submit, then each row's own fields, matched by row name.
 */
import { CannotChangeConstantError, UpdateAfterSubmitError } from '../errors';
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';
import { isEmptyValue, rowsOf, type Doc } from './doc';
import { Problems } from './problems';

export function checkConstants(registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, previous: Doc, afterSubmit: boolean): void {
  const problems = new Problems();
  for (const field of meta.fields) {
    if (field.type.layoutOnly) continue;
    if (field.type.isTable) {
      if (afterSubmit && !field.is('allow_on_submit')) checkRowsAfterSubmit(registry, field, doc, previous, problems);
      continue;
    }
    const before = previous[field.fieldname];
    if (sameValue(before, doc[field.fieldname])) continue;
    if (field.is('set_only_once') && !isEmptyValue(before))
      problems.add(CannotChangeConstantError, { fieldname: field.fieldname, message: `${field.label} cannot be changed once set` });
    if (afterSubmit && !field.is('allow_on_submit'))
      problems.add(UpdateAfterSubmitError, { fieldname: field.fieldname, message: `Not allowed to change ${field.label} after submission` });
  }
  problems.throwIfAny();
}

function checkRowsAfterSubmit(registry: MetaRegistry, table: DocField, doc: Doc, previous: Doc, problems: Problems): void {
  const before = rowsOf(previous, table.fieldname);
  const after = rowsOf(doc, table.fieldname);
  if (before.length !== after.length) {
    problems.add(UpdateAfterSubmitError, { fieldname: table.fieldname, message: `Not allowed to add or remove rows of ${table.label} after submission` });
    return;
  }
  const child = registry.get(table.options);
  const byName = new Map(before.map((row) => [row.name, row]));
  after.forEach((row, i) => {
    const old = byName.get(row.name) ?? before[i]!;
    for (const field of child.fields) {
      if (!field.hasColumn || field.is('allow_on_submit') || sameValue(old[field.fieldname], row[field.fieldname])) continue;
      problems.add(UpdateAfterSubmitError, { fieldname: field.fieldname, parentfield: table.fieldname, idx: i + 1, message: `Not allowed to change ${field.label} in row ${i + 1} of ${table.label} after submission` });
    }
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
