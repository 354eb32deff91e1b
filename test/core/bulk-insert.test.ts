/**
 * site.documents.bulkInsert(doctype, rows, { batchSize, onProgress }): the import path. The same
 * validation as insert (types, defaults, links, naming, controller validate hooks, framework checks,
 * unique, trees), written in batches inside one transaction, so any error in any row leaves nothing
 * written and no series number consumed. Post-write hooks (after_insert, on_update, on_submit,
 * on_change) are not run: documented behaviour of a bulk load.
 */
import { expect } from 'chai';
import { currentSeriesValue, defineController, todayDate, type Doc, type PermissionPolicy } from '../../core/document';
import {
  DataError,
  DocstatusTransitionError,
  DuplicateEntryError,
  LinkValidationError,
  MandatoryError,
  NonNegativeError,
  PermissionError,
  UniqueValidationError,
  ValidationError,
} from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { countRows, rejectsWith, where } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'Bulk Customer',
    autoname: 'field:customer_name',
    fields: [
      { fieldname: 'customer_name', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'customer_group', fieldtype: 'Data' },
    ],
  },
  { name: 'Bulk Item', autoname: 'field:item_code', fields: [{ fieldname: 'item_code', fieldtype: 'Data', reqd: 1 }, { fieldname: 'standard_rate', fieldtype: 'Currency' }] },
  {
    name: 'Bulk Order Item',
    istable: 1,
    fields: [
      { fieldname: 'item', fieldtype: 'Link', options: 'Bulk Item', reqd: 1 },
      { fieldname: 'qty', fieldtype: 'Int', default: '1', non_negative: 1 },
      { fieldname: 'rate', fieldtype: 'Currency', fetch_from: 'item.standard_rate', fetch_if_empty: 1 },
      { fieldname: 'amount', fieldtype: 'Currency', read_only: 1 },
    ],
  },
  {
    name: 'Bulk Order',
    autoname: 'BO-.#####',
    is_submittable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Link', options: 'Bulk Customer', reqd: 1 },
      { fieldname: 'customer_group', fieldtype: 'Data', fetch_from: 'customer.customer_group', read_only: 1 },
      { fieldname: 'order_date', fieldtype: 'Date', default: 'Today' },
      { fieldname: 'status', fieldtype: 'Select', options: 'Draft\nOpen\nClosed' },
      { fieldname: 'priority', fieldtype: 'Int', default: '3' },
      { fieldname: 'contact_email', fieldtype: 'Data', options: 'Email' },
      { fieldname: 'discount', fieldtype: 'Percent' },
      { fieldname: 'is_rush', fieldtype: 'Check', default: '0' },
      { fieldname: 'delivery', fieldtype: 'Datetime' },
      { fieldname: 'remarks', fieldtype: 'Small Text' },
      { fieldname: 'items', fieldtype: 'Table', options: 'Bulk Order Item' },
      { fieldname: 'total_qty', fieldtype: 'Int', read_only: 1 },
      { fieldname: 'total', fieldtype: 'Currency', read_only: 1 },
    ],
  },
  { name: 'Bulk Region', autoname: 'field:region_name', is_tree: 1, fields: [{ fieldname: 'region_name', fieldtype: 'Data', reqd: 1 }] },
  { name: 'Bulk Log', autoname: 'autoincrement', fields: [{ fieldname: 'message', fieldtype: 'Data' }, { fieldname: 'level', fieldtype: 'Select', options: 'Info\nWarning\nError' }] },
  { name: 'Bulk Code', autoname: 'hash', fields: [{ fieldname: 'code', fieldtype: 'Data', unique: 1 }, { fieldname: 'label', fieldtype: 'Data' }] },
  { name: 'Bulk Series', autoname: 'naming_series:', fields: [{ fieldname: 'naming_series', fieldtype: 'Select', options: 'SA-\nSB-.YY.-' }, { fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'Bulk Ticket', fields: [{ fieldname: 'code', fieldtype: 'Data', reqd: 1 }] },
  {
    name: 'Bulk Employee',
    autoname: 'field:employee_name',
    fields: [
      { fieldname: 'employee_name', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'reports_to', fieldtype: 'Link', options: 'Bulk Employee' },
    ],
  },
];

/** How many times each hook of Bulk Order ran. */
const calls: Record<string, number> = {};
const count = (hook: string) => () => {
  calls[hook] = (calls[hook] ?? 0) + 1;
};

const orderController = defineController({
  validate(doc) {
    count('validate')();
    let total = 0;
    let qty = 0;
    for (const row of doc.items as Doc[]) {
      row.amount = Number(row.qty) * Number(row.rate);
      total += row.amount as number;
      qty += Number(row.qty);
    }
    doc.total = total;
    doc.total_qty = qty;
    if (doc.remarks === 'reject') throw new ValidationError('rejected by validate', [{ fieldname: 'remarks', message: 'not accepted' }]);
  },
  before_submit: count('before_submit'),
  after_insert: count('after_insert'),
  on_update: count('on_update'),
  on_submit: count('on_submit'),
  on_change: count('on_change'),
});

const pad = (n: number) => String(n).padStart(5, '0');
const CUSTOMERS = ['Acme', 'Globex', 'Initech'];

/** Order i of a load: customers in turn, two item rows (the first rate fetched, the second given). */
function order(i: number, values: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer: CUSTOMERS[i % 3],
    items: [
      { item: 'WIDGET', qty: (i % 5) + 1 },
      { item: 'GADGET', qty: 2, rate: 7.5 },
    ],
    ...values,
  };
}

