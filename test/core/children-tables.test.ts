/**
 * Child tables: written with the parent in one transaction, numbered from idx 1, replaced as a whole
 * on save (names kept for rows sent again), with parent/parentfield/parenttype/docstatus set.
 */
import { expect } from 'chai';
import type { Doc } from '../../core/document';
import { MandatoryError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { countRows, rejectsWith } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'CT Item',
    istable: 1,
    fields: [
      { fieldname: 'item_code', fieldtype: 'Data', label: 'Item Code', reqd: 1 },
      { fieldname: 'qty', fieldtype: 'Int', label: 'Qty' },
      { fieldname: 'extra', fieldtype: 'JSON', label: 'Extra' },
    ],
  },
  { name: 'CT Tax', istable: 1, fields: [{ fieldname: 'tax', fieldtype: 'Data' }, { fieldname: 'amount', fieldtype: 'Float' }] },
  {
    name: 'CT Invoice',
    autoname: 'CTI-.#####',
    is_submittable: 1,
    fields: [
      { fieldname: 'title', fieldtype: 'Data' },
      { fieldname: 'items', fieldtype: 'Table', options: 'CT Item' },
      { fieldname: 'taxes', fieldtype: 'Table', options: 'CT Tax' },
    ],
  },
];

const rows = (doc: Doc, field = 'items') => doc[field] as Doc[];

