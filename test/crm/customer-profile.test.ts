/**
 * tabula.crm.customer_profile against figures computed by hand, as of 2026-06-30 (12 months:
 * 2025-07 .. 2026-06; the ABC report's default period is May 2026, the one before it the 31 days
 * before).
 *
 * Acme (Germany): orders 2025-05-10 WIDGET 2 x 10 = 20; 2026-01-15 WIDGET 3 x 10 + GADGET 1 x 100 =
 * 130; 2026-05-20 GADGET 2 x 100 = 200; 2026-05-25 WIDGET 1 x 10 = 10; a draft, a cancelled order and
 * one after as_of are ignored. Lifetime 4 orders, 360.00, first 2025-05-10, last 2026-05-25, average
 * interval 380 days / 3 = 126.7, average order 90.00. Months: 2026-01 130 (1), 2026-05 210 (2), the
 * other ten 0 (2025-05 is before the window). Items: GADGET 300 (qty 3, 2 orders), WIDGET 60 (qty 6,
 * 3 orders); groups: Services 300, Products 60. Status Active (last order 36 days before as_of).
 * ABC in May: Beta 2000 (A), Acme 210 (cumulative before 2000 / 2210 = 90.5 % -> B, rank 2, share
 * 9.50 %); the 31 days before (2026-03-31 .. 04-30) had nothing from Acme but earlier orders -> D,
 * movement Up. The Germany-restricted user does not see Beta (France): for them Acme ranks 1st,
 * class A, and Beta's profile is refused.
 */
import { expect } from 'chai';
import { errorFields, expectError, ok } from '../fixtures/api/support';
import { SalesHistory } from '../fixtures/reports/sales-history';

const PROFILE = '/api/method/tabula.crm.customer_profile';
const AS_OF = '2026-06-30';
const COMPANY = 'Tabula Demo Ltd';