/** A document without what differs between two otherwise identical writes: names and timestamps. */
function comparable(doc: Doc): Record<string, unknown> {
  const { name: _n, creation: _c, modified: _m, ...rest } = doc;
  const items = ((doc.items as Doc[] | undefined) ?? []).map(({ name: _rn, parent: _p, creation: _rc, modified: _rm, ...row }) => row);
  return { ...rest, items };
}

describe('bulk insert (documents.bulkInsert)', function () {
  this.timeout(60_000);
  let site: TestSite;

  before(async () => {
    site = await createTestSite({
      label: 'bulk_insert',
      doctypes: DOCTYPES,
      controllers: {
        'Bulk Order': orderController,
        // Names by setting doc.name rather than returning it: insert honours that, so must bulkInsert.
        'Bulk Ticket': defineController({
          autoname(doc) {
            doc.name = `TCK-${String(doc.code).toUpperCase()}`;
          },
        }),
      },
    });
    await site.documents.bulkInsert('Bulk Customer', [
      { customer_name: 'Acme', customer_group: 'Commercial' },
      { customer_name: 'Globex', customer_group: 'Government' },
      { customer_name: 'Initech', customer_group: 'Commercial' },
    ]);
    await site.documents.bulkInsert('Bulk Item', [
      { item_code: 'WIDGET', standard_rate: 10 },
      { item_code: 'GADGET', standard_rate: 99 },
    ]);
  });
  after(() => site.destroy());
  beforeEach(() => {
    for (const key of Object.keys(calls)) delete calls[key];
  });

  const bulk = (doctype: string, rows: Record<string, unknown>[], options?: Parameters<TestSite['documents']['bulkInsert']>[2]) => site.documents.bulkInsert(doctype, rows, options);
  const snapshot = async () => ({
    orders: await countRows(site, 'Bulk Order'),
    items: await countRows(site, 'Bulk Order Item'),
    series: await currentSeriesValue(site.db.knex, 'BO-'),
  });

  describe('1,200 orders with child rows in batches of 500', () => {
    let names: (string | number)[];
    let loadCalls: Record<string, number>;
    const progress: [number, number][] = [];

    before(async () => {
      names = await bulk(
        'Bulk Order',
        Array.from({ length: 1200 }, (_, i) => order(i)),
        { batchSize: 500, onProgress: (done, total) => progress.push([done, total]) },
      );
      loadCalls = { ...calls };
    });

    it('names them from the series, consecutively and in input order', async () => {
      expect(names).to.deep.equal(Array.from({ length: 1200 }, (_, i) => `BO-${pad(i + 1)}`));
      expect(await currentSeriesValue(site.db.knex, 'BO-')).to.equal(1200);
      expect(await countRows(site, 'Bulk Order')).to.equal(1200);
    });

    it('reports progress once per batch', () => {
      expect(progress).to.deep.equal([
        [500, 1200],
        [1000, 1200],
        [1200, 1200],
      ]);
    });

    it('writes every child row under its parent, idx from 1', async () => {
      expect(await countRows(site, 'Bulk Order Item')).to.equal(2400);
      const byIdx = (await site.db.knex('tabBulk Order Item').select('idx').count({ n: '*' }).countDistinct({ parents: 'parent' }).groupBy('idx').orderBy('idx')) as Record<string, unknown>[];
      expect(byIdx.map((r) => [Number(r.idx), Number(r.n), Number(r.parents)])).to.deep.equal([
        [1, 1200, 1200],
        [2, 1200, 1200],
      ]);
      const strays = await site.db.knex('tabBulk Order Item').whereNot({ parenttype: 'Bulk Order', parentfield: 'items' }).count({ n: '*' }).first();
      expect(Number((strays as { n: number }).n)).to.equal(0);
    });

    it('applies defaults, fetch_from and the validate hook to every row (total computed from the rows)', async () => {
      const doc = await site.documents.get('Bulk Order', 'BO-00731');
      // row 731 is i = 730: Globex (730 % 3 = 1), WIDGET qty 730 % 5 + 1 = 1
      expect(doc).to.include({ customer: 'Globex', customer_group: 'Government', order_date: todayDate(), status: 'Draft', priority: 3, is_rush: 0, docstatus: 0, total_qty: 3, total: 25 });
      expect((doc.items as Doc[]).map((r) => [r.idx, r.item, r.qty, r.rate, r.amount, r.docstatus])).to.deep.equal([
        [1, 'WIDGET', 1, 10, 10, 0],
        [2, 'GADGET', 2, 7.5, 15, 0],
      ]);
      const totals = (await site.db.knex('tabBulk Order').sum({ total: 'total' }).first()) as { total: number };
      // sum over i of (qty_i * 10 + 15), qty cycling 1..5: 240 cycles of 150 + 1200 * 15
      expect(Number(totals.total)).to.equal(240 * 150 + 1200 * 15);
    });

    it('ran validate once per document and none of the post-write hooks', () => {
      expect(loadCalls).to.deep.equal({ validate: 1200 });
    });

    it('leaves the series where insert() continues it', async () => {
      expect((await site.documents.insert('Bulk Order', order(0))).name).to.equal('BO-01201');
    });
  });

  describe('hooks', () => {
    it('runs before_insert..validate..before_save (or before_submit) per row, never after_insert, on_update, on_submit or on_change', async () => {
      await bulk('Bulk Order', [order(1), order(2), order(3, { docstatus: 1 })]);
      expect(calls).to.deep.equal({ validate: 3, before_submit: 1 });
      await site.documents.insert('Bulk Order', order(4, { docstatus: 1 }));
      expect(calls).to.deep.equal({ validate: 4, before_submit: 2, after_insert: 1, on_update: 1, on_submit: 1, on_change: 1 });
    });

    it('an error thrown by validate names its row, and nothing of the call is written', async () => {
      const before = await snapshot();
      const error = await rejectsWith(bulk('Bulk Order', [order(1), order(2), order(3, { remarks: 'reject' })]), ValidationError);
      expect(error.errors).to.deep.equal([{ fieldname: 'remarks', message: 'not accepted', row: 3 }]);
      expect(error.message).to.match(/^Row 3: /);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('a controller autoname() that sets doc.name (and returns nothing) names the row, as in insert', async () => {
      expect(await bulk('Bulk Ticket', [{ code: 'a1' }, { code: 'b2' }])).to.deep.equal(['TCK-A1', 'TCK-B2']);
      expect((await site.documents.insert('Bulk Ticket', { code: 'c3' })).name).to.equal('TCK-C3');
    });
  });

  describe('links', () => {
    it('a missing link in row 731 rejects the whole call: errors[].row 731 and the field; nothing written, series untouched', async () => {
      const before = await snapshot();
      const progress: number[] = [];
      const rows = Array.from({ length: 1200 }, (_, i) => order(i));
      rows[730] = order(730, { customer: 'Nobody Ltd' });
      const error = await rejectsWith(bulk('Bulk Order', rows, { batchSize: 500, onProgress: (done) => progress.push(done) }), LinkValidationError);
      expect(error.errors).to.have.length(1);
      expect(error.errors[0]).to.include({ row: 731, fieldname: 'customer' });
      expect(error.errors[0]!.message).to.contain('Could not find customer: Nobody Ltd');
      expect(error.message).to.match(/^Row 731: /);
      // The first batch had been written (and reported) inside the transaction; it is rolled back with the rest.
      expect(progress).to.deep.equal([500]);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('a missing link in a child row names the row, the table, the child idx and the field', async () => {
      const rows = [order(0), order(1, { items: [{ item: 'WIDGET', qty: 1 }, { item: 'SPROCKET', qty: 1 }] })];
      const error = await rejectsWith(bulk('Bulk Order', rows), LinkValidationError);
      expect(error.errors).to.deep.equal([{ parentfield: 'items', idx: 2, fieldname: 'item', message: 'Could not find item: SPROCKET (row 2 of items)', row: 2 }]);
    });

    it('normalises link values to the target name, as insert does', async () => {
      const [name] = await bulk('Bulk Order', [order(0, { customer: 'acme', items: [{ item: 'widget', qty: 1 }] })]);
      const doc = await site.documents.get('Bulk Order', name!);
      expect([doc.customer, doc.customer_group, (doc.items as Doc[])[0]!.item, (doc.items as Doc[])[0]!.rate]).to.deep.equal(['Acme', 'Commercial', 'WIDGET', 10]);
    });

    it('a link to a document earlier in the same call is found (rows of one DocType linking to each other)', async () => {
      const names = await bulk('Bulk Employee', [{ employee_name: 'Ada' }, { employee_name: 'Brian', reports_to: 'Ada' }, { employee_name: 'Cleo', reports_to: 'brian' }], { batchSize: 10 });
      expect(names).to.deep.equal(['Ada', 'Brian', 'Cleo']);
      expect((await site.documents.get('Bulk Employee', 'Cleo')).reports_to).to.equal('Brian');
    });
  });

  describe('values', () => {
    it('a type error names its row, counted across batches, and its field', async () => {
      const before = await snapshot();
      const rows = Array.from({ length: 5 }, (_, i) => order(i));
      rows[4] = order(4, { priority: 'many', delivery: 'tomorrow' });
      const error = await rejectsWith(bulk('Bulk Order', rows, { batchSize: 2 }), ValidationError);
      expect(where(error.errors)).to.deep.equal(['delivery', 'priority']);
      expect(error.errors.map((e) => e.row)).to.deep.equal([5, 5]);
      expect(error.errors.find((e) => e.fieldname === 'priority')!.message).to.contain('"many"');

      rows[4] = order(4);
      rows[3] = order(3, { items: [{ item: 'WIDGET', qty: 'lots' }] });
      const child = await rejectsWith(bulk('Bulk Order', rows, { batchSize: 2 }), ValidationError);
      expect(child.errors).to.have.length(1);
      expect(child.errors[0]).to.include({ row: 4, parentfield: 'items', idx: 1, fieldname: 'qty' });
      expect(await snapshot()).to.deep.equal(before);
    });

    it('framework checks per row: mandatory, Select, Data options, non_negative', async () => {
      const mandatory = await rejectsWith(bulk('Bulk Order', [order(0), { items: [] }]), MandatoryError);
      expect(mandatory.errors).to.deep.equal([{ fieldname: 'customer', message: 'Value missing for Bulk Order: customer', row: 2 }]);
      const select = await rejectsWith(bulk('Bulk Order', [order(0, { status: 'Lost' })]), ValidationError);
      expect(select.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[1, 'status']]);
      const email = await rejectsWith(bulk('Bulk Order', [order(0), order(1), order(2, { contact_email: 'nobody' })]), DataError);
      expect(email.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[3, 'contact_email']]);
      const negative = await rejectsWith(bulk('Bulk Order', [order(0, { items: [{ item: 'WIDGET', qty: -2 }] })]), NonNegativeError);
      expect(negative.errors.map((e) => [e.row, e.parentfield, e.idx, e.fieldname])).to.deep.equal([[1, 'items', 1, 'qty']]);
    });

    it('stores what insert() stores for the same input (names and timestamps aside), draft and submitted', async () => {
      for (const docstatus of [0, 1]) {
        const input = () =>
          order(2, {
            customer: 'initech',
            contact_email: 'buyer@initech.example',
            discount: '12.5',
            is_rush: true,
            delivery: '2025-06-30 17:45',
            remarks: 'Leave at reception',
            status: 'Open',
            docstatus,
            name: 'IGNORED',
            items: [{ item: 'gadget', qty: '4' }, { item: 'WIDGET', qty: 1, rate: 12.25, name: 'client-row' }],
          });
        const inserted = await site.documents.insert('Bulk Order', input());
        const [bulkName] = await bulk('Bulk Order', [input()]);
        expect(bulkName).to.match(/^BO-\d{5}$/);
        const a = await site.documents.get('Bulk Order', inserted.name!);
        const b = await site.documents.get('Bulk Order', bulkName!);
        expect(comparable(b)).to.deep.equal(comparable(a));
        expect(b).to.include({ docstatus, customer: 'Initech', customer_group: 'Commercial', is_rush: 1, discount: 12.5, total_qty: 5, total: 4 * 99 + 12.25 });
        expect((b.items as Doc[]).map((r) => r.docstatus)).to.deep.equal([docstatus, docstatus]);
        // The child rows got their own names (a client-sent one is kept by insert, so it is taken here).
        expect((b.items as Doc[]).map((r) => r.name)).to.not.include('client-row');
      }
    });
  });

  describe('docstatus', () => {
    it('docstatus 1 submits rows of a submittable DocType (children too)', async () => {
      const names = await bulk('Bulk Order', [order(0, { docstatus: 1 }), order(1, { docstatus: 0 })]);
      const rows = (await site.db.knex('tabBulk Order').whereIn('name', names as string[]).orderBy('name').select('name', 'docstatus')) as { docstatus: number }[];
      expect(rows.map((r) => Number(r.docstatus))).to.deep.equal([1, 0]);
      const children = (await site.db.knex('tabBulk Order Item').where('parent', names[0] as string).select('docstatus')) as { docstatus: number }[];
      expect(children.map((r) => Number(r.docstatus))).to.deep.equal([1, 1]);
    });

    it('refuses docstatus 1 for a DocType that is not submittable, and docstatus 2 for any new document', async () => {
      const notSubmittable = await rejectsWith(bulk('Bulk Code', [{ code: 'S-1' }, { code: 'S-2', docstatus: 1 }]), ValidationError);
      expect(notSubmittable.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[2, 'docstatus']]);
      const cancelled = await rejectsWith(bulk('Bulk Order', [order(0, { docstatus: 2 })]), DocstatusTransitionError);
      expect(cancelled.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[1, 'docstatus']]);
      expect(await countRows(site, 'Bulk Code', { code: 'S-1' })).to.equal(0);
    });
  });

  describe('naming and uniqueness', () => {
    it('autoincrement: the database numbers the rows, consecutively, and insert() continues after them', async () => {
      const first = await site.documents.insert('Bulk Log', { message: 'before', level: 'Info' });
      expect(first.name).to.equal(1);
      const names = await bulk('Bulk Log', Array.from({ length: 5 }, (_, i) => ({ message: `line ${i}`, level: 'Warning' })), { batchSize: 2 });
      expect(names).to.deep.equal([2, 3, 4, 5, 6]);
      expect((await site.documents.get('Bulk Log', 4)).message).to.equal('line 2');
      expect((await site.documents.insert('Bulk Log', { message: 'after' })).name).to.equal(7);
    });

    it('a unique value already stored is refused with the row and the field', async () => {
      await site.documents.insert('Bulk Code', { code: 'U-1' });
      const error = await rejectsWith(bulk('Bulk Code', [{ code: 'U-2' }, { code: 'u-1' }]), UniqueValidationError);
      expect(error.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[2, 'code']]);
      expect(await countRows(site, 'Bulk Code', { code: 'U-2' })).to.equal(0);
    });

    it('two rows of the same call with one unique value: refused with the later row, not a database error', async () => {
      const error = await rejectsWith(bulk('Bulk Code', [{ code: 'U-3' }, { code: 'U-4' }, { code: 'U-3' }]), UniqueValidationError);
      expect(error.errors).to.have.length(1);
      expect(error.errors[0]).to.include({ row: 3, fieldname: 'code' });
      expect(error.errors[0]!.message).to.contain('row 1');
      expect(await countRows(site, 'Bulk Code', { code: 'U-3' })).to.equal(0);
    });

    it('a name already stored, or given twice in one call, is a DuplicateEntryError with its row', async () => {
      const stored = await rejectsWith(bulk('Bulk Customer', [{ customer_name: 'Umbrella' }, { customer_name: 'Acme' }]), DuplicateEntryError);
      expect(stored.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[2, 'name']]);
      const twice = await rejectsWith(bulk('Bulk Customer', [{ customer_name: 'Umbrella' }, { customer_name: 'Hooli' }, { customer_name: 'umbrella' }]), DuplicateEntryError);
      expect(twice.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[3, 'name']]);
      expect(await countRows(site, 'Bulk Customer')).to.equal(3);
    });

    it('rows on two series (naming_series per row) count each series on its own, across batches', async () => {
      const yy = todayDate().slice(2, 4);
      const rows = Array.from({ length: 7 }, (_, i) => (i % 2 ? { naming_series: 'SB-.YY.-', title: `b${i}` } : { title: `a${i}` }));
      const names = await bulk('Bulk Series', rows, { batchSize: 3 });
      expect(names).to.deep.equal(['SA-00001', `SB-${yy}-00001`, 'SA-00002', `SB-${yy}-00002`, 'SA-00003', `SB-${yy}-00003`, 'SA-00004']);
      expect([await currentSeriesValue(site.db.knex, 'SA-'), await currentSeriesValue(site.db.knex, `SB-${yy}-`)]).to.deep.equal([4, 3]);
      expect((await site.documents.insert('Bulk Series', { naming_series: 'SB-.YY.-' })).name).to.equal(`SB-${yy}-00004`);
    });

    it('a name sent by the client is ignored unless the DocType is named by Prompt, as in insert', async () => {
      const [name] = await bulk('Bulk Order', [order(0, { name: 'MY-OWN-NAME' })]);
      expect(name).to.match(/^BO-\d{5}$/);
    });
  });

  describe('trees', () => {
    it('a whole tree in one call, parents before children, across batches: correct lft/rgt', async () => {
      const names = await bulk(
        'Bulk Region',
        [
          { region_name: 'World', is_group: 1 },
          { region_name: 'Europe', is_group: 1, parent_bulk_region: 'World' },
          { region_name: 'Asia', is_group: 1, parent_bulk_region: 'World' },
          { region_name: 'France', parent_bulk_region: 'Europe' },
          { region_name: 'Japan', parent_bulk_region: 'asia' },
          { region_name: 'Germany', parent_bulk_region: 'Europe' },
          { region_name: 'Antarctica' },
        ],
        { batchSize: 3 },
      );
      expect(names).to.have.length(7);
      const rows = (await site.db.knex('tabBulk Region').orderBy('lft').select('name', 'lft', 'rgt', 'parent_bulk_region')) as Record<string, unknown>[];
      expect(rows.map((r) => [r.name, Number(r.lft), Number(r.rgt), r.parent_bulk_region ?? null])).to.deep.equal([
        ['World', 1, 12, null],
        ['Europe', 2, 7, 'World'],
        ['France', 3, 4, 'Europe'],
        ['Germany', 5, 6, 'Europe'],
        ['Asia', 8, 11, 'World'],
        ['Japan', 9, 10, 'Asia'],
        ['Antarctica', 13, 14, null],
      ]);
    });

    it('several roots in one batch each get their own place', async () => {
      await bulk('Bulk Region', [{ region_name: 'Moon' }, { region_name: 'Mars' }], { batchSize: 10 });
      const rows = (await site.db.knex('tabBulk Region').whereIn('name', ['Moon', 'Mars']).orderBy('lft').select('name', 'lft', 'rgt')) as Record<string, unknown>[];
      expect(rows.map((r) => [r.name, Number(r.lft), Number(r.rgt)])).to.deep.equal([
        ['Moon', 15, 16],
        ['Mars', 17, 18],
      ]);
    });

    it('a child under a node that is not a group is refused with its row; the tree is unchanged', async () => {
      const before = await site.db.knex('tabBulk Region').orderBy('name').select('name', 'lft', 'rgt');
      const error = await rejectsWith(bulk('Bulk Region', [{ region_name: 'Venus' }, { region_name: 'Paris', parent_bulk_region: 'France' }]), ValidationError);
      expect(error.errors.map((e) => [e.row, e.fieldname])).to.deep.equal([[2, 'parent_bulk_region']]);
      expect(await site.db.knex('tabBulk Region').orderBy('name').select('name', 'lft', 'rgt')).to.deep.equal(before);
    });
  });

  describe('permissions and options', () => {
    it('checks the create (and submit) permission of every row, as insert does', async () => {
      const policy: PermissionPolicy = {
        assert(_actor, meta, action, doc) {
          if (action === 'submit' || (action === 'create' && meta.name === 'Bulk Log'))
            throw new PermissionError(`No permission to ${action} ${meta.name}${doc?.name ? ` ${doc.name}` : ''}`);
        },
      };
      const clerk = site.documents.as({ user: 'clerk@example.com' }, policy);
      const before = await snapshot();
      const submit = await rejectsWith(clerk.bulkInsert('Bulk Order', [order(0), order(1, { docstatus: 1 })]), PermissionError);
      expect(submit.errors.map((e) => e.row)).to.deep.equal([2]);
      expect(submit.message).to.equal('Row 2: No permission to submit Bulk Order');
      await rejectsWith(clerk.bulkInsert('Bulk Log', [{ message: 'x' }]), PermissionError);
      expect(await snapshot()).to.deep.equal(before);
      const [name] = await clerk.bulkInsert('Bulk Order', [order(0)]);
      expect((await site.documents.get('Bulk Order', name!)).owner).to.equal('clerk@example.com');
    });

    it('an empty list writes nothing; a batch size below 1 is refused instead of looping', async () => {
      const before = await snapshot();
      expect(await bulk('Bulk Order', [])).to.deep.equal([]);
      for (const batchSize of [0, -1, 2.5]) {
        let caught: unknown;
        await bulk('Bulk Order', [order(0)], { batchSize }).catch((e: unknown) => (caught = e));
        expect(caught, String(batchSize)).to.be.instanceOf(RangeError);
      }
      expect(await snapshot()).to.deep.equal(before);
    });

    it('refuses a child table or a single as the DocType', async () => {
      await rejectsWith(bulk('Bulk Order Item', [{ item: 'WIDGET' }]), ValidationError);
    });

    it('child row names sent twice (in one document or across documents) do not collide', async () => {
      const rows = [
        order(0, { items: [{ item: 'WIDGET', name: 'dup-row' }, { item: 'GADGET', name: 'dup-row' }] }),
        order(1, { items: [{ item: 'WIDGET', name: 'dup-row' }] }),
      ];
      const names = await bulk('Bulk Order', rows);
      const children = (await site.db.knex('tabBulk Order Item').whereIn('parent', names as string[]).select('name')) as { name: string }[];
      expect(children).to.have.length(3);
      expect(new Set(children.map((c) => c.name)).size).to.equal(3);
      expect(children.map((c) => c.name)).to.include('dup-row');
    });
  });
});
