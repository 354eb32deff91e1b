/** frappe.client.*: the RPC twins of the resource routes, with Frappe's argument names and answers. */
import { ValidationError } from '../../errors';
import { getCount } from '../../query';
import { listRequestOf, runList, shapeRows } from '../lists';
import { flagArg, jsonObject, optionalText, requiredText, type Args } from '../params';
import { read, write, type MethodCall, type MethodTable } from './types';

/** A `doc` argument: JSON text or an object, carrying its doctype. */
function docArg(args: Args): { doctype: string; values: Record<string, unknown> } {
  const doc = jsonObject(args, 'doc')!;
  const doctype = doc.doctype;
  if (typeof doctype !== 'string' || !doctype) throw new ValidationError('doc.doctype is required', [{ fieldname: 'doctype', message: 'the document must say its doctype' }]);
  const values = { ...doc };
  delete values.doctype;
  return { doctype, values };
}

/** get_value's `fieldname`: one name, a JSON list of names, or `[]` (the SDK's default) meaning name. */
function fieldnamesArg(args: Args): string[] {
  const raw = args.fieldname;
  if (raw === undefined || raw === null || raw === '') return ['name'];
  if (Array.isArray(raw)) return raw.length ? raw.map(String) : ['name'];
  if (typeof raw !== 'string' && typeof raw !== 'number')
    throw new ValidationError('fieldname must be a field name or a list of names', [{ fieldname: 'fieldname', message: `expected a field name or a JSON list of names, got ${JSON.stringify(raw)}` }]);
  const text = String(raw).trim();
  if (text.startsWith('[')) {
    try {
      const list = JSON.parse(text) as unknown;
      if (Array.isArray(list)) return list.length ? list.map(String) : ['name'];
    } catch {
      throw new ValidationError('fieldname is not valid JSON', [{ fieldname: 'fieldname', message: 'expected a field name or a JSON list of names' }]);
    }
  }
  return [text];
}

/** get_value's `filters`: JSON filters, or a plain document name. */
function filtersOrName(args: Args): unknown {
  const raw = args.filters;
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.startsWith('{') || text.startsWith('[')) return text;
  if (text.startsWith('"')) {
    try {
      return { name: JSON.parse(text) as unknown };
    } catch {
      return { name: text };
    }
  }
  return { name: text };
}

async function getValue({ ctx, args, state }: MethodCall) {
  const doctype = requiredText(args, 'doctype');
  const fields = fieldnamesArg(args);
  const asDict = flagArg(args, 'as_dict', true);
  const meta = state.site.registry.get(doctype);
  let row: Record<string, unknown> | undefined;
  if (meta.issingle) {
    const doc = await ctx.documents.get(doctype, doctype);
    row = Object.fromEntries(fields.map((f) => [f, doc[f] ?? null]));
  } else {
    const result = await runList(state, ctx, doctype, { fields, filters: filtersOrName(args), parent: args.parent, limit: 1 });
    row = result.rows[0];
  }
  if (asDict) return row ?? {};
  if (!row) return undefined;
  const values = fields.map((f) => row[f]);
  return values.length > 1 ? values : values[0];
}

async function getDoc({ ctx, args, state }: MethodCall) {
  const doctype = requiredText(args, 'doctype');
  const meta = state.site.registry.get(doctype);
  let name = optionalText(args, 'name');
  if (meta.issingle) name = doctype;
  if (!name) {
    const result = await runList(state, ctx, doctype, { fields: ['name'], filters: args.filters, parent: args.parent, limit: 1 });
    if (!result.rows[0]) throw new ValidationError(`No ${doctype} matches the filters`, [{ fieldname: 'filters', message: 'no match' }]);
    name = String(result.rows[0].name);
  }
  return ctx.documents.get(doctype, name);
}

