/**
 * ERPNext's 508 DocType files (../shared/compat/erpnext, test data only) on a site running the core
 * app alone: they load without errors (what the engine does not implement is a warning naming file
 * and key), every DocType they link to outside the corpus comes from core, and one migrate creates
 * every table. One site per database run, shared by the specs: migrating ~500 tables is the slow part.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readConfig } from '../../core/config';
import { describeTable, listTables } from '../../core/db';
import { LinkValidationError } from '../../core/errors';
import { findDocTypeFiles, loadDocTypes, type DocTypeDef } from '../../core/meta';
import { doctypeSources } from '../../core/site';
import type { ApiClient, TestServer } from '../support/api';
import { CORPUS, corpusAvailable, corpusServer } from '../support/corpus';
import type { TestSite } from '../support/site';
import { rejectsWith } from '../support/reject';

const OUTSIDE = [
  'Currency', 'DocType', 'Address', 'User', 'Contact', 'Letter Head', 'Print Heading', 'Role', 'Auto Repeat', 'Country',
  'UTM Campaign', 'Language', 'UTM Source', 'UTM Medium', 'Email Account', 'Email Template', 'Salutation', 'Gender',
  'Print Format', 'Dynamic Link', 'Event', 'Assignment Rule User', 'Payment Gateway', 'Error Log',
];

(corpusAvailable ? describe : describe.skip)('ERPNext corpus on a core-only site', function () {
  this.timeout(900_000);
  let site: TestSite;
  const files = corpusAvailable ? findDocTypeFiles(CORPUS) : [];
  const defs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as DocTypeDef);
  const config = { ...readConfig({ TABULA_APPS: 'core' }), doctypePaths: [CORPUS] };

  let server: TestServer;
  let api: ApiClient;

  before(async () => {
    server = await corpusServer();
    site = server.site;
    api = await server.tokenClient('Administrator');
  });

  it('loads all 508 files with no errors', () => {
    expect(files).to.have.length(508);
    const started = Date.now();
    const { registry, errors } = loadDocTypes(doctypeSources(config));
    console.log(`      (load alone: ${Date.now() - started} ms)`);
    expect(errors).to.deep.equal([]);
    for (const def of defs) expect(registry.get(def.name).app, def.name).to.equal('paths');
  });

  it('takes every DocType the corpus links to from core', () => {
    const names = new Set(defs.map((d) => d.name));
    const targets = new Set<string>();
    for (const def of defs)
      for (const f of def.fields) if (['Link', 'Table', 'Table MultiSelect'].includes(f.fieldtype) && f.options && !names.has(f.options)) targets.add(f.options);
    expect([...targets]).to.have.members(OUTSIDE);
    for (const target of OUTSIDE) expect(site.registry.get(target).app, target).to.equal('core');
  });

  it('lists what it does not implement as warnings naming file and key', () => {
    const { warnings } = loadDocTypes(doctypeSources(config));
    for (const w of warnings) {
      expect(w.file, w.message).to.contain('compat/erpnext/');
      expect(w.field, w.message).to.be.a('string').and.not.equal('');
    }
    const tracked = defs.filter((d) => d.track_changes).map((d) => d.name);
    const warned = warnings.filter((w) => w.field === 'track_changes').map((w) => w.doctype);
    expect(warned).to.have.members(tracked);
    const virtualFields = defs.flatMap((d) => d.fields.filter((f) => f.is_virtual).map(() => d.name));
    expect(warnings.filter((w) => /^fields\[\d+\]\.is_virtual$/.test(w.field ?? '')).map((w) => w.doctype)).to.have.members(virtualFields);
  });

  it('creates a table with every column for each stored DocType', async () => {
    const tables = await listTables(site.db);
    const stored = site.registry.all().filter((m) => !m.issingle && !m.isVirtual);
    for (const meta of stored) expect(tables.has(meta.tableName), meta.name).to.equal(true);
    for (const name of ['Sales Order', 'Sales Order Item', 'Customer', 'Item']) {
      const meta = site.registry.get(name);
      const columns = (await describeTable(site.db, meta.tableName)).columns;
      for (const field of meta.fields.filter((f) => f.hasColumn)) expect(columns.has(field.fieldname), `${name}.${field.fieldname}`).to.equal(true);
    }
    // DocType itself is stored: its rows mirror the loaded files.
    expect(await site.db.knex('tabDocType').count({ n: '*' }).first()).to.deep.include({ n: site.registry.size });
  });

  it('installs the core default records', async () => {
    const eur = await site.documents.get('Currency', 'EUR');
    expect([eur.symbol, eur.fraction, eur.fraction_units, eur.enabled]).to.deep.equal(['€', 'Cent', 100, 1]);
    expect((await site.documents.get('Currency', 'KWD')).fraction_units).to.equal(1000);
    const rtl = await site.db.knex('tabLanguage').where('direction', 'RTL').pluck('name');
    expect(rtl).to.include.members(['ar', 'fa', 'he']);
    expect(await site.documents.exists('Country', 'Germany')).to.equal(true);
    expect(await site.documents.exists('Salutation', 'Dr')).to.equal(true);
    expect(await site.documents.exists('Gender', 'Female')).to.equal(true);
  });

  it('a Link to DocType accepts the loaded DocTypes, in their own case, and nothing else', async () => {
    const log = await site.documents.insert('Error Log', { method: 'test', reference_doctype: 'sales order', reference_name: 'SO-1' });
    expect(log.reference_doctype).to.equal('Sales Order');
    await rejectsWith(site.documents.insert('Error Log', { method: 'test', reference_doctype: 'Sales Orders' }), LinkValidationError);
  });

  it('refuses the CRM app beside the corpus, naming both files of each clash', () => {
    const both = { ...readConfig({ TABULA_APPS: 'core,crm' }), doctypePaths: [CORPUS] };
    const { errors } = loadDocTypes(doctypeSources(both));
    const customer = errors.find((e) => e.doctype === 'Customer' && /defined twice/.test(e.message));
    expect(customer, 'Customer clash').to.not.equal(undefined);
    expect(`${customer!.file} ${customer!.message}`).to.contain('doctypes/customer/customer.json').and.contain('selling/customer/customer.json');
  });

  describe('documents through the REST API', () => {
    const R = '/api/resource';
    const url = (doctype: string, name?: string) => `${R}/${encodeURIComponent(doctype)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
    const create = async (doctype: string, doc: Record<string, unknown>) => {
      const answer = await api.post(url(doctype), doc);
      expect(answer.status, `${doctype}: ${JSON.stringify(answer.body)}`).to.equal(200);
      return answer.body.data as Record<string, any>;
    };

    it('Territory and Customer Group: trees created, read, listed, updated and deleted', async () => {
      await create('Territory', { territory_name: 'All Territories', is_group: 1 });
      const europe = await create('Territory', { territory_name: 'Europe', parent_territory: 'All Territories', is_group: 1 });
      const de = await create('Territory', { territory_name: 'DACH', parent_territory: 'europe' });
      expect(de.parent_territory).to.equal('Europe'); // normalised to the stored name
      expect(de.lft).to.be.greaterThan(europe.lft);
      const missing = await api.post(url('Territory'), { territory_name: 'Mars', parent_territory: 'Space' });
      expect([missing.status, missing.body.exc_type]).to.deep.equal([417, 'LinkValidationError']);
      expect(missing.body.errors[0].fieldname).to.equal('parent_territory');
      const list = await api.get(url('Territory'), { fields: ['name', 'parent_territory'], filters: [['name', 'descendants of', 'All Territories']], limit: 0 });
      expect(list.body.data.map((r: { name: string }) => r.name)).to.have.members(['Europe', 'DACH']);
      const renamed = await api.put(url('Territory', 'DACH'), { territory_manager: null, is_group: 0 });
      expect(renamed.status).to.equal(200);
      const blocked = await api.delete(url('Territory', 'Europe'));
      expect(blocked.status).to.not.equal(202); // it still has a child
      expect((await api.delete(url('Territory', 'DACH'))).status).to.equal(202);
      expect((await api.get(url('Territory', 'DACH'))).status).to.equal(404);

      await create('Customer Group', { customer_group_name: 'All Customer Groups', is_group: 1 });
      const retail = await create('Customer Group', { customer_group_name: 'Retail', parent_customer_group: 'All Customer Groups' });
      expect((await api.get(url('Customer Group', 'Retail'))).body.data.parent_customer_group).to.equal('All Customer Groups');
      const updated = await api.put(url('Customer Group', 'Retail'), { default_price_list: null, modified: retail.modified });
      expect(updated.status).to.equal(200);
    });

    it('Customer: named by its series, Select and Link checked, updated and deleted', async () => {
      const customer = await create('Customer', { customer_name: 'Acme GmbH', customer_type: 'Company', customer_group: 'Retail', territory: 'Europe', default_currency: 'eur', language: 'de' });
      expect(customer.name).to.match(/^CUST-/);
      expect(customer.default_currency).to.equal('EUR');
      const badType = await api.post(url('Customer'), { customer_name: 'X', customer_type: 'Robot' });
      expect([badType.status, badType.body.errors[0].fieldname]).to.deep.equal([417, 'customer_type']);
      const noName = await api.post(url('Customer'), { customer_type: 'Company' });
      expect([noName.status, noName.body.exc_type]).to.deep.equal([417, 'MandatoryError']);
      const badCurrency = await api.post(url('Customer'), { customer_name: 'Y', customer_type: 'Company', default_currency: 'XXX' });
      expect([badCurrency.status, badCurrency.body.errors[0].fieldname]).to.deep.equal([417, 'default_currency']);
      const put = await api.put(url('Customer', customer.name), { customer_details: 'Key account' });
      expect(put.body.data.customer_details).to.equal('Key account');
      const listed = await api.get(url('Customer'), { fields: ['name', 'customer_name', 'territory'], filters: { customer_group: 'Retail' } });
      expect(listed.body.data).to.deep.equal([{ name: customer.name, customer_name: 'Acme GmbH', territory: 'Europe' }]);
      const extra = await create('Customer', { customer_name: 'Short-lived', customer_type: 'Individual' });
      expect((await api.delete(url('Customer', extra.name))).status).to.equal(202);
    });

    it('Item and a Sales Order with item rows: created, read, listed, updated and deleted', async () => {
      await create('Item Group', { item_group_name: 'All Item Groups', is_group: 1 });
      await create('Item Group', { item_group_name: 'Products', parent_item_group: 'All Item Groups' });
      await create('UOM', { uom_name: 'Nos', must_be_whole_number: 1 });
      const item = await create('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 12.5 });
      expect(item.name).to.equal('WIDGET');
      const noUom = await api.post(url('Item'), { item_code: 'GADGET', item_group: 'Products' });
      expect([noUom.status, noUom.body.exc_type]).to.deep.equal([417, 'MandatoryError']);
      await create('Company', { company_name: 'Tabula Test GmbH', abbr: 'TT', default_currency: 'EUR', country: 'Germany' });
      await create('Price List', { price_list_name: 'Standard Selling', currency: 'EUR', selling: 1 });
      const customer = (await api.get(url('Customer'), { filters: { customer_name: 'Acme GmbH' } })).body.data[0].name;

      const order = {
        customer, company: 'Tabula Test GmbH', transaction_date: '2026-03-02', delivery_date: '2026-03-20', order_type: 'Sales',
        currency: 'EUR', conversion_rate: 1, selling_price_list: 'Standard Selling', price_list_currency: 'EUR', plc_conversion_rate: 1,
        items: [
          { item_code: 'WIDGET', item_name: 'Widget', qty: 4, uom: 'Nos', conversion_factor: 1, rate: 12.5, amount: 50, delivery_date: '2026-03-20' },
          { item_code: 'widget', item_name: 'Widget', qty: 1, uom: 'Nos', conversion_factor: 1, rate: 10, amount: 10, delivery_date: '2026-03-20' },
        ],
      };
      const so = await create('Sales Order', order);
      expect(so.name).to.match(/^SAL-ORD-2026-\d+$/);
      expect(so.items.map((r: { item_code: string; idx: number }) => [r.item_code, r.idx])).to.deep.equal([['WIDGET', 1], ['WIDGET', 2]]);
      const badRow = await api.post(url('Sales Order'), { ...order, items: [{ ...order.items[0], item_code: 'NOPE' }] });
      expect(badRow.status).to.equal(417);
      expect(badRow.body.errors[0]).to.include({ fieldname: 'item_code', idx: 1 });
      const noItems = await api.post(url('Sales Order'), { ...order, items: [] });
      expect([noItems.status, noItems.body.exc_type]).to.deep.equal([417, 'MandatoryError']);

      const read = await api.get(url('Sales Order', so.name));
      expect(read.body.data.items).to.have.length(2);
      const rows = await api.get(url('Sales Order'), { fields: ['name', 'customer', 'items.item_code', 'items.qty'], filters: [['Sales Order Item', 'item_code', '=', 'WIDGET']], order_by: 'name asc', limit: 0 });
      expect(rows.body.data.map((r: { qty: number }) => r.qty)).to.have.members([4, 1]);
      const put = await api.put(url('Sales Order', so.name), { items: [{ ...read.body.data.items[0], qty: 6, amount: 75 }], modified: read.body.data.modified });
      expect(put.status).to.equal(200);
      expect(put.body.data.items.map((r: { qty: number }) => r.qty)).to.deep.equal([6]);
      const stale = await api.put(url('Sales Order', so.name), { po_no: 'late', modified: read.body.data.modified });
      expect(stale.body.exc_type).to.equal('TimestampMismatchError');
      expect((await api.delete(url('Customer', customer))).body.exc_type).to.equal('LinkExistsError');
      expect((await api.delete(url('Sales Order', so.name))).status).to.equal(202);
      expect(await site.db.knex('tabSales Order Item').where('parent', so.name).count({ n: '*' }).first()).to.deep.include({ n: 0 });
    });
  });
});
