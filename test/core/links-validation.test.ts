/**
 * Link and Dynamic Link validation: targets must exist and not be cancelled; values are normalised to
 * the target's exact name; fetch_from fills fields from the target (fetch_if_empty only when empty).
 */
import { expect } from 'chai';
import { CancelledLinkError, LinkValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { countRows, rawRow, rejectsWith, where } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'LK Customer',
    autoname: 'field:customer_name',
    fields: [
      { fieldname: 'customer_name', fieldtype: 'Data', label: 'Customer Name', reqd: 1 },
      { fieldname: 'city', fieldtype: 'Data', label: 'City' },
      { fieldname: 'credit', fieldtype: 'Int', label: 'Credit' },
      { fieldname: 'since', fieldtype: 'Date', label: 'Since' },
    ],
  },
  { name: 'LK Contract', autoname: 'LKC-.###', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'LK Settings', issingle: 1, fields: [{ fieldname: 'company', fieldtype: 'Data' }] },
  {
    name: 'LK Order Line',
    istable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Link', label: 'Line Customer', options: 'LK Customer' },
      { fieldname: 'city', fieldtype: 'Data', label: 'City', fetch_from: 'customer.city' },
    ],
  },
  {
    name: 'LK Order',
    autoname: 'LKO-.#####',
    is_submittable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'LK Customer' },
      { fieldname: 'customer_city', fieldtype: 'Data', label: 'Customer City', fetch_from: 'customer.city' },
      { fieldname: 'credit', fieldtype: 'Int', label: 'Credit', fetch_from: 'customer.credit', fetch_if_empty: 1 },
      { fieldname: 'since', fieldtype: 'Date', label: 'Since', fetch_from: 'customer.since' },
      { fieldname: 'contract', fieldtype: 'Link', label: 'Contract', options: 'LK Contract' },
      { fieldname: 'ref_type', fieldtype: 'Link', label: 'Reference Type', options: 'DocType' },
      { fieldname: 'ref_name', fieldtype: 'Dynamic Link', label: 'Reference Name', options: 'ref_type' },
      { fieldname: 'settings', fieldtype: 'Link', label: 'Settings', options: 'LK Settings' },
      { fieldname: 'remarks', fieldtype: 'Data', label: 'Remarks', allow_on_submit: 1 },
      { fieldname: 'lines', fieldtype: 'Table', label: 'Lines', options: 'LK Order Line' },
    ],
  },
];

