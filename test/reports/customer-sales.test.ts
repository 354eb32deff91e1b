/**
 * Customer Sales (reports/customer_sales) through frappe.desk.query_report.run, against rows computed
 * by hand from a small fixture in March 2026 (fixed dates, nothing depends on today): the detail view
 * and the three grouped views, period ends included, drafts, cancelled documents, returns and
 * quotations to leads ignored, every filter (customers, item, item group subtree, territory and
 * customer group subtrees, line amount bounds), a user restricted to one territory, bad filters.
 */
import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { errorFields, ok } from '../fixtures/api/support';

const RUN = '/api/method/frappe.desk.query_report.run';
const REPORT = 'Customer Sales';
const COMPANY = 'Tabula Demo Ltd';
const MARCH = { from_date: '2026-03-01', to_date: '2026-03-31' };

type Row = Record<string, unknown>;
type Line = { item_code: string; qty: number; rate?: number; price_list_rate?: number; discount_percentage?: number };

describe('report: Customer Sales', () => {
  let server: TestServer;
  let admin: ApiClient;
  let germanyUser: ApiClient;
  const c: Record<string, string> = {};
  const so: Record<string, string> = {};
  const docs: Record<string, string> = {};

  async function document(doctype: string, values: Row, items: Line[], state: 'draft' | 'submitted' | 'cancelled' = 'submitted'): Promise<string> {
    const store = server.site.documents;
    const doc = await store.insert(doctype, { company: COMPANY, ...values, items });
    if (state !== 'draft') await store.submit(doctype, String(doc.name));
    if (state === 'cancelled') await store.cancel(doctype, String(doc.name));
    return String(doc.name);
  }
  const order = (key: string, customer: string, date: string, items: Line[], state?: 'draft' | 'submitted' | 'cancelled') =>
    document('Sales Order', { customer, transaction_date: date, delivery_date: date }, items, state).then((name) => (so[key] = name));

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'rep_cust_sales', api: { requestsPerMinute: 100_000 } });
    const store = server.site.documents;
    await store.insert('Item Group', { item_group_name: 'Hardware', parent_item_group: 'All Item Groups', is_group: 1 });
    await store.insert('Item Group', { item_group_name: 'Sensors', parent_item_group: 'Hardware' });
    await store.insert('Item Group', { item_group_name: 'Cables', parent_item_group: 'Hardware' });
    const item = (item_code: string, item_name: string, item_group: string, standard_rate: number) => store.insert('Item', { item_code, item_name, item_group, stock_uom: 'Nos', standard_rate });
    await item('WIDGET', 'Widget', 'Products', 10);
    await item('CONSULT', 'Consulting Day', 'Services', 400);
    await item('SENSOR', 'Heat Sensor', 'Sensors', 50);
    await item('CABLE', 'Cable 1m', 'Cables', 2.5);
    for (const [name, territory, group] of [['Acme', 'Germany', 'Commercial'], ['Bolt', 'France', 'Government'], ['Cora', 'United States', 'Commercial']])
      c[name!] = String((await store.insert('Customer', { customer_name: name, territory, customer_group: group })).name);

    await order('acme1', c.Acme!, '2026-03-05', [{ item_code: 'SENSOR', qty: 2, rate: 50 }, { item_code: 'WIDGET', qty: 3, rate: 10 }]);
    await order('acme2', c.Acme!, '2026-03-31', [{ item_code: 'SENSOR', qty: 1, rate: 50 }]);
    await order('bolt', c.Bolt!, '2026-03-01', [{ item_code: 'CABLE', qty: 10, rate: 2.5 }, { item_code: 'CONSULT', qty: 1.5, rate: 400 }]);
    await order('draft', c.Cora!, '2026-03-10', [{ item_code: 'WIDGET', qty: 1, rate: 10 }], 'draft');
    await order('cancelled', c.Cora!, '2026-03-12', [{ item_code: 'WIDGET', qty: 5, rate: 10 }], 'cancelled');
    await order('april', c.Cora!, '2026-04-01', [{ item_code: 'WIDGET', qty: 1, rate: 10 }]);
    await order('february', c.Cora!, '2026-02-28', [{ item_code: 'WIDGET', qty: 1, rate: 10 }]);
    await order('cora', c.Cora!, '2026-03-20', [{ item_code: 'WIDGET', qty: 2, price_list_rate: 12.5, discount_percentage: 20 }]);

    const invoice = (customer: string, date: string, items: Line[], extra: Row = {}) => document('Sales Invoice', { customer, posting_date: date, due_date: date, ...extra }, items);
    docs.invoice = await invoice(c.Acme!, '2026-03-06', [{ item_code: 'SENSOR', qty: 2, rate: 50 }]);
    await invoice(c.Acme!, '2026-03-07', [{ item_code: 'SENSOR', qty: -1, rate: 50 }], { is_return: 1, return_against: docs.invoice });
    docs.quotation = await document('Quotation', { quotation_to: 'Customer', party_name: c.Bolt, transaction_date: '2026-03-02' }, [{ item_code: 'CONSULT', qty: 1, rate: 400 }]);
    const lead = String((await store.insert('Lead', { first_name: 'Lena', company_name: 'Prospect AG' })).name);
    await document('Quotation', { quotation_to: 'Lead', party_name: lead, transaction_date: '2026-03-03' }, [{ item_code: 'CONSULT', qty: 2, rate: 400 }]);

    admin = await server.tokenClient('Administrator');
    await server.createUser('germany@ex.com', ['Sales User']);
    await store.insert('User Permission', { user: 'germany@ex.com', allow: 'Territory', for_value: 'Germany' });
    germanyUser = await server.tokenClient('germany@ex.com');
  });
  after(() => server?.close());

  const run = async (filters: Row, client = admin) => ok(await client.post(RUN, { report_name: REPORT, filters: { ...MARCH, ...filters } })).message;
  const rows = async (filters: Row, client = admin): Promise<Row[]> => (await run(filters, client)).result;
  const summary = async (filters: Row) => (await run(filters)).report_summary.map((s: Row) => [s.label, s.value]);

  /** A detail row. */
  const line = (customer: string, doctype: string, document: string, date: string, item: [string, string, string], qty: number, rate: number, discount: number, amount: number): Row => ({
    customer: c[customer],
    customer_name: customer,
    doctype,
    document,
    transaction_date: date,
    item_code: item[0],
    item_name: item[1],
    item_group: item[2],
    qty,
    rate,
    discount_percentage: discount,
    amount,
  });
  const SENSOR: [string, string, string] = ['SENSOR', 'Heat Sensor', 'Sensors'];
  const WIDGET: [string, string, string] = ['WIDGET', 'Widget', 'Products'];
  const CABLE: [string, string, string] = ['CABLE', 'Cable 1m', 'Cables'];
  const CONSULT: [string, string, string] = ['CONSULT', 'Consulting Day', 'Services'];
  const acme1Sensor = () => line('Acme', 'Sales Order', so.acme1!, '2026-03-05', SENSOR, 2, 50, 0, 100);
  const acme1Widget = () => line('Acme', 'Sales Order', so.acme1!, '2026-03-05', WIDGET, 3, 10, 0, 30);
  const acme2Sensor = () => line('Acme', 'Sales Order', so.acme2!, '2026-03-31', SENSOR, 1, 50, 0, 50);
  const boltCable = () => line('Bolt', 'Sales Order', so.bolt!, '2026-03-01', CABLE, 10, 2.5, 0, 25);
  const boltConsult = () => line('Bolt', 'Sales Order', so.bolt!, '2026-03-01', CONSULT, 1.5, 400, 0, 600);
  const coraWidget = () => line('Cora', 'Sales Order', so.cora!, '2026-03-20', WIDGET, 2, 10, 20, 20);

  const measures = (orders: number, qty: number, amount: number, first: string, last: string): Row => ({ order_count: orders, qty, amount, first_purchase_date: first, last_purchase_date: last });
  const customer = (name: string) => ({ customer: c[name], customer_name: name });
  const item = ([item_code, item_name, item_group]: [string, string, string]) => ({ item_code, item_name, item_group });

  describe('detail', () => {
    it('lists the submitted lines of the period, both ends included, in customer, date, document order', async () => {
      expect(await rows({})).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor(), boltCable(), boltConsult(), coraWidget()]);
    });

    it('sums revenue, counts customers and orders, and averages the order value', async () => {
      expect(await summary({})).to.deep.equal([['Revenue', 825], ['Customers', 3], ['Orders', 4], ['Average Order Value', 206.25]]);
    });

    it('reads Sales Invoices without returns, and Quotations to customers only', async () => {
      expect(await rows({ doctype: 'Sales Invoice' })).to.deep.equal([line('Acme', 'Sales Invoice', docs.invoice!, '2026-03-06', SENSOR, 2, 50, 0, 100)]);
      expect(await rows({ doctype: 'Quotation' })).to.deep.equal([line('Bolt', 'Quotation', docs.quotation!, '2026-03-02', CONSULT, 1, 400, 0, 400)]);
    });
  });

  describe('grouped views', () => {
    it('per customer, the most revenue first', async () => {
      const answer = await run({ group_by: 'Customer' });
      expect(answer.result).to.deep.equal([
        { ...customer('Bolt'), ...measures(1, 11.5, 625, '2026-03-01', '2026-03-01') },
        { ...customer('Acme'), ...measures(2, 6, 180, '2026-03-05', '2026-03-31') },
        { ...customer('Cora'), ...measures(1, 2, 20, '2026-03-20', '2026-03-20') },
      ]);
      expect(answer.columns.map((col: Row) => col.fieldname)).to.deep.equal(['customer', 'customer_name', 'order_count', 'qty', 'amount', 'first_purchase_date', 'last_purchase_date']);
      expect(answer.report_summary.map((s: Row) => s.value)).to.deep.equal([825, 3, 4, 206.25]);
    });

    it('per item, the most revenue first', async () => {
      const answer = await run({ group_by: 'Item' });
      expect(answer.result).to.deep.equal([
        { ...item(CONSULT), ...measures(1, 1.5, 600, '2026-03-01', '2026-03-01') },
        { ...item(SENSOR), ...measures(2, 3, 150, '2026-03-05', '2026-03-31') },
        { ...item(WIDGET), ...measures(2, 5, 50, '2026-03-05', '2026-03-20') },
        { ...item(CABLE), ...measures(1, 10, 25, '2026-03-01', '2026-03-01') },
      ]);
      expect(answer.columns.map((col: Row) => col.fieldname)).to.deep.equal(['item_code', 'item_name', 'item_group', 'order_count', 'qty', 'amount', 'first_purchase_date', 'last_purchase_date']);
      expect(answer.report_summary.map((s: Row) => s.value)).to.deep.equal([825, 3, 4, 206.25]);
    });

    it('per customer and item, by customer then revenue', async () => {
      const answer = await run({ group_by: 'Customer and Item' });
      expect(answer.result).to.deep.equal([
        { ...customer('Acme'), ...item(SENSOR), ...measures(2, 3, 150, '2026-03-05', '2026-03-31') },
        { ...customer('Acme'), ...item(WIDGET), ...measures(1, 3, 30, '2026-03-05', '2026-03-05') },
        { ...customer('Bolt'), ...item(CONSULT), ...measures(1, 1.5, 600, '2026-03-01', '2026-03-01') },
        { ...customer('Bolt'), ...item(CABLE), ...measures(1, 10, 25, '2026-03-01', '2026-03-01') },
        { ...customer('Cora'), ...item(WIDGET), ...measures(1, 2, 20, '2026-03-20', '2026-03-20') },
      ]);
      expect(answer.report_summary.map((s: Row) => s.value)).to.deep.equal([825, 3, 4, 206.25]);
    });
  });

  describe('filters', () => {
    it('customers, item, and the period', async () => {
      expect(await rows({ customers: [c.Acme, c.Cora] })).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor(), coraWidget()]);
      expect(await rows({ item: 'SENSOR' })).to.deep.equal([acme1Sensor(), acme2Sensor()]);
      expect(await rows({ from_date: '2026-03-02', to_date: '2026-03-30' })).to.deep.equal([acme1Sensor(), acme1Widget(), coraWidget()]);
    });

    it('item group, territory and customer group are subtrees', async () => {
      expect(await rows({ item_group: 'Hardware' })).to.deep.equal([acme1Sensor(), acme2Sensor(), boltCable()]);
      expect(await rows({ territory: 'Europe' })).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor(), boltCable(), boltConsult()]);
      expect(await rows({ territory: 'Americas', group_by: 'Customer' })).to.deep.equal([{ ...customer('Cora'), ...measures(1, 2, 20, '2026-03-20', '2026-03-20') }]);
      expect(await rows({ customer_group: 'All Customer Groups', item_group: 'Sensors' })).to.deep.equal([acme1Sensor(), acme2Sensor()]);
      expect(await rows({ customer_group: 'Commercial' })).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor(), coraWidget()]);
    });

    it('min_amount and max_amount bound the line amount, both included', async () => {
      expect(await rows({ min_amount: 30, max_amount: 100 })).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor()]);
      expect(await summary({ min_amount: 30, max_amount: 100 })).to.deep.equal([['Revenue', 180], ['Customers', 1], ['Orders', 2], ['Average Order Value', 90]]);
    });

    it("the item views count the customers and orders behind the filtered lines, with and without line filters", async () => {
      // Hardware lines: Acme's two Sensor orders and Bolt's Cable order.
      expect(await summary({ group_by: 'Item', item_group: 'Hardware' })).to.deep.equal([['Revenue', 175], ['Customers', 2], ['Orders', 3], ['Average Order Value', 58.33]]);
      // Europe: Acme's two orders and Bolt's one (documents only, no line filter).
      expect(await summary({ group_by: 'Customer and Item', territory: 'Europe' })).to.deep.equal([['Revenue', 805], ['Customers', 2], ['Orders', 3], ['Average Order Value', 268.33]]);
    });
  });

  describe('permissions', () => {
    it('a user restricted to Germany sees only its customers, in every view', async () => {
      expect(await rows({}, germanyUser)).to.deep.equal([acme1Sensor(), acme1Widget(), acme2Sensor()]);
      expect(await rows({ group_by: 'Item' }, germanyUser)).to.deep.equal([
        { ...item(SENSOR), ...measures(2, 3, 150, '2026-03-05', '2026-03-31') },
        { ...item(WIDGET), ...measures(1, 3, 30, '2026-03-05', '2026-03-05') },
      ]);
      const summary = (await run({ group_by: 'Item' }, germanyUser)).report_summary.map((s: Row) => s.value);
      expect(summary).to.deep.equal([180, 1, 2, 90]);
    });
  });

  describe('bad filters', () => {
    const refused = async (filters: Row, field: string) => {
      const answer = await admin.post(RUN, { report_name: REPORT, filters });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(417);
      expect(errorFields(answer)).to.deep.equal([field]);
    };

    it('refuses a period that runs backwards, an unknown customer, a grouping outside the allowlist, a non-number amount', async () => {
      await refused({ from_date: '2026-04-01', to_date: '2026-03-31' }, 'from_date');
      await refused({ ...MARCH, customers: [c.Acme, 'CUST-NOPE'] }, 'customers');
      await refused({ ...MARCH, group_by: 'Territory' }, 'group_by');
      await refused({ ...MARCH, min_amount: 'lots' }, 'min_amount');
    });

    it('refuses a doctype outside the allowlist', async () => {
      await refused({ ...MARCH, doctype: 'Purchase Order' }, 'doctype');
    });
  });
});
