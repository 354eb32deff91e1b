/**
 * The meta the desk builds forms and lists from: a DocType with its fields (those the user may read),
 * its child tables, the user's rights on it and its list settings. Frappe's getdoctype is answered too.
 */
import { PermissionError } from '../../errors';
import type { ControllerRegistry } from '../../document';
import type { DocField, DocTypeMeta } from '../../meta';
import type { MetaRegistry } from '../../meta';
import { RIGHTS, type UserAccess } from '../../permissions';
import { INTERVALS, TIMESPANS } from '../../query';
import { operatorsFor, treeTargetOf } from '../../query/filters';
import { requiredText } from '../params';
import { read, WholeBody, type MethodTable } from './types';

/** Fields keep the label the errors use (the fieldname when none is set); breaks keep theirs, so an unlabelled section shows no heading, as in Frappe. */
function fieldJson(field: DocField): Record<string, unknown> {
  return BREAKS.has(field.fieldtype) ? { ...field.def } : { ...field.def, label: field.label };
}
const BREAKS = new Set(['Section Break', 'Column Break', 'Tab Break']);

function doctypeJson(meta: DocTypeMeta, access: UserAccess, levelsOf: DocTypeMeta) {
  const visible = (f: DocField) => access.fieldReadable(levelsOf, f.permlevel);
  const { fields: _fields, permissions: _permissions, ...settings } = meta.def;
  return {
    ...settings,
    name: meta.name,
    title_field: meta.titleField,
    sort_field: meta.sortField,
    sort_order: meta.sortOrder,
    fields: meta.fields.filter(visible).map(fieldJson),
    standard_fields: meta.standardFields.map(fieldJson),
  };
}

/** The controller's callable methods with a label: the form's action buttons. */
function actionsOf(meta: DocTypeMeta, controllers: ControllerRegistry): { method: string; label: string }[] {
  return Object.entries(controllers.get(meta.name).methods ?? {})
    .filter(([, m]) => m.callable && m.label)
    .map(([method, m]) => ({ method, label: m.label! }));
}

/**
 * The filter operators each readable field accepts, as the query layer decides them (tree Links
 * included), so the desk's filter builder offers exactly what the server will take.
 */
function filterOperators(meta: DocTypeMeta, access: UserAccess, registry: MetaRegistry): Record<string, readonly string[]> {
  const operators: Record<string, readonly string[]> = {};
  for (const field of [...meta.standardFields, ...meta.fields]) {
    if (!field.hasColumn || !access.fieldReadable(meta, field.permlevel)) continue;
    const ref = { meta, field };
    const allowed = operatorsFor(ref, treeTargetOf(ref, registry));
    if (allowed.length) operators[field.fieldname] = allowed;
  }
  return operators;
}

function describe(meta: DocTypeMeta, access: UserAccess, registry: MetaRegistry, controllers: ControllerRegistry) {
  const rights = access.rights(meta);
  const children: Record<string, unknown> = {};
  for (const table of meta.tableFields) if (access.fieldReadable(meta, table.permlevel)) children[table.options] = doctypeJson(registry.get(table.options), access, meta);
  const fieldsWith = (key: 'in_list_view' | 'in_standard_filter') => meta.fields.filter((f) => f.is(key) && access.fieldReadable(meta, f.permlevel)).map((f) => f.fieldname);
  return {
    doctype: doctypeJson(meta, access, meta),
    children,
    permissions: {
      ...Object.fromEntries(RIGHTS.map((r) => [r, access.grant(meta, r) ?? null])),
      read_levels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((l) => rights.readLevels.has(l)),
      write_levels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((l) => rights.writeLevels.has(l)),
    },
    actions: actionsOf(meta, controllers),
    list_settings: {
      title_field: meta.titleField,
      list_view_fields: fieldsWith('in_list_view'),
      standard_filters: fieldsWith('in_standard_filter'),
      search_fields: meta.searchFields,
      sort_field: meta.sortField,
      sort_order: meta.sortOrder,
      image_field: meta.def.image_field ?? null,
      filter_operators: filterOperators(meta, access, registry),
      // The values `timespan` and `previous` / `next` take.
      timespans: TIMESPANS,
      intervals: Object.keys(INTERVALS),
    },
  };
}

export const META_METHODS: MethodTable = {
  'tabula.desk.meta': read(({ ctx, args, state }) => {
    const meta = state.site.registry.get(requiredText(args, 'doctype'));
    if (!ctx.access.can(meta, 'read') && !ctx.access.can(meta, 'select')) throw noRead(meta);
    return describe(meta, ctx.access, state.site.registry, state.site.controllers);
  }),
  'frappe.desk.form.load.getdoctype': read(({ ctx, args, state }) => {
    const meta = state.site.registry.get(requiredText(args, 'doctype'));
    if (!ctx.access.can(meta, 'read') && !ctx.access.can(meta, 'select')) throw noRead(meta);
    const docs = [meta, ...meta.tableFields.map((t) => state.site.registry.get(t.options))].map((m) => ({ doctype: 'DocType', ...doctypeJson(m, ctx.access, meta) }));
    return new WholeBody({ docs });
  }),
};

function noRead(meta: DocTypeMeta) {
  return new PermissionError(`No permission to read ${meta.name}`, [{ fieldname: 'doctype', message: `No permission to read ${meta.name}` }]);
}