async function setValue({ ctx, args, state }: MethodCall) {
  const doctype = requiredText(args, 'doctype');
  const name = requiredText(args, 'name');
  const fieldname = args.fieldname;
  let values: Record<string, unknown>;
  if (fieldname && typeof fieldname === 'object' && !Array.isArray(fieldname)) values = fieldname as Record<string, unknown>;
  else if (typeof fieldname === 'string' && fieldname.trim().startsWith('{')) values = jsonObject(args, 'fieldname')!;
  else values = { [requiredText(args, 'fieldname')]: args.value ?? null };
  const meta = state.site.registry.get(doctype);
  if (!meta.istable) return ctx.documents.save(doctype, name, values);
  // As Frappe: a child row is changed by saving its parent with the row updated; answers the parent.
  const row = await ctx.documents.get(doctype, name);
  const parentType = String(row.parenttype);
  const parent = await ctx.documents.get(parentType, String(row.parent));
  const tableField = String(row.parentfield);
  const rows = (parent[tableField] as Record<string, unknown>[]).map((r) => (r.name === row.name ? { ...r, ...values } : r));
  return ctx.documents.save(parentType, String(row.parent), { [tableField]: rows, modified: parent.modified });
}

export const CLIENT_METHODS: MethodTable = {
  'frappe.client.get_list': read(async ({ ctx, args, state }) => {
    const result = await runList(state, ctx, requiredText(args, 'doctype'), listRequestOf(args));
    return shapeRows(result, flagArg(args, 'as_dict', true));
  }),
  'frappe.client.get_count': read(({ ctx, args }) => getCount(ctx.query, requiredText(args, 'doctype'), { filters: args.filters, or_filters: args.or_filters, parent: args.parent })),
  'frappe.client.get_value': read(getValue),
  'frappe.client.get_single_value': read(async ({ ctx, args }) => {
    const doctype = requiredText(args, 'doctype');
    const field = requiredText(args, 'field');
    const doc = await ctx.documents.get(doctype, doctype);
    if (!(field in doc)) throw new ValidationError(`${doctype} has no field "${field}"`, [{ fieldname: field, message: 'unknown field' }]);
    return doc[field];
  }),
  'frappe.client.get': read(getDoc),
  'frappe.client.validate_link': read(async ({ ctx, args, state }) => {
    const doctype = requiredText(args, 'doctype');
    const docname = requiredText(args, 'docname');
    const extra = args.fields === undefined ? [] : fieldnamesArg({ fieldname: args.fields }).filter((f) => f !== 'name');
    const result = await runList(state, ctx, doctype, { fields: ['name', ...extra], filters: { name: docname }, limit: 1 });
    return result.rows[0] ?? {};
  }),
  'frappe.client.set_value': write(setValue),
  'frappe.client.insert': write(({ ctx, args }) => {
    const { doctype, values } = docArg(args);
    if (values.parenttype || values.parentfield) throw new ValidationError('Child rows are saved with their parent document', [{ fieldname: 'parenttype', message: 'save the parent instead' }]);
    return ctx.documents.insert(doctype, values);
  }),
  'frappe.client.save': write(({ ctx, args }) => {
    const { doctype, values } = docArg(args);
    const name = values.name;
    if (name === undefined || name === null || name === '') return ctx.documents.insert(doctype, values);
    if (typeof name !== 'string' && typeof name !== 'number') throw new ValidationError('doc.name must be text', [{ fieldname: 'name', message: `expected a document name, got ${JSON.stringify(name)}` }]);
    delete values.name;
    return ctx.documents.save(doctype, name, values);
  }),
  'frappe.client.submit': write(({ ctx, args }) => {
    const { doctype, values } = docArg(args);
    const name = values.name;
    if (typeof name !== 'string' && typeof name !== 'number') throw new ValidationError('doc.name is required', [{ fieldname: 'name', message: 'required' }]);
    delete values.name;
    return ctx.documents.submit(doctype, name, values);
  }),
  'frappe.client.cancel': write(({ ctx, args }) => ctx.documents.cancel(requiredText(args, 'doctype'), requiredText(args, 'name'))),
  'frappe.client.delete': write(async ({ ctx, args }) => {
    await ctx.documents.delete(requiredText(args, 'doctype'), requiredText(args, 'name'));
    return undefined;
  }),
  'frappe.client.rename_doc': write(({ ctx, args }) =>
    ctx.documents.rename(requiredText(args, 'doctype'), requiredText(args, 'old_name'), requiredText(args, 'new_name'), { merge: flagArg(args, 'merge', false) }),
  ),
};