describe('child tables', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({
      doctypes: DOCTYPES,
      label: 'children',
      controllers: {
        'CT Invoice': {
          on_update(doc) {
            if (doc.title === 'explode') throw new Error('boom after the rows were written');
          },
        },
      },
    });
  });
  after(() => site.destroy());

  const invoice = (values: Record<string, unknown>) => site.documents.insert('CT Invoice', values);
  const rawItems = (parent: unknown) => site.db.knex('tabCT Item').where({ parent: String(parent) }).orderBy('idx').select();

  it('sets idx from 1, parent, parentfield, parenttype, doctype and docstatus on every row', async () => {
    const doc = await invoice({ items: [{ item_code: 'A' }, { item_code: 'B' }, { item_code: 'C' }], taxes: [{ tax: 'VAT', amount: 2 }] });
    expect(rows(doc).map((r) => [r.idx, r.item_code])).to.deep.equal([[1, 'A'], [2, 'B'], [3, 'C']]);
    for (const row of [...rows(doc), ...rows(doc, 'taxes')])
      expect(row).to.include({ parent: doc.name, parenttype: 'CT Invoice', docstatus: 0 });
    expect(rows(doc)[0]).to.include({ doctype: 'CT Item', parentfield: 'items' });
    expect(rows(doc, 'taxes')[0]).to.include({ doctype: 'CT Tax', parentfield: 'taxes', idx: 1 });
    const raw = await rawItems(doc.name);
    expect(raw.map((r: Doc) => [Number(r.idx), r.parentfield, r.parenttype, Number(r.docstatus)])).to.deep.equal([
      [1, 'items', 'CT Invoice', 0], [2, 'items', 'CT Invoice', 0], [3, 'items', 'CT Invoice', 0],
    ]);
  });

  it('a bad child row writes nothing: no parent row, no child rows', async () => {
    const [parents, items, taxes] = [await countRows(site, 'CT Invoice'), await countRows(site, 'CT Item'), await countRows(site, 'CT Tax')];
    const error = await rejectsWith(invoice({ title: 'bad', items: [{ item_code: 'A' }, { item_code: 'B' }, { qty: 3 }], taxes: [{ tax: 'VAT' }] }), MandatoryError);
    expect(error.errors[0]).to.include({ parentfield: 'items', idx: 3, fieldname: 'item_code' });
    expect([await countRows(site, 'CT Invoice'), await countRows(site, 'CT Item'), await countRows(site, 'CT Tax')]).to.deep.equal([parents, items, taxes]);
  });

  it('a failure after the rows were written rolls back the parent and the rows', async () => {
    const [parents, items] = [await countRows(site, 'CT Invoice'), await countRows(site, 'CT Item')];
    let caught: unknown;
    await invoice({ title: 'explode', items: [{ item_code: 'A' }, { item_code: 'B' }] }).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.contain('boom');
    expect([await countRows(site, 'CT Invoice'), await countRows(site, 'CT Item')]).to.deep.equal([parents, items]);
  });

  it('a failed save keeps the stored rows', async () => {
    const doc = await invoice({ items: [{ item_code: 'A' }, { item_code: 'B' }] });
    await site.documents.save('CT Invoice', doc.name!, { title: 'explode', items: [{ item_code: 'Z' }] }).catch(() => undefined);
    const raw = await rawItems(doc.name);
    expect(raw.map((r: Doc) => [r.name, r.item_code])).to.deep.equal(rows(doc).map((r) => [r.name, r.item_code]));
  });

  describe('save replaces the table', () => {
    it('deletes rows left out, keeps names of rows sent again, numbers them in the order sent', async () => {
      const doc = await invoice({ items: [{ item_code: 'A' }, { item_code: 'B' }, { item_code: 'C' }] });
      const [a, b, c] = rows(doc);
      const saved = await site.documents.save('CT Invoice', doc.name!, { items: [{ ...c, qty: 9 }, { name: a!.name, item_code: 'A2' }, { item_code: 'D' }] });
      expect(rows(saved).map((r) => [r.idx, r.item_code, r.qty])).to.deep.equal([[1, 'C', 9], [2, 'A2', 0], [3, 'D', 0]]);
      expect(rows(saved)[0]!.name).to.equal(c!.name);
      expect(rows(saved)[1]!.name).to.equal(a!.name);
      expect([a!.name, b!.name, c!.name]).to.not.include(rows(saved)[2]!.name);
      const raw = await rawItems(doc.name);
      expect(raw.map((r: Doc) => r.name)).to.deep.equal(rows(saved).map((r) => r.name));
      expect(await countRows(site, 'CT Item', { name: b!.name })).to.equal(0);
    });
    it('keeps the rows when the table is not sent, and empties it when [] is sent', async () => {
      const doc = await invoice({ items: [{ item_code: 'A' }, { item_code: 'B' }], taxes: [{ tax: 'VAT' }] });
      const kept = await site.documents.save('CT Invoice', doc.name!, { title: 'no tables sent' });
      expect(rows(kept).map((r) => r.name)).to.deep.equal(rows(doc).map((r) => r.name));
      const emptied = await site.documents.save('CT Invoice', doc.name!, { items: [] });
      expect(emptied.items).to.deep.equal([]);
      expect(await countRows(site, 'CT Item', { parent: doc.name })).to.equal(0);
      expect(await countRows(site, 'CT Tax', { parent: doc.name })).to.equal(1);
    });
    it('leaves the rows of other documents alone', async () => {
      const other = await invoice({ items: [{ item_code: 'X' }] });
      const doc = await invoice({ items: [{ item_code: 'A' }] });
      await site.documents.save('CT Invoice', doc.name!, { items: [{ item_code: 'B' }] });
      await site.documents.delete('CT Invoice', doc.name!);
      expect((await rawItems(other.name)).map((r: Doc) => r.item_code)).to.deep.equal(['X']);
      expect(await countRows(site, 'CT Item', { parent: doc.name })).to.equal(0);
    });
    it('a row sent again keeps its creation and owner, a new row takes the parent creation', async () => {
      const doc = await invoice({ items: [{ item_code: 'A' }] });
      const [a] = rows(doc);
      const guest = site.documents.as({ user: 'Guest' });
      const saved = await guest.save('CT Invoice', doc.name!, { items: [{ name: a!.name, item_code: 'A', creation: '2001-01-01 00:00:00', owner: 'Guest' }, { item_code: 'N', owner: 'Guest' }] });
      const [again, added] = rows(saved);
      expect(again).to.include({ creation: a!.creation, owner: 'Administrator', modified_by: 'Guest' });
      expect(added).to.include({ creation: doc.creation, owner: 'Administrator' });
    });
    it('a row name taken by another document, or sent twice, gets a new name instead of failing', async () => {
      const other = await invoice({ items: [{ item_code: 'X' }] });
      const taken = rows(other)[0]!.name;
      const doc = await invoice({ items: [{ name: taken, item_code: 'copied' }] });
      expect(rows(doc)[0]!.name).to.not.equal(taken);
      const saved = await site.documents.save('CT Invoice', doc.name!, { items: [{ name: taken, item_code: 'B' }, { ...rows(doc)[0], item_code: 'C' }, { ...rows(doc)[0], item_code: 'D' }] });
      const names = rows(saved).map((r) => r.name);
      expect(new Set(names).size).to.equal(3);
      expect(names).to.not.include(taken);
      expect((await rawItems(other.name)).map((r: Doc) => [r.name, r.item_code])).to.deep.equal([[taken, 'X']]);
    });
  });

  it('child docstatus follows the parent through submit and cancel', async () => {
    const doc = await invoice({ items: [{ item_code: 'A' }], taxes: [{ tax: 'VAT' }] });
    await site.documents.submit('CT Invoice', doc.name!);
    expect((await rawItems(doc.name)).map((r: Doc) => Number(r.docstatus))).to.deep.equal([1]);
    const cancelled = await site.documents.cancel('CT Invoice', doc.name!);
    expect(rows(cancelled, 'taxes')[0]!.docstatus).to.equal(2);
    expect((await rawItems(doc.name)).map((r: Doc) => Number(r.docstatus))).to.deep.equal([2]);
  });

  it('child names are unique and sort in creation order, within and across documents', async () => {
    const first = await invoice({ items: Array.from({ length: 60 }, (_, i) => ({ item_code: `I${i}` })) });
    const second = await invoice({ items: [{ item_code: 'later' }] });
    const names = rows(first).map((r) => String(r.name));
    expect(new Set(names).size).to.equal(60);
    expect([...names].sort()).to.deep.equal(names);
    expect(String(rows(second)[0]!.name) > names[59]!).to.equal(true);
    const byName = await site.db.knex('tabCT Item').whereIn('parent', [String(first.name), String(second.name)]).orderBy('name').select('item_code');
    expect(byName.map((r: Doc) => r.item_code)).to.deep.equal([...names.map((_, i) => `I${i}`), 'later']);
  });

  it('rows come back ordered by idx, with their values typed', async () => {
    const doc = await invoice({ items: [{ item_code: 'A', qty: '2', extra: { colour: 'red' } }, { item_code: 'B', extra: '[1,2]' }] });
    const fetched = await site.documents.get('CT Invoice', doc.name!);
    expect(rows(fetched).map((r) => [r.idx, r.qty, r.extra])).to.deep.equal([[1, 2, { colour: 'red' }], [2, 0, [1, 2]]]);
  });

  it('deleting the parent deletes its rows', async () => {
    const doc = await invoice({ items: [{ item_code: 'A' }, { item_code: 'B' }], taxes: [{ tax: 'VAT' }] });
    await site.documents.delete('CT Invoice', doc.name!);
    expect(await countRows(site, 'CT Item', { parent: doc.name })).to.equal(0);
    expect(await countRows(site, 'CT Tax', { parent: doc.name })).to.equal(0);
  });
});
