import { expect } from 'chai';
import { formatDuration, parseDuration } from '../../ui/src/controls/duration';
import { fromInput, toInput } from '../../ui/src/controls/dates';
import { parseJson } from '../../ui/src/controls/json';
import { formatNumber, parseNumber } from '../../ui/src/controls/number';
import { gridColumns } from '../../ui/src/controls/table/columns';
import { addRow, moveRow, removeRow, setCell } from '../../ui/src/controls/table/rows';
import type { FieldJson } from '../../ui/src/controls/types';
import { amendedCopy } from '../../ui/src/form/amend';
import { buttonsFor } from '../../ui/src/form/buttons';
import { fieldState } from '../../ui/src/form/conditions';
import { placeErrors } from '../../ui/src/form/errors';
import { buildLayout } from '../../ui/src/form/layout';
import { defaultsFor } from '../../ui/src/form/defaults';
import type { FormMeta } from '../../ui/src/form/meta';

const f = (fieldname: string, fieldtype = 'Data', extra: Partial<FieldJson> = {}): FieldJson => ({ fieldname, fieldtype, label: fieldname, ...extra });

/** The form's logic without a browser: layout, conditions, grid rows, number and duration parsing. */
describe('desk: form logic', () => {
  it('lays out tabs, sections and columns from break fields, with an implicit first section and a Details tab', () => {
    const tabs = buildLayout([f('a'), f('cb', 'Column Break'), f('b'), f('s1', 'Section Break', { label: 'More' }), f('c'), f('cb2', 'Column Break'), f('cb3', 'Column Break'), f('e'), f('t2', 'Tab Break', { label: 'Other' }), f('d'), f('empty', 'Section Break')]);
    expect(tabs.map((t) => t.label)).to.deep.equal(['Details', 'Other']);
    expect(tabs[0]!.sections.map((s) => s.columns.map((c) => c.map((x) => x.fieldname)))).to.deep.equal([[['a'], ['b']], [['c'], [], ['e']]]);
    expect(tabs[0]!.sections[1]!.field?.label).to.equal('More');
    expect(tabs[1]!.sections.length).to.equal(1);
  });

  it('lays out a form that opens with a Section Break and tabs later (as ERPNext\'s Sales Order does)', () => {
    const tabs = buildLayout([f('s0', 'Section Break'), f('cb0', 'Column Break'), f('a'), f('cb1', 'Column Break'), f('b'), f('t1', 'Tab Break', { label: 'Terms' }), f('c')]);
    expect(tabs.map((t) => t.label)).to.deep.equal(['Details', 'Terms']);
    expect(tabs[0]!.sections.map((s) => s.key)).to.deep.equal(['s0']);
    // A Column Break opening a section starts its first column (no empty one), as in Frappe.
    expect(tabs[0]!.sections[0]!.columns.map((c) => c.map((x) => x.fieldname))).to.deep.equal([['a'], ['b']]);
  });

  it('starts a new document from its defaults, leaving ERPNext\'s `:DocType` and `{field}` defaults empty', () => {
    const doc = defaultsFor([f('qty', 'Float', { default: '1' }), f('owner_name', 'Data', { default: '__user' }), f('cost_center', 'Link', { default: ':Company' }), f('title', 'Data', { default: '{customer_name}' }), f('items', 'Table')], 'ann@example.com');
    expect(doc).to.deep.equal({ qty: 1, owner_name: 'ann@example.com', items: [] });
  });

  it('works out hidden / required / read-only from flags, expressions, docstatus and write levels', () => {
    const ctx = { writeLevels: [0], docstatus: 0 };
    const q = f('qualified_by', 'Link', { depends_on: 'eval:doc.status == "Qualified"', mandatory_depends_on: 'eval:doc.status == "Qualified"' });
    expect(fieldState(q, { status: 'Open' }, undefined, ctx)).to.deep.equal({ hidden: true, reqd: false, readOnly: false });
    expect(fieldState(q, { status: 'Qualified' }, undefined, ctx)).to.deep.equal({ hidden: false, reqd: true, readOnly: false });
    const rowField = f('rate', 'Currency', { read_only_depends_on: 'eval:parent.docstatus > 0 || doc.locked' });
    expect(fieldState(rowField, { locked: 1 }, { docstatus: 0 }, ctx).readOnly).to.equal(true);
    expect(fieldState(f('x'), {}, undefined, { writeLevels: [0], docstatus: 1 }).readOnly).to.equal(true);
    // a required read-only field with no default may be filled on a document or row never saved
    const currency = f('price_list_currency', 'Link', { reqd: 1, read_only: 1 });
    const fresh = { ...ctx, isNew: true };
    expect(fieldState(currency, {}, undefined, fresh).readOnly).to.equal(false);
    expect(fieldState(currency, { price_list_currency: 'EUR' }, undefined, fresh).readOnly).to.equal(false);
    expect(fieldState(currency, {}, undefined, ctx).readOnly).to.equal(true);
    expect(fieldState(f('status', 'Select', { reqd: 1, read_only: 1, default: 'Draft' }), {}, undefined, fresh).readOnly).to.equal(true);
    expect(fieldState(f('fetched', 'Data', { reqd: 1, read_only: 1, fetch_from: 'customer.customer_name' }), {}, undefined, fresh).readOnly).to.equal(true);
    const factor = f('conversion_factor', 'Float', { reqd: 1, read_only: 1 });
    expect(fieldState(factor, {}, { docstatus: 0 }, ctx).readOnly).to.equal(false);
    expect(fieldState(factor, { name: 'row-1' }, { docstatus: 0 }, ctx).readOnly).to.equal(true);
    expect(fieldState(f('x', 'Data', { allow_on_submit: 1 }), {}, undefined, { writeLevels: [0], docstatus: 1 }).readOnly).to.equal(false);
    expect(fieldState(f('x', 'Data', { permlevel: 1 }), {}, undefined, ctx).readOnly).to.equal(true);
    // an expression that cannot be read shows the field rather than hiding data
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(fieldState(f('y', 'Data', { depends_on: 'eval:doc.(' }), {}, undefined, ctx).hidden).to.equal(false);
    } finally {
      console.warn = warn;
    }
  });

  it('adds, deletes and moves grid rows, renumbering idx from 1 without touching the given list', () => {
    const rows = addRow(addRow([], { item: 'A' }), { item: 'B' });
    expect(rows.map((r) => [r.idx, r.item])).to.deep.equal([[1, 'A'], [2, 'B']]);
    const moved = moveRow(rows, 1, -1);
    expect(moved.map((r) => [r.idx, r.item])).to.deep.equal([[1, 'B'], [2, 'A']]);
    expect(rows.map((r) => r.item)).to.deep.equal(['A', 'B']);
    expect(removeRow(moved, 0).map((r) => [r.idx, r.item])).to.deep.equal([[1, 'A']]);
    expect(JSON.stringify(setCell(rows, 0, 'qty', 2)[0])).to.equal('{"item":"A","idx":1,"qty":2}');
  });

  it('shows in_list_view child fields as grid columns, else the first few that hold values', () => {
    expect(gridColumns([f('a'), f('b', 'Data', { in_list_view: 1 }), f('sb', 'Section Break')]).map((c) => c.fieldname)).to.deep.equal(['b']);
    expect(gridColumns([f('h', 'Heading'), f('a'), f('b', 'Int')]).map((c) => c.fieldname)).to.deep.equal(['a', 'b']);
  });

  it('formats numbers at rest and parses what people type, numbers out', () => {
    expect(formatNumber(1234.5, 'Currency')).to.equal('1,234.50');
    expect(formatNumber(12, 'Int')).to.equal('12');
    expect(formatNumber(null, 'Float')).to.equal('');
    expect(parseNumber('1,234.5', 'Float')).to.deep.equal({ ok: true, value: 1234.5 });
    expect(parseNumber('€ 12', 'Currency')).to.deep.equal({ ok: true, value: 12 });
    expect(parseNumber('', 'Int')).to.deep.equal({ ok: true, value: null });
    expect(parseNumber('1.5', 'Int').ok).to.equal(false);
    expect(parseNumber('many', 'Float').ok).to.equal(false);
  });

  it('reads and writes durations, dates and JSON', () => {
    expect(formatDuration(93784)).to.equal('1d 2h 3m 4s');
    expect(parseDuration('1d 2h 3m 4s')).to.deep.equal({ ok: true, value: 93784 });
    expect(parseDuration('90')).to.deep.equal({ ok: true, value: 90 });
    expect(parseDuration('2 hours').ok).to.equal(false);
    expect(toInput('2024-05-01 13:45:00.000000', 'Datetime')).to.equal('2024-05-01T13:45:00');
    expect(fromInput('2024-05-01T13:45', 'Datetime')).to.equal('2024-05-01 13:45:00');
    expect(fromInput('', 'Date')).to.equal(null);
    expect(parseJson('{"a":1}')).to.deep.equal({ ok: true, value: { a: 1 } });
    expect(parseJson('{a:1}').ok).to.equal(false);
  });

  it('places errors at fields and at grid rows by parentfield and idx', () => {
    const placed = placeErrors([
      { fieldname: 'customer', message: 'missing' },
      { fieldname: 'item_code', parentfield: 'items', idx: 2, message: 'no such item' },
      { parentfield: 'items', idx: 3, message: 'row problem' },
    ]);
    expect(placed.fields).to.deep.equal({ customer: 'missing' });
    expect(placed.tables).to.deep.equal({ items: { 2: { item_code: 'no such item' }, 3: { '': 'row problem' } } });
  });

  it('offers the buttons docstatus allows, and amends into a copy', () => {
    const meta = { doctype: { name: 'SO', fields: [], is_submittable: 1 }, children: {}, actions: [], permissions: { write: 'all', create: 'all', submit: 'all', cancel: 'all', amend: 'all', delete: 'all', print: 'all', read_levels: [0], write_levels: [0] } } as FormMeta;
    expect(buttonsFor(meta, 0, true, true)).to.include({ save: 'Save', submit: false });
    expect(buttonsFor(meta, 0, false, false)).to.include({ save: null, submit: true });
    expect(buttonsFor(meta, 1, false, false)).to.include({ cancel: true, delete: false });
    expect(buttonsFor(meta, 2, false, false)).to.include({ amend: true, cancel: false });
    const copy = amendedCopy({ name: 'SO-1', docstatus: 2, customer: 'C', delivery_date: 'x', items: [{ name: 'r1', parent: 'SO-1', item: 'A' }] }, new Set(['delivery_date']));
    expect(copy).to.deep.equal({ customer: 'C', items: [{ item: 'A' }], amended_from: 'SO-1', docstatus: 0 });
  });
});