describe('links: validation, normalisation and fetch_from', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'links' });
    await site.documents.insert('LK Customer', { customer_name: 'ACME', city: 'Lyon', credit: 500, since: '2020-05-06' });
    await site.documents.insert('LK Customer', { customer_name: 'Globex', city: 'Oslo', credit: 0 });
  });
  after(() => site.destroy());

  const order = (values: Record<string, unknown>) => site.documents.insert('LK Order', values);

  it('refuses a value with no target: "Could not find <label>: <value>"', async () => {
    const before = await countRows(site, 'LK Order');
    const error = await rejectsWith(order({ customer: 'Initech' }), LinkValidationError);
    expect(error.message).to.contain('Could not find Customer: Initech');
    expect(where(error.errors)).to.deep.equal(['customer']);
    expect(await countRows(site, 'LK Order')).to.equal(before);
  });

  it('normalises the value to the target name on every database', async () => {
    const doc = await order({ customer: 'acme' });
    expect(doc.customer).to.equal('ACME');
    expect((await rawRow(site, 'LK Order', doc.name!)).customer).to.equal('ACME');
    const saved = await site.documents.save('LK Order', doc.name!, { customer: 'gLoBeX' });
    expect(saved.customer).to.equal('Globex');
  });

  it('get by a name in another case answers the stored document on every database', async () => {
    const doc = await site.documents.get('LK Customer', 'acme');
    expect(doc.name).to.equal('ACME');
    expect((await site.documents.save('LK Customer', 'globex', { credit: 1 })).name).to.equal('Globex');
    await site.documents.save('LK Customer', 'Globex', { credit: 0 });
  });

  it('reports every bad link, of the document and of its rows', async () => {
    const error = await rejectsWith(order({ customer: 'Nope', contract: 'LKC-999', lines: [{ customer: 'ACME' }, { customer: 'Ghost' }] }), LinkValidationError);
    expect(where(error.errors)).to.deep.equal(['contract', 'customer', 'lines/2/customer']);
    const row = error.errors.find((e) => e.idx === 2)!;
    expect(row.message).to.contain('Could not find Line Customer: Ghost');
  });

  describe('cancelled targets', () => {
    it('a draft or submitted target is fine, a cancelled one is a CancelledLinkError', async () => {
      const contract = await site.documents.insert('LK Contract', { title: 'c' });
      expect((await order({ contract: contract.name })).contract).to.equal(contract.name);
      await site.documents.submit('LK Contract', contract.name!);
      expect((await order({ contract: contract.name })).contract).to.equal(contract.name);
      await site.documents.cancel('LK Contract', contract.name!);
      const error = await rejectsWith(order({ contract: contract.name }), CancelledLinkError);
      expect(where(error.errors)).to.deep.equal(['contract']);
    });
  });

  describe('Dynamic Link', () => {
    it('points at a document of the DocType named by its options field, normalising both', async () => {
      const doc = await order({ ref_type: 'lk customer', ref_name: 'acme' });
      expect(doc).to.include({ ref_type: 'LK Customer', ref_name: 'ACME' });
    });
    it('refuses a DocType field value that is not a DocType', async () => {
      const error = await rejectsWith(order({ ref_type: 'Spaceship', ref_name: 'ACME' }), LinkValidationError);
      expect(where(error.errors)).to.include('ref_type');
    });
    it('refuses a target that does not exist, and a value with no DocType', async () => {
      const missing = await rejectsWith(order({ ref_type: 'LK Customer', ref_name: 'Hooli' }), LinkValidationError);
      expect(where(missing.errors)).to.deep.equal(['ref_name']);
      expect(missing.message).to.contain('Hooli');
      const untyped = await rejectsWith(order({ ref_name: 'ACME' }), LinkValidationError);
      expect(where(untyped.errors)).to.deep.equal(['ref_type']);
    });
    it('checks cancelled targets too', async () => {
      const contract = await site.documents.insert('LK Contract', { title: 'd', docstatus: 1 });
      await site.documents.cancel('LK Contract', contract.name!);
      await rejectsWith(order({ ref_type: 'LK Contract', ref_name: contract.name }), CancelledLinkError);
    });
  });

  describe('child rows', () => {
    it('are validated, normalised and fetched per row', async () => {
      const doc = await order({ lines: [{ customer: 'globex' }, { customer: 'ACME' }, {}] });
      const lines = doc.lines as Record<string, unknown>[];
      expect(lines.map((l) => [l.customer, l.city])).to.deep.equal([['Globex', 'Oslo'], ['ACME', 'Lyon'], [null, null]]);
    });
    it('name the row of a missing target after valid rows', async () => {
      await site.documents.insert('LK Customer', { customer_name: 'Temp' });
      const error = await rejectsWith(order({ lines: [{ customer: 'ACME' }, { customer: 'Temporary' }] }), LinkValidationError);
      expect(error.errors[0]).to.include({ parentfield: 'lines', idx: 2, fieldname: 'customer' });
    });
  });

  describe('fetch_from', () => {
    it('fills fields from the target, typed (numbers, dates)', async () => {
      const doc = await order({ customer: 'ACME', customer_city: 'typed by hand' });
      expect(doc).to.include({ customer_city: 'Lyon', credit: 500, since: '2020-05-06' });
    });
    it('fetch_if_empty keeps a value given, and fetches when empty', async () => {
      expect((await order({ customer: 'ACME', credit: 7 })).credit).to.equal(7);
      expect((await order({ customer: 'ACME', credit: 0 })).credit).to.equal(500);
    });
    it('fetches again on save of a draft after the target changed', async () => {
      const doc = await order({ customer: 'Globex' });
      await site.documents.save('LK Customer', 'Globex', { city: 'Bergen' });
      expect((await site.documents.save('LK Order', doc.name!, { remarks: 'x' })).customer_city).to.equal('Bergen');
      await site.documents.save('LK Customer', 'Globex', { city: 'Oslo' });
    });
    it('does not refetch into a submitted document: update after submit still works', async () => {
      const doc = await order({ customer: 'ACME', docstatus: 1 });
      await site.documents.save('LK Customer', 'ACME', { city: 'Paris' });
      const updated = await site.documents.save('LK Order', doc.name!, { remarks: 'late note' });
      expect(updated).to.include({ remarks: 'late note', customer_city: 'Lyon' });
      await site.documents.save('LK Customer', 'ACME', { city: 'Lyon' });
    });
  });

  describe('a Link to a Single DocType', () => {
    it('accepts the DocType name (normalised) and refuses anything else', async () => {
      expect((await order({ settings: 'LK Settings' })).settings).to.equal('LK Settings');
      expect((await order({ settings: 'lk settings' })).settings).to.equal('LK Settings');
      const error = await rejectsWith(order({ settings: 'Other Settings' }), LinkValidationError);
      expect(error.message).to.contain('Could not find Settings: Other Settings');
    });
  });
});
