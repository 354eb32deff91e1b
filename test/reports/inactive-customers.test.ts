/**
 * Inactive Customers (reports/inactive_customers) through frappe.desk.query_report.run, against rows
 * computed by hand from a small fixture with fixed dates (as_of_date 2026-06-30, so nothing depends
 * on today): drafts, cancelled orders and returns ignored, the exact day boundary, ties on the last
 * order and on the sales-team allocation, never-ordered and disabled customers, subtree filters, a
 * user restricted to one territory, and bad filters refused field by field.
 */
import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { errorFields, ok } from '../fixtures/api/support';

const RUN = '/api/method/frappe.desk.query_report.run';
const REPORT = 'Inactive Customers';
const COMPANY = 'Tabula Demo Ltd';
const AS_OF = '2026-06-30';

type Row = Record<string, unknown>;

describe('report: Inactive Customers', () => {
  let server: TestServer;
  let admin: ApiClient;
  let germanyUser: ApiClient;
  /** Customer names by their customer_name. */
  const c: Record<string, string> = {};

  /** A document of `doctype` for `customer` dated `date`, worth `amount` (one line), submitted unless told. */
  async function order(doctype: 'Sales Order' | 'Sales Invoice', customer: string, date: string, amount: number, state: 'draft' | 'submitted' | 'cancelled' = 'submitted', extra: Row = {}) {
    const docs = server.site.documents;
    const dates = doctype === 'Sales Order' ? { transaction_date: date, delivery_date: date } : { posting_date: date, due_date: date };
    const qty = extra.is_return ? -1 : 1;
    const doc = await docs.insert(doctype, { customer, company: COMPANY, ...dates, items: [{ item_code: 'WIDGET', qty, rate: amount }], ...extra });
    if (state !== 'draft') await docs.submit(doctype, String(doc.name));
    if (state === 'cancelled') await docs.cancel(doctype, String(doc.name));
    return String(doc.name);
  }

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'rep_inactive', api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    await docs.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    await docs.insert('Sales Person', { sales_person_name: 'North Team', parent_sales_person: 'Sales Team', is_group: 1 });
    for (const [name, parent] of [['Bob', 'North Team'], ['Alice', 'North Team'], ['Carol', 'Sales Team']])
      await docs.insert('Sales Person', { sales_person_name: name, parent_sales_person: parent });
    const customer = async (customer_name: string, territory: string, customer_group: string, team: [string, number][], disabled = 0) => {
      const doc = await docs.insert('Customer', { customer_name, territory, customer_group, disabled, sales_team: team.map(([sales_person, allocated_percentage]) => ({ sales_person, allocated_percentage })) });
      c[customer_name] = String(doc.name);
    };
    await customer('Alpha', 'Germany', 'Commercial', [['Bob', 40], ['Alice', 60]]);
    await customer('Beta', 'France', 'Commercial', [['Bob', 50], ['Alice', 50]]);
    await customer('Gamma', 'United States', 'Individual', [['Carol', 100]]);
    await customer('Delta', 'Germany', 'Government', []);
    await customer('Epsilon', 'Germany', 'Commercial', [], 1);
    await customer('Zeta', 'United Kingdom', 'Commercial', [['Bob', 100]]);

    // Alpha: last submitted order exactly 60 days before as_of; a later draft and a cancelled one do not count.
    await order('Sales Order', c.Alpha!, '2026-01-10', 100);
    await order('Sales Order', c.Alpha!, '2026-05-01', 250);
    await order('Sales Order', c.Alpha!, '2026-06-20', 999, 'draft');
    await order('Sales Order', c.Alpha!, '2026-06-25', 777, 'cancelled');
    // Beta: 59 days.
    await order('Sales Order', c.Beta!, '2026-05-02', 50);
    // Gamma: two orders on its last day (the later name wins the tie), one after as_of (ignored).
    await order('Sales Order', c.Gamma!, '2026-03-01', 300);
    await order('Sales Order', c.Gamma!, '2026-03-01', 200);
    await order('Sales Order', c.Gamma!, '2026-07-15', 5000);
    // Epsilon is disabled; Zeta ordered 365 days ago; Delta never ordered.
    await order('Sales Order', c.Epsilon!, '2026-01-01', 400);
    await order('Sales Order', c.Zeta!, '2025-06-30', 1000);
    // Invoices: Alpha's return is not its last invoice; Gamma is active; Beta only has a draft.
    const returned = await order('Sales Invoice', c.Alpha!, '2026-02-01', 80);
    await order('Sales Invoice', c.Alpha!, '2026-06-01', 80, 'submitted', { is_return: 1, return_against: returned });
    await order('Sales Invoice', c.Gamma!, '2026-06-15', 120);
    await order('Sales Invoice', c.Beta!, '2026-01-01', 60, 'draft');

    admin = await server.tokenClient('Administrator');
    await server.createUser('germany@ex.com', ['Sales User']);
    await docs.insert('User Permission', { user: 'germany@ex.com', allow: 'Territory', for_value: 'Germany' });
    germanyUser = await server.tokenClient('germany@ex.com');
  });
  after(() => server?.close());

  const run = async (filters: Row, client = admin) => ok(await client.post(RUN, { report_name: REPORT, filters })).message;
  const rows = async (filters: Row, client = admin): Promise<Row[]> => (await run({ as_of_date: AS_OF, ...filters }, client)).result;

  /** The expected row of a customer that ordered. */
  const listed = (name: string, territory: string, group: string, salesPerson: string | null, orders: number, total: number, last: string, lastAmount: number, days: number): Row => ({
    customer: c[name],
    customer_name: name,
    territory,
    customer_group: group,
    sales_person: salesPerson,
    number_of_orders: orders,
    total_order_value: total,
    last_order_date: last,
    last_order_amount: lastAmount,
    days_since_last_order: days,
  });
  const never = (name: string, territory: string, group: string, salesPerson: string | null): Row => ({
    customer: c[name],
    customer_name: name,
    territory,
    customer_group: group,
    sales_person: salesPerson,
    number_of_orders: 0,
    total_order_value: 0,
    last_order_date: null,
    last_order_amount: null,
    days_since_last_order: null,
  });
  const zeta = () => listed('Zeta', 'United Kingdom', 'Commercial', 'Bob', 1, 1000, '2025-06-30', 1000, 365);
  const gamma = () => listed('Gamma', 'United States', 'Individual', 'Carol', 2, 500, '2026-03-01', 200, 121);
  const alpha = () => listed('Alpha', 'Germany', 'Commercial', 'Alice', 2, 350, '2026-05-01', 250, 60);
  const beta = () => listed('Beta', 'France', 'Commercial', 'Alice', 1, 50, '2026-05-02', 50, 59);

  describe('rows', () => {
    it('lists customers inactive for 60 days or more, most valuable first (drafts, cancelled, later and disabled orders ignored)', async () => {
      expect(await rows({})).to.deep.equal([zeta(), gamma(), alpha()]);
    });

    it('holds the boundary: 60 days is listed at 60, 59 days only from a filter of 59', async () => {
      expect((await rows({ days_since_last_order: 60 })).map((r) => r.customer_name)).to.deep.equal(['Zeta', 'Gamma', 'Alpha']);
      expect(await rows({ days_since_last_order: 59 })).to.deep.equal([zeta(), gamma(), alpha(), beta()]);
      expect((await rows({ days_since_last_order: 61 })).map((r) => r.customer_name)).to.deep.equal(['Zeta', 'Gamma']);
      expect((await rows({ days_since_last_order: 365 })).map((r) => r.customer_name)).to.deep.equal(['Zeta']);
      expect(await rows({ days_since_last_order: 366 })).to.deep.equal([]);
    });

    it('adds never-ordered customers only with include_never_ordered, with empty dates', async () => {
      expect(await rows({ include_never_ordered: 1 })).to.deep.equal([zeta(), gamma(), alpha(), never('Delta', 'Germany', 'Government', null)]);
    });

    it('counts an order dated on as_of_date as 0 days old and ignores orders after it', async () => {
      // As of 2026-07-15 Gamma's order of that day makes it active; Alpha is then 75 days inactive.
      const later = await rows({ as_of_date: '2026-07-15' });
      expect(later.map((r) => [r.customer_name, r.days_since_last_order])).to.deep.equal([['Zeta', 380], ['Alpha', 75], ['Beta', 74]]);
    });

    it('works on Sales Invoices with returns excluded (the return is not the last invoice; drafts do not count)', async () => {
      const expected = [
        listed('Alpha', 'Germany', 'Commercial', 'Alice', 1, 80, '2026-02-01', 80, 149),
      ];
      expect(await rows({ doctype: 'Sales Invoice' })).to.deep.equal(expected);
      expect(await rows({ doctype: 'Sales Invoice', include_never_ordered: 1 })).to.deep.equal([
        ...expected,
        never('Beta', 'France', 'Commercial', 'Alice'),
        never('Delta', 'Germany', 'Government', null),
        never('Zeta', 'United Kingdom', 'Commercial', 'Bob'),
      ]);
    });
  });

  describe('filters', () => {
    it('territory and customer group are subtrees', async () => {
      expect(await rows({ territory: 'Europe' })).to.deep.equal([zeta(), alpha()]);
      expect(await rows({ territory: 'Europe', include_never_ordered: 1 })).to.deep.equal([zeta(), alpha(), never('Delta', 'Germany', 'Government', null)]);
      expect(await rows({ territory: 'Americas' })).to.deep.equal([gamma()]);
      expect(await rows({ customer_group: 'All Customer Groups' })).to.deep.equal([zeta(), gamma(), alpha()]);
      expect(await rows({ customer_group: 'Commercial', days_since_last_order: 59 })).to.deep.equal([zeta(), alpha(), beta()]);
    });

    it('sales person is a subtree over every member of the sales team', async () => {
      expect(await rows({ sales_person: 'North Team', days_since_last_order: 59 })).to.deep.equal([zeta(), alpha(), beta()]);
      expect(await rows({ sales_person: 'Bob' })).to.deep.equal([zeta(), alpha()]);
      expect(await rows({ sales_person: 'Carol' })).to.deep.equal([gamma()]);
    });

    it('one customer', async () => {
      expect(await rows({ customer: c.Gamma })).to.deep.equal([gamma()]);
      expect(await rows({ customer: c.Beta })).to.deep.equal([]);
      expect(await rows({ customer: c.Delta, include_never_ordered: 1 })).to.deep.equal([never('Delta', 'Germany', 'Government', null)]);
    });
  });

  describe('summary and chart', () => {
    it('counts customers, sums their past value, takes the median days, and bands them by inactivity', async () => {
      const answer = await run({ as_of_date: AS_OF, include_never_ordered: 1 });
      expect(answer.report_summary.map((s: Row) => s.value)).to.deep.equal([4, 1850, 121]);
      expect(answer.chart.data).to.deep.equal({ labels: ['60-90', '90-180', '180-365', '>365', 'Never ordered'], datasets: [{ name: 'Customers', values: [1, 1, 1, 0, 1] }] });
    });

    it('scales the bands to the filter', async () => {
      const answer = await run({ as_of_date: AS_OF, days_since_last_order: 120 });
      expect(answer.chart.data).to.deep.equal({ labels: ['120-180', '180-360', '360-730', '>730'], datasets: [{ name: 'Customers', values: [1, 0, 1, 0] }] });
      expect(answer.report_summary.map((s: Row) => s.value)).to.deep.equal([2, 1500, 243]);
    });
  });

  describe('permissions', () => {
    it('a user restricted to Germany sees only Germany customers', async () => {
      expect(await rows({}, germanyUser)).to.deep.equal([alpha()]);
      expect(await rows({ include_never_ordered: 1 }, germanyUser)).to.deep.equal([alpha(), never('Delta', 'Germany', 'Government', null)]);
    });

    it('the restriction holds on Sales Invoices too', async () => {
      expect(await rows({ include_never_ordered: 1, doctype: 'Sales Invoice' }, germanyUser)).to.deep.equal([
        listed('Alpha', 'Germany', 'Commercial', 'Alice', 1, 80, '2026-02-01', 80, 149),
        never('Delta', 'Germany', 'Government', null),
      ]);
    });
  });

  describe('bad filters', () => {
    const refused = async (filters: Row, field: string) => {
      const answer = await admin.post(RUN, { report_name: REPORT, filters: { as_of_date: AS_OF, ...filters } });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(417);
      expect(errorFields(answer)).to.deep.equal([field]);
    };

    it('refuses days_since_last_order 0, -5 and "many"', async () => {
      await refused({ days_since_last_order: 0 }, 'days_since_last_order');
      await refused({ days_since_last_order: -5 }, 'days_since_last_order');
      await refused({ days_since_last_order: 'many' }, 'days_since_last_order');
    });

    it('refuses a doctype outside the allowlist', async () => {
      await refused({ doctype: 'Purchase Order' }, 'doctype');
    });

    it('refuses an unknown customer or territory and a date that is not one', async () => {
      await refused({ customer: 'CUST-NOPE' }, 'customer');
      await refused({ territory: 'Atlantis' }, 'territory');
      await refused({ as_of_date: 'yesterday' }, 'as_of_date');
    });
  });
});
