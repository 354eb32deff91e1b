/**
 * Customer Status (reports/customer_status) through frappe.desk.query_report.run, against rows
 * computed by hand from a small history as of 2026-06-30 (active 90 days = since 2026-04-01, churned
 * after 180 = before 2026-01-01, windows (2026-05-31, 2026-06-30] and (2026-05-01, 2026-05-31]):
 * every status exactly at its boundary, both window bounds, a change of exactly +50% and -50%,
 * drafts, cancelled orders and orders after as_of ignored, receivables with a payment, a return and
 * an invoice due on as_of, disabled customers, the filters, a user restricted to Germany, and bad
 * filters refused field by field.
 */
import { expect } from 'chai';
import { SalesHistory, type Row } from '../fixtures/reports/sales-history';

const REPORT = 'Customer Status';
const AS_OF = '2026-06-30';
const MOBILE = '+49 170 5550100';

describe('report: Customer Status', () => {
  let h: SalesHistory;

  before(async () => {
    h = await SalesHistory.start('rep_status');
    await h.customer('Never', { territory: 'Germany', group: 'Commercial' });
    await h.customer('Fresh', { territory: 'Germany', group: 'Individual' });
    await h.customer('Newbie', { territory: 'France', group: 'Commercial' });
    await h.customer('Veteran', { territory: 'Germany', group: 'Commercial', team: [['Bob', 40], ['Alice', 60]] });
    await h.customer('Dropper', { territory: 'United States', group: 'Individual', team: [['Carol', 100]] });
    await h.customer('Risky', { territory: 'Germany', group: 'Government' });
    await h.customer('Edge', { territory: 'United Kingdom', group: 'Commercial', team: [['Bob', 100]] });
    await h.customer('Gone', { territory: 'France', group: 'Commercial' });
    await h.customer('Sleeper', { territory: 'Germany', group: 'Commercial' });

    // Never: only a draft and a cancelled order.
    await h.order('Never', '2026-06-01', 100, 'draft');
    await h.order('Never', '2026-06-02', 200, 'cancelled');
    // Fresh: one order 10 days ago (New; last window from nothing: Surge).
    await h.order('Fresh', '2026-06-20', 75);
    // Newbie: first order exactly 90 days ago (New); +49.99% is Steady.
    await h.order('Newbie', '2026-04-01', 50);
    await h.order('Newbie', '2026-05-15', 100);
    await h.order('Newbie', '2026-06-10', 149.99);
    // Veteran: first order 91 days ago, last on as_of (Active). 2026-05-01 is in neither window,
    // 2026-05-31 in the previous one: 100 -> 150 is exactly +50% (Surge). The cancelled one is ignored.
    await h.order('Veteran', '2026-03-31', 40);
    await h.order('Veteran', '2026-05-01', 1000);
    await h.order('Veteran', '2026-05-31', 100);
    await h.order('Veteran', '2026-06-30', 150);
    await h.order('Veteran', '2026-06-20', 5000, 'cancelled');
    // Dropper: 200 in two orders -> 100 in one: exactly -50% in revenue and in orders (Drop).
    await h.order('Dropper', '2025-10-01', 500);
    await h.order('Dropper', '2026-05-10', 120);
    await h.order('Dropper', '2026-05-20', 80);
    await h.order('Dropper', '2026-06-15', 100);
    // Risky: last order 91 days ago (At Risk); Edge: exactly 180 days (still At Risk).
    await h.order('Risky', '2026-02-01', 30);
    await h.order('Risky', '2026-03-31', 70);
    await h.order('Edge', '2026-01-01', 400);
    // Gone: 181 days (Churned); its order after as_of is ignored.
    await h.order('Gone', '2025-06-01', 200);
    await h.order('Gone', '2025-12-31', 300);
    await h.order('Gone', '2026-07-05', 5000);
    // Sleeper ordered, then was disabled.
    await h.order('Sleeper', '2026-06-01', 10);
    const docs = h.server.site.documents;
    await docs.save('Customer', h.c.Sleeper!, { disabled: 1 });

    // Receivables: Veteran owes 100 overdue and 150 due on as_of (not overdue); its return owes nothing.
    await h.invoice('Veteran', '2026-05-31', '2026-06-29', 100);
    const due = await h.invoice('Veteran', '2026-06-30', '2026-06-30', 150);
    await h.invoice('Veteran', '2026-06-30', '2026-06-30', 150, { returnOf: due });
    // Dropper paid one invoice in full and 40 of another; its draft and its invoice after as_of do not count.
    await h.invoice('Dropper', '2026-05-10', '2026-05-20', 120, { outstanding: 0 });
    await h.invoice('Dropper', '2026-06-15', '2026-06-20', 100, { outstanding: 60 });
    await h.invoice('Dropper', '2026-06-16', '2026-06-20', 999, { state: 'draft' });
    await h.invoice('Dropper', '2026-07-02', '2026-07-10', 999);
    await h.invoice('Gone', '2025-12-31', '2026-01-30', 300);

    // Veteran's primary contact gives its mobile number.
    const contact = await docs.insert('Contact', { first_name: 'Vera', phone_nos: [{ phone: MOBILE, is_primary_mobile_no: 1 }], links: [{ link_doctype: 'Customer', link_name: h.c.Veteran }] });
    await docs.save('Customer', h.c.Veteran!, { customer_primary_contact: contact.name });
  });
  after(() => h?.close());

  const rows = async (filters: Row, client = h.admin): Promise<Row[]> => (await h.run(REPORT, { as_of_date: AS_OF, ...filters }, client)).result;
  const names = (list: Row[]) => list.map((r) => r.customer_name);

  interface Expect {
    territory: string;
    group: string;
    salesPerson?: string;
    mobile?: string;
    status: string;
    first?: string;
    last?: string;
    days?: number;
    orders?: number;
    revenue?: number;
    avg?: number;
    windows?: [number, number, number | null, string, number, number, number | null, string];
    receivable?: number;
    overdue?: number;
  }
  const steady: Expect['windows'] = [0, 0, null, 'Steady', 0, 0, null, 'Steady'];
  const row = (name: string, e: Expect): Row => {
    const [lastRevenue, previousRevenue, revenueChange, trend, lastOrders, previousOrders, ordersChange, frequency] = e.windows ?? steady!;
    return {
      customer: h.c[name],
      customer_name: name,
      territory: e.territory,
      customer_group: e.group,
      sales_person: e.salesPerson ?? null,
      mobile_no: e.mobile ?? null,
      status: e.status,
      first_order_date: e.first ?? null,
      last_order_date: e.last ?? null,
      days_since_last_order: e.days ?? null,
      lifetime_orders: e.orders ?? 0,
      lifetime_revenue: e.revenue ?? 0,
      avg_days_between_orders: e.avg ?? null,
      last_window_revenue: lastRevenue,
      previous_window_revenue: previousRevenue,
      revenue_change: revenueChange,
      trend,
      last_window_orders: lastOrders,
      previous_window_orders: previousOrders,
      orders_change: ordersChange,
      frequency_trend: frequency,
      receivable: e.receivable ?? 0,
      overdue: e.overdue ?? 0,
    };
  };
  const veteran = () =>
    row('Veteran', {
      territory: 'Germany', group: 'Commercial', salesPerson: 'Alice', mobile: MOBILE, status: 'Active', first: '2026-03-31', last: '2026-06-30', days: 0,
      orders: 4, revenue: 1290, avg: 30.3, windows: [150, 100, 50, 'Surge', 1, 1, 0, 'Steady'], receivable: 250, overdue: 100,
    });
  const dropper = () =>
    row('Dropper', {
      territory: 'United States', group: 'Individual', salesPerson: 'Carol', status: 'Active', first: '2025-10-01', last: '2026-06-15', days: 15,
      orders: 4, revenue: 800, avg: 85.7, windows: [100, 200, -50, 'Drop', 1, 2, -50, 'Drop'], receivable: 60, overdue: 60,
    });
  const gone = () =>
    row('Gone', { territory: 'France', group: 'Commercial', status: 'Churned', first: '2025-06-01', last: '2025-12-31', days: 181, orders: 2, revenue: 500, avg: 213, receivable: 300, overdue: 300 });
  const edge = () => row('Edge', { territory: 'United Kingdom', group: 'Commercial', salesPerson: 'Bob', status: 'At Risk', first: '2026-01-01', last: '2026-01-01', days: 180, orders: 1, revenue: 400 });
  const newbie = () =>
    row('Newbie', {
      territory: 'France', group: 'Commercial', status: 'New', first: '2026-04-01', last: '2026-06-10', days: 20,
      orders: 3, revenue: 299.99, avg: 35, windows: [149.99, 100, 49.99, 'Steady', 1, 1, 0, 'Steady'],
    });
  const risky = () => row('Risky', { territory: 'Germany', group: 'Government', status: 'At Risk', first: '2026-02-01', last: '2026-03-31', days: 91, orders: 2, revenue: 100, avg: 58 });
  const fresh = () =>
    row('Fresh', {
      territory: 'Germany', group: 'Individual', status: 'New', first: '2026-06-20', last: '2026-06-20', days: 10,
      orders: 1, revenue: 75, windows: [75, 0, null, 'Surge', 1, 0, null, 'Surge'],
    });
  const never = () => row('Never', { territory: 'Germany', group: 'Commercial', status: 'Never Ordered' });
  const everyone = () => [veteran(), dropper(), gone(), edge(), newbie(), risky(), fresh(), never()];

  describe('rows', () => {
    it('gives every enabled customer its status, windows, lifetime figures and receivables, most valuable first', async () => {
      expect(await rows({})).to.deep.equal(everyone());
    });

    it('holds the status boundaries: 90 days is New / Active, 91 is not; 180 days is At Risk, 181 Churned', async () => {
      const statuses = (list: Row[]) => Object.fromEntries(list.map((r) => [r.customer_name, r.status]));
      expect(statuses(await rows({ active_days: 91 }))).to.include({ Veteran: 'New', Risky: 'Active', Edge: 'At Risk' });
      expect(statuses(await rows({ active_days: 89 }))).to.include({ Newbie: 'Active', Veteran: 'Active', Risky: 'At Risk' });
      expect(statuses(await rows({ churn_days: 179 }))).to.include({ Edge: 'Churned', Gone: 'Churned', Risky: 'At Risk' });
      expect(statuses(await rows({ churn_days: 181 }))).to.include({ Gone: 'At Risk' });
    });

    it('moves with as_of_date: later orders count from their day on, earlier days know nothing of them', async () => {
      const later = await rows({ as_of_date: '2026-07-05' });
      expect(later.find((r) => r.customer_name === 'Gone')).to.include({ status: 'Active', days_since_last_order: 0, lifetime_orders: 3, lifetime_revenue: 5500, receivable: 300 });
      const before = await rows({ as_of_date: '2026-03-31' });
      expect(before.find((r) => r.customer_name === 'Fresh')).to.include({ status: 'Never Ordered', lifetime_orders: 0 });
      expect(before.find((r) => r.customer_name === 'Veteran')).to.include({ status: 'New', lifetime_orders: 1, receivable: 0 });
    });

    it('holds the threshold: +49.99% is a Surge at 49.99, -50% no Drop at 50.01', async () => {
      const byName = (list: Row[]) => Object.fromEntries(list.map((r) => [r.customer_name, [r.trend, r.frequency_trend]]));
      expect(byName(await rows({ change_threshold: 49.99 }))).to.deep.include({ Newbie: ['Surge', 'Steady'], Veteran: ['Surge', 'Steady'] });
      expect(byName(await rows({ change_threshold: 50.01 }))).to.deep.include({ Veteran: ['Steady', 'Steady'], Dropper: ['Steady', 'Steady'], Fresh: ['Surge', 'Surge'] });
    });

    it('compares windows of another length', async () => {
      // 60-day windows: (2026-05-01, 2026-06-30] and (2026-03-02, 2026-05-01].
      const list = await rows({ window_days: 60 });
      const veteranRow = list.find((r) => r.customer_name === 'Veteran')!;
      expect([veteranRow.last_window_revenue, veteranRow.previous_window_revenue, veteranRow.revenue_change, veteranRow.trend]).to.deep.equal([250, 1040, -75.96, 'Drop']);
      expect([veteranRow.last_window_orders, veteranRow.previous_window_orders, veteranRow.orders_change, veteranRow.frequency_trend]).to.deep.equal([2, 2, 0, 'Steady']);
    });

    it('adds disabled customers on request', async () => {
      const sleeper = (await rows({ include_disabled: 1 })).find((r) => r.customer_name === 'Sleeper');
      expect(sleeper).to.include({ status: 'New', lifetime_orders: 1, lifetime_revenue: 10 });
    });
  });

  describe('filters', () => {
    it('status', async () => {
      expect(await rows({ status: 'At Risk' })).to.deep.equal([edge(), risky()]);
      expect(await rows({ status: 'Never Ordered' })).to.deep.equal([never()]);
      expect(await rows({ status: 'New' })).to.deep.equal([newbie(), fresh()]);
    });

    it('territory, customer group and sales person are subtrees', async () => {
      expect(names(await rows({ territory: 'Europe' }))).to.deep.equal(['Veteran', 'Gone', 'Edge', 'Newbie', 'Risky', 'Fresh', 'Never']);
      expect(await rows({ territory: 'Americas' })).to.deep.equal([dropper()]);
      expect(names(await rows({ customer_group: 'Individual' }))).to.deep.equal(['Dropper', 'Fresh']);
      expect(names(await rows({ sales_person: 'North Team' }))).to.deep.equal(['Veteran', 'Edge']);
      expect(names(await rows({ sales_person: 'Carol', status: 'Active' }))).to.deep.equal(['Dropper']);
    });
  });

  describe('summary and chart', () => {
    it('counts customers per status and trend, sums overdue, and draws a donut by status', async () => {
      const answer = await h.run(REPORT, { as_of_date: AS_OF });
      expect(answer.report_summary.map((s: Row) => [s.label, s.value])).to.deep.equal([
        ['Never Ordered', 1],
        ['New', 2],
        ['Active', 2],
        ['At Risk', 2],
        ['Churned', 1],
        ['Revenue Surge', 2],
        ['Revenue Drop', 1],
        ['Overdue', 460],
      ]);
      expect(answer.chart).to.deep.equal({ type: 'donut', data: { labels: ['Never Ordered', 'New', 'Active', 'At Risk', 'Churned'], datasets: [{ name: 'Customers', values: [1, 2, 2, 2, 1] }] } });
    });
  });

  describe('permissions', () => {
    it('a user restricted to Germany sees only Germany customers, their figures unchanged', async () => {
      expect(await rows({}, h.germany)).to.deep.equal([veteran(), risky(), fresh(), never()]);
    });
  });

  describe('bad filters', () => {
    const refused = (filters: Row, field: string) => h.refused(REPORT, { as_of_date: AS_OF, ...filters }, field);

    it('refuses days and windows below 1, or not numbers', async () => {
      await refused({ active_days: 0 }, 'active_days');
      await refused({ churn_days: 'soon' }, 'churn_days');
      await refused({ window_days: -30 }, 'window_days');
    });

    it('refuses churn_days shorter than active_days and a threshold of 0', async () => {
      await refused({ active_days: 90, churn_days: 60 }, 'churn_days');
      await refused({ change_threshold: 0 }, 'change_threshold');
    });

    it('refuses an unknown status, territory or sales person and a date that is not one', async () => {
      await refused({ status: 'Sleeping' }, 'status');
      await refused({ territory: 'Atlantis' }, 'territory');
      await refused({ sales_person: 'Nobody' }, 'sales_person');
      await refused({ as_of_date: '2026-02-30' }, 'as_of_date');
    });
  });
});