describe('crm: customer profile', () => {
  let h: SalesHistory;
  let opportunity: string;

  const order = async (customer: string, date: string, items: [string, number, number][], state: 'submitted' | 'draft' | 'cancelled' = 'submitted') => {
    const docs = h.server.site.documents;
    const doc = await docs.insert('Sales Order', { company: COMPANY, customer: h.c[customer], transaction_date: date, delivery_date: date, items: items.map(([item_code, qty, rate]) => ({ item_code, qty, rate })) });
    if (state !== 'draft') await docs.submit('Sales Order', String(doc.name));
    if (state === 'cancelled') await docs.cancel('Sales Order', String(doc.name));
  };

  before(async () => {
    h = await SalesHistory.start('crm_profile');
    const docs = h.server.site.documents;
    await docs.insert('Item', { item_code: 'GADGET', item_name: 'Gadget', item_group: 'Services', stock_uom: 'Nos', standard_rate: 100 });
    await h.customer('Acme', { territory: 'Germany', group: 'Commercial', team: [['Bob', 100]] });
    await h.customer('Beta', { territory: 'France', group: 'Commercial' });
    await h.customer('Old', { territory: 'Germany', group: 'Commercial' });
    await order('Old', '2025-02-01', [['WIDGET', 1, 10]]);
    await order('Acme', '2025-05-10', [['WIDGET', 2, 10]]);
    await order('Acme', '2026-01-15', [['WIDGET', 3, 10], ['GADGET', 1, 100]]);
    await order('Acme', '2026-05-20', [['GADGET', 2, 100]]);
    await order('Acme', '2026-05-25', [['WIDGET', 1, 10]]);
    await order('Acme', '2026-06-01', [['GADGET', 10, 100]], 'draft');
    await order('Acme', '2026-06-02', [['GADGET', 10, 100]], 'cancelled');
    await order('Acme', '2026-07-05', [['GADGET', 10, 100]]);
    await order('Beta', '2026-05-03', [['GADGET', 20, 100]]);

    await docs.insert('Contact', { first_name: 'Ada', last_name: 'Acme', email_ids: [{ email_id: 'ada@acme.example', is_primary: 1 }], links: [{ link_doctype: 'Customer', link_name: h.c.Acme }] });
    await docs.insert('Contact', { first_name: 'Ben', last_name: 'Beta', links: [{ link_doctype: 'Customer', link_name: h.c.Beta }] });
    opportunity = String((await docs.insert('Opportunity', { opportunity_from: 'Customer', party_name: h.c.Acme, company: COMPANY, territory: 'Germany', items: [{ item_code: 'GADGET', qty: 5, rate: 100 }] })).name);
    await docs.insert('Opportunity', { opportunity_from: 'Customer', party_name: h.c.Acme, company: COMPANY, territory: 'Germany', status: 'Lost', lost_reasons: [{ lost_reason: 'No budget' }] });
    await docs.insert('Communication', { subject: 'Price list sent', communication_medium: 'Email', sent_or_received: 'Sent', communication_date: '2026-06-10 10:00:00', reference_doctype: 'Customer', reference_name: h.c.Acme });
    await docs.insert('Communication', { subject: 'Call about gadgets', communication_medium: 'Phone', sent_or_received: 'Received', communication_date: '2026-06-20 09:00:00', reference_doctype: 'Opportunity', reference_name: opportunity });
    await docs.insert('Communication', { subject: 'Beta only', communication_medium: 'Email', sent_or_received: 'Sent', communication_date: '2026-06-25 09:00:00', reference_doctype: 'Customer', reference_name: h.c.Beta });
    ok(await h.admin.post('/api/method/tabula.crm.assign_follow_ups', { customers: [h.c.Acme], date: '2026-07-10', description: 'Ask about the next order' }));
  });
  after(() => h?.close());

  const profile = async (customer: string, client = h.admin, extra: Record<string, unknown> = {}) => ok(await client.get(PROFILE, { customer, as_of_date: AS_OF, ...extra })).message;

  it('answers lifetime figures, the monthly trend and the top items and groups', async () => {
    const p = await profile(h.c.Acme!);
    expect(p.as_of_date).to.equal(AS_OF);
    expect(p.customer).to.include({ name: h.c.Acme, customer_name: 'Acme', territory: 'Germany', sales_person: 'Bob' });
    const { monthly, top_items, top_item_groups, ...lifetime } = p.sales;
    expect(lifetime).to.deep.equal({ lifetime_orders: 4, lifetime_revenue: 360, first_order_date: '2025-05-10', last_order_date: '2026-05-25', avg_order_interval: 126.7, average_order_value: 90 });
    expect(monthly).to.have.length(12);
    expect(monthly[0]).to.deep.equal({ month: '2025-07', revenue: 0, orders: 0 });
    expect(monthly.filter((m: any) => m.orders > 0)).to.deep.equal([
      { month: '2026-01', revenue: 130, orders: 1 },
      { month: '2026-05', revenue: 210, orders: 2 },
    ]);
    expect(monthly[11].month).to.equal('2026-06');
    expect(top_items).to.deep.equal([
      { item_code: 'GADGET', item_name: 'Gadget', item_group: 'Services', qty: 3, revenue: 300, orders: 2 },
      { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', qty: 6, revenue: 60, orders: 3 },
    ]);
    expect(top_item_groups).to.deep.equal([
      { item_group: 'Services', qty: 3, revenue: 300, orders: 2 },
      { item_group: 'Products', qty: 6, revenue: 60, orders: 3 },
    ]);
  });

  it('takes months: 24 reach back to 2024-07 and hold the 2025-05 order', async () => {
    const p = await profile(h.c.Acme!, h.admin, { months: 24 });
    expect(p.sales.monthly).to.have.length(24);
    expect(p.sales.monthly[0].month).to.equal('2024-07');
    expect(p.sales.monthly.find((m: any) => m.month === '2025-05')).to.deep.equal({ month: '2025-05', revenue: 20, orders: 1 });
  });

  it('gives the status as Customer Status does and the class as the ABC report does', async () => {
    const p = await profile(h.c.Acme!);
    expect(p.status).to.include({ status: 'Active', days_since_last_order: 36, receivable: 0, overdue: 0 });
    expect(p.abc).to.deep.include({ class: 'B', previous_class: 'D', movement: 'Up', rank: 2, revenue: 210, share: 9.5, method: 'Cumulative Share' });
    expect(p.abc.period).to.deep.equal({ from: '2026-05-01', to: '2026-05-31', previous_from: '2026-03-31', previous_to: '2026-04-30' });
    const beta = await profile(h.c.Beta!);
    expect(beta.status.status).to.equal('New');
    expect(beta.abc).to.include({ class: 'A', rank: 1, movement: 'New' });
    const old = await profile(h.c.Old!);
    expect(old.status.status).to.equal('Churned');
    expect(old.abc).to.include({ class: 'D', previous_class: 'D', movement: 'Same', rank: 3 });
  });

  it('lists open opportunities, linked contacts, recent communications and open follow-ups', async () => {
    const p = await profile(h.c.Acme!);
    expect(p.opportunities.map((o: any) => [o.name, o.status, o.opportunity_amount])).to.deep.equal([[opportunity, 'Open', 500]]);
    expect(p.contacts.map((c: any) => [c.full_name, c.email_id])).to.deep.equal([['Ada Acme', 'ada@acme.example']]);
    expect(p.communications.map((c: any) => c.subject)).to.deep.equal(['Call about gadgets', 'Price list sent']);
    expect(p.follow_ups.map((f: any) => [f.allocated_to, f.date, f.description, f.status])).to.deep.equal([['Administrator', '2026-07-10', 'Ask about the next order', 'Open']]);
  });

  it('applies User Permissions: another territory is refused, shares are within what the user sees', async () => {
    expectError(await h.germany.get(PROFILE, { customer: h.c.Beta, as_of_date: AS_OF }), 403, 'PermissionError');
    const p = await profile(h.c.Acme!, h.germany);
    expect(p.sales.lifetime_revenue).to.equal(360);
    expect(p.abc).to.include({ class: 'A', rank: 1, share: 100 });
  });

  it('refuses bad arguments naming them, and an unknown customer with 404', async () => {
    for (const [args, field] of [
      [{ customer: h.c.Acme, months: 0 }, 'months'],
      [{ customer: h.c.Acme, months: 'twelve' }, 'months'],
      [{ customer: h.c.Acme, as_of_date: '2026-13-01' }, 'as_of_date'],
      [{}, 'name'],
    ] as const) {
      const answer = expectError(await h.admin.get(PROFILE, args as Record<string, unknown>), 417);
      expect(errorFields(answer)).to.deep.equal([field]);
    }
    expectError(await h.admin.get(PROFILE, { customer: 'CUST-NOPE' }), 404, 'DoesNotExistError');
  });
});
