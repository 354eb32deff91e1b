/**
 * What the desk's shell and list view ask the server for, over real HTTP on the CRM app: the boot's
 * runnable reports and language, the filter operators in the meta, global search across DocTypes,
 * and bulk delete / submit / cancel that reports each row's failure without stopping the rest.
 */
import { expect } from 'chai';
import { startTestServer, TEST_PASSWORD, type ApiClient, type TestServer } from '../support/api';
import { expectError, ok } from '../fixtures/api/support';

const method = (name: string) => `/api/method/${name}`;
const TODAY = new Date().toISOString().slice(0, 10);

describe('api: desk shell and list view methods', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: ApiClient;
  let seller: ApiClient;
  let nobody: ApiClient;
  const customers: string[] = [];

  const order = async (customer: string) =>
    String((await server.site.documents.insert('Sales Order', { customer, company: 'Tabula Demo Ltd', delivery_date: TODAY, items: [{ item_code: 'DESK-1', qty: 1, rate: 10 }] })).name);

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'api_desk' });
    const docs = server.site.documents;
    await docs.insert('Item', { item_code: 'DESK-1', item_name: 'Desk Lamp', item_group: 'Products', standard_rate: 10 });
    for (const customer_name of ['Zephyr Traders', 'Zephyr Logistics', 'Quokka Farms'])
      customers.push(String((await docs.insert('Customer', { customer_name, customer_type: 'Company', customer_group: 'Commercial', territory: 'Germany' })).name));
    admin = await server.login('Administrator', TEST_PASSWORD);
    await server.createUser('seller@example.com', ['Sales User']);
    await server.site.documents.save('User', 'seller@example.com', { language: 'fa' });
    seller = await server.login('seller@example.com', TEST_PASSWORD);
    await server.createUser('nobody@example.com', []);
    nobody = await server.login('nobody@example.com', TEST_PASSWORD);
  });
  after(() => server.close());

  describe('tabula.desk.boot', () => {
    it('lists the reports the user may run with their DocType and module, as the report API decides', async () => {
      const boot = ok(await seller.get(method('tabula.desk.boot'))).message;
      const inactive = boot.reports.find((r: { name: string }) => r.name === 'Inactive Customers');
      expect(inactive).to.deep.equal({ name: 'Inactive Customers', ref_doctype: 'Sales Order', module: 'CRM' });
      for (const report of boot.reports) ok(await seller.get(method('frappe.desk.query_report.get_script'), { report_name: report.name }));
      const none = ok(await nobody.get(method('tabula.desk.boot'))).message;
      expect(none.reports).to.deep.equal([]);
      expectError(await nobody.get(method('frappe.desk.query_report.get_script'), { report_name: 'Inactive Customers' }), 403, 'PermissionError');
    });

    it("carries the user's language, English when none is set", async () => {
      expect(ok(await seller.get(method('tabula.desk.boot'))).message.lang).to.equal('fa');
      expect(ok(await admin.get(method('tabula.desk.boot'))).message.lang).to.equal('en');
    });
  });

  describe('tabula.desk.meta list settings', () => {
    it('names the filter operators each field takes, tree operators on Links into a tree', async () => {
      const customer = ok(await seller.get(method('tabula.desk.meta'), { doctype: 'Customer' })).message.list_settings;
      expect(customer.filter_operators.customer_name).to.include.members(['=', 'like', 'not like']);
      expect(customer.filter_operators.customer_group).to.include('descendants of (inclusive)');
      expect(customer.filter_operators.disabled).to.deep.equal(['=', '!=', 'in', 'not in']);
      expect(customer.filter_operators.modified).to.include.members(['>', 'between', 'timespan']);
      expect(customer.filter_operators).to.not.have.property('sales_team');
      expect(customer.timespans).to.include('this month');
      expect(customer.intervals).to.include('1 week');
    });
  });

  describe('tabula.desk.search', () => {
    it('finds documents of every readable DocType by title, each hit naming its DocType', async () => {
      const hits = ok(await seller.get(method('tabula.desk.search'), { txt: 'zephyr' })).message as { doctype: string; value: string; label?: string }[];
      expect(hits.filter((h) => h.doctype === 'Customer').map((h) => h.label).sort()).to.deep.equal(['Zephyr Logistics', 'Zephyr Traders']);
      expect(ok(await seller.get(method('tabula.desk.search'), { txt: 'Desk Lamp' })).message.map((h: { doctype: string; value: string }) => `${h.doctype}:${h.value}`)).to.include('Item:DESK-1');
      expect(ok(await seller.get(method('tabula.desk.search'), { txt: '' })).message).to.deep.equal([]);
    });

    it('search_link on DocType answers the loaded DocTypes, exact and prefix matches first', async () => {
      const options = ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: 'DocType', txt: 'sales order' })).message as { value: string }[];
      expect(options[0].value).to.equal('Sales Order');
      expect(options.map((o) => o.value)).to.include('Sales Order Item');
      expect(ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: 'DocType', txt: 'no such thing' })).message).to.deep.equal([]);
    });

    it('searches nothing the user cannot read', async () => {
      expect(ok(await nobody.get(method('tabula.desk.search'), { txt: 'zephyr' })).message).to.deep.equal([]);
    });
  });

  describe('tabula.desk.bulk_action', () => {
    it('deletes what it can and names each refusal: a linked customer stays', async () => {
      const [linked, free] = [customers[0]!, customers[2]!];
      await order(linked);
      const answer = ok(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Customer', action: 'delete', names: [linked, free] })).message;
      expect(answer.done).to.deep.equal([free]);
      expect(answer.failed).to.have.length(1);
      expect(answer.failed[0]).to.include({ name: linked, exc_type: 'LinkExistsError' });
      expect(answer.failed[0].message).to.contain('Sales Order');
      expect(await server.site.documents.exists('Customer', free)).to.equal(false);
      expect(await server.site.documents.exists('Customer', linked)).to.equal(true);
    });

    it('submits and cancels drafts; a second submit of the same order fails for that row only', async () => {
      const first = await order(customers[1]!);
      const second = await order(customers[1]!);
      let answer = ok(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Sales Order', action: 'submit', names: JSON.stringify([first]) })).message;
      expect(answer).to.deep.equal({ done: [first], failed: [] });
      answer = ok(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Sales Order', action: 'submit', names: [first, second] })).message;
      expect(answer.done).to.deep.equal([second]);
      expect(answer.failed.map((f: { name: string }) => f.name)).to.deep.equal([first]);
      answer = ok(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Sales Order', action: 'cancel', names: [first, second] })).message;
      expect(answer).to.deep.equal({ done: [first, second], failed: [] });
      expect((await server.site.documents.get('Sales Order', second)).docstatus).to.equal(2);
    });

    it("refuses a user's rows they have no right to act on, one by one", async () => {
      const answer = ok(await seller.post(method('tabula.desk.bulk_action'), { doctype: 'Customer', action: 'delete', names: [customers[1]!] })).message;
      expect(answer.done).to.deep.equal([]);
      expect(answer.failed[0]).to.include({ name: customers[1], exc_type: 'PermissionError' });
    });

    it('refuses an unknown action, an empty list and GET', async () => {
      expectError(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Customer', action: 'archive', names: [customers[1]!] }), 417, 'ValidationError');
      expectError(await admin.post(method('tabula.desk.bulk_action'), { doctype: 'Customer', action: 'delete', names: [] }), 417, 'ValidationError');
      expectError(await admin.get(method('tabula.desk.bulk_action'), { doctype: 'Customer', action: 'delete', names: [customers[1]!] }), 403, 'PermissionError');
      expect(await server.site.documents.exists('Customer', customers[1]!)).to.equal(true);
    });
  });
});
