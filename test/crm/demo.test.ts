/**
 * The demo data: deterministic, relative to its as-of date, and internally consistent (order totals
 * equal their items, statuses agree with history), on both databases.
 */
import { expect } from 'chai';
import { generateDemo, type DemoSummary } from '../../fixtures/demo/generate';
import { createTestSite, type TestSite } from '../support/site';

const AS_OF = '2026-06-30';

describe('crm: demo data', function () {
  this.timeout(240_000);
  let site: TestSite;
  let summary: DemoSummary;

  before(async () => {
    site = await createTestSite({ label: 'crm_demo', apps: ['core', 'crm'] });
    summary = await generateDemo(site.documents, { customers: 60, orders: 400, seed: 7, asOf: AS_OF });
  });
  after(() => site.destroy());

  const k = () => site.db.knex;

  it('creates what it reports, in every kind', async () => {
    expect(summary.customers).to.equal(60);
    const count = async (table: string) => Number(((await k()(table).count({ n: '*' }).first()) as { n: number }).n);
    // Each won deal makes its lead a customer and adds an order.
    expect(await count('tabCustomer')).to.equal(60 + summary.won);
    expect(await count('tabSales Order')).to.equal(summary.orders + summary.won);
    expect(await count('tabSales Invoice')).to.equal(summary.invoices);
    expect(await count('tabLead')).to.equal(summary.leads);
    expect(await count('tabOpportunity')).to.equal(summary.opportunities);
    expect(await count('tabCommunication')).to.equal(summary.communications);
    expect(summary.orders).to.be.within(300, 500);
    expect(summary.invoices).to.be.greaterThan(0);
    expect(summary.opportunities).to.be.greaterThan(0);
  });

  it('is deterministic: the same seed builds the same history', async () => {
    const other = await createTestSite({ label: 'crm_demo_again', apps: ['core', 'crm'] });
    try {
      const again = await generateDemo(other.documents, { customers: 60, orders: 400, seed: 7, asOf: AS_OF });
      expect(again).to.deep.equal(summary);
      const fingerprint = async (s: TestSite) =>
        (await s.db.knex('tabSales Order').select('name', 'customer', 'transaction_date', 'grand_total').orderBy('name')).map((r) => `${r.name}|${r.customer}|${r.transaction_date}|${Number(r.grand_total).toFixed(2)}`);
      expect(await fingerprint(other)).to.deep.equal(await fingerprint(site));
    } finally {
      await other.destroy();
    }
  });

  it('dates everything relative to the as-of date, none after it', async () => {
    const range = (await k()('tabSales Order').min({ first: 'transaction_date' }).max({ last: 'transaction_date' }).first()) as { first: string; last: string };
    expect(range.last <= AS_OF).to.equal(true);
    expect(range.first >= '2023-06-30').to.equal(true);
    const late = await k()('tabOpportunity').where('transaction_date', '>', AS_OF).count({ n: '*' }).first();
    expect(Number((late as { n: number }).n)).to.equal(0);
  });

  it('order totals equal the sum of their items', async () => {
    const mismatches = await k()('tabSales Order as so')
      .leftJoin(k()('tabSales Order Item').select('parent').sum({ amount: 'amount' }).sum({ qty: 'qty' }).groupBy('parent').as('items'), 'items.parent', 'so.name')
      .whereRaw('abs(coalesce(items.amount, 0) - so.net_total) > 0.005 or abs(coalesce(items.qty, 0) - so.total_qty) > 0.0001 or so.grand_total <> so.net_total')
      .select('so.name');
    expect(mismatches).to.deep.equal([]);
    const zero = await k()('tabSales Order').where('grand_total', '<=', 0).count({ n: '*' }).first();
    expect(Number((zero as { n: number }).n)).to.equal(0);
  });

  it('has never-ordering, recent and long-silent customers', async () => {
    const last = (await k()('tabCustomer as c')
      .leftJoin(k()('tabSales Order').where('docstatus', 1).select('customer').max({ last: 'transaction_date' }).groupBy('customer').as('o'), 'o.customer', 'c.name')
      .select('c.name', 'o.last')) as { name: string; last: string | null }[];
    const daysSince = (date: string) => Math.round((Date.parse(`${AS_OF}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
    expect(last.filter((r) => r.last === null).length, 'never ordered').to.be.greaterThan(0);
    expect(last.filter((r) => r.last !== null && daysSince(r.last) <= 90).length, 'active').to.be.greaterThan(0);
    expect(last.filter((r) => r.last !== null && daysSince(r.last) > 180).length, 'churned').to.be.greaterThan(0);
  });

  it('lost opportunities carry a reason and the day they were lost', async () => {
    const lost = (await k()('tabOpportunity').where('status', 'Lost').select('name', 'lost_on')) as { name: string; lost_on: string | null }[];
    expect(lost.length).to.be.greaterThan(0);
    for (const opportunity of lost) expect(opportunity.lost_on, opportunity.name).to.be.a('string');
    const withoutReason = await k()('tabOpportunity as o')
      .where('o.status', 'Lost')
      .whereNotExists(k()('tabOpportunity Lost Reason Detail as r').whereRaw('r.parent = o.name'))
      .select('o.name');
    expect(withoutReason).to.deep.equal([]);
  });

  it('every opportunity logged each stage it went through', async () => {
    const unlogged = await k()('tabOpportunity as o')
      .whereNotExists(k()('tabOpportunity Stage Log as l').whereRaw('l.parent = o.name').whereRaw('l.sales_stage = o.sales_stage'))
      .select('o.name');
    expect(unlogged).to.deep.equal([]);
  });

  it('won opportunities are Converted, with an ordered quotation, and their leads Converted', async () => {
    expect(summary.won).to.be.greaterThan(0);
    const converted = (await k()('tabOpportunity').where('status', 'Converted').pluck('name')) as string[];
    expect(converted).to.have.length(summary.won);
    const ordered = await k()('tabQuotation').whereIn('opportunity', converted).where({ status: 'Ordered', docstatus: 1 }).count({ n: '*' }).first();
    expect(Number((ordered as { n: number }).n)).to.equal(summary.won);
    const leadsNotConverted = await k()('tabOpportunity as o').join('tabLead as l', 'l.name', 'o.party_name').where('o.status', 'Converted').whereNot('l.status', 'Converted').select('l.name');
    expect(leadsNotConverted).to.deep.equal([]);
  });

  it('opportunities carry their history: created on their date, stages entered in order, lost after the last stage', async () => {
    const late = await k()('tabOpportunity').whereRaw('substr(creation, 1, 10) <> transaction_date').select('name');
    expect(late).to.deep.equal([]);
    const logs = (await k()('tabOpportunity Stage Log').select('parent', 'idx', 'entered_on').orderBy(['parent', 'idx'])) as { parent: string; idx: number; entered_on: string }[];
    for (let j = 1; j < logs.length; j++) if (logs[j]!.parent === logs[j - 1]!.parent) expect(logs[j]!.entered_on >= logs[j - 1]!.entered_on, logs[j]!.parent).to.equal(true);
    const lostEarly = await k()('tabOpportunity as o').where('o.status', 'Lost').whereRaw('o.lost_on < substr(o.creation, 1, 10)').select('o.name');
    expect(lostEarly).to.deep.equal([]);
    const responded = await k()('tabOpportunity').where('first_response_time', '>', 0).count({ n: '*' }).first();
    expect(Number((responded as { n: number }).n)).to.be.greaterThan(0);
  });

  it('every opportunity logged every stage up to its current one, in the funnel order', async () => {
    const stages = (await k()('tabSales Stage').orderBy('stage_order').pluck('name')) as string[];
    const logs = (await k()('tabOpportunity Stage Log').select('parent', 'sales_stage').orderBy(['parent', 'idx'])) as { parent: string; sales_stage: string }[];
    const byOpportunity = new Map<string, string[]>();
    for (const row of logs) byOpportunity.set(row.parent, [...(byOpportunity.get(row.parent) ?? []), row.sales_stage]);
    const opportunities = (await k()('tabOpportunity').select('name', 'sales_stage')) as { name: string; sales_stage: string }[];
    for (const o of opportunities) expect(byOpportunity.get(o.name), o.name).to.deep.equal(stages.slice(0, stages.indexOf(o.sales_stage) + 1));
  });

  it('first_response_time is the time from creation to the earliest Sent communication', async () => {
    const localMs = (text: string) => {
      const [y, mo, d, h, mi, sec] = text.split(/[- :.]/).map(Number);
      return new Date(y!, mo! - 1, d!, h!, mi!, sec!).getTime();
    };
    const sent = (await k()('tabCommunication').where({ reference_doctype: 'Opportunity', sent_or_received: 'Sent' }).groupBy('reference_name').select('reference_name').min({ first: 'communication_date' })) as { reference_name: string; first: string }[];
    const earliest = new Map(sent.map((r) => [r.reference_name, String(r.first)]));
    const opportunities = (await k()('tabOpportunity').select('name', 'creation', 'first_response_time')) as { name: string; creation: string; first_response_time: number | null }[];
    expect(earliest.size).to.be.greaterThan(0);
    for (const o of opportunities) {
      const first = earliest.get(o.name);
      const expected = first === undefined ? 0 : Math.round((localMs(first) - localMs(String(o.creation))) / 1000);
      expect(Number(o.first_response_time ?? 0), o.name).to.equal(expected);
    }
  });

  it("leads' statuses are what the Lead rule derives from their history", async () => {
    const { derivedLeadStatus } = await import('../../doctypes/lead/lead');
    const leads = (await k()('tabLead as l').whereExists(k()('tabOpportunity as o').whereRaw('o.party_name = l.name')).select('l.name', 'l.status')) as { name: string; status: string }[];
    expect(leads.length).to.be.greaterThan(0);
    for (const lead of leads) {
      const derived = await derivedLeadStatus(k(), site.registry, lead.name);
      // Lost deals leave no derived status: the lead falls back to Interested, as after a real loss.
      expect(lead.status, lead.name).to.equal(derived ?? 'Interested');
    }
  });

  it('leads with an open opportunity are in status Opportunity', async () => {
    const wrong = await k()('tabLead as l')
      .whereExists(k()('tabOpportunity as o').whereRaw('o.party_name = l.name').where('o.opportunity_from', 'Lead').whereNotIn('o.status', ['Lost', 'Converted']))
      .whereNot('l.status', 'Opportunity')
      .select('l.name', 'l.status');
    expect(wrong).to.deep.equal([]);
  });

  it('some invoices are overdue: unpaid past their due date', async () => {
    const overdue = await k()('tabSales Invoice').where('docstatus', 1).where('due_date', '<', AS_OF).where('outstanding_amount', '>', 0).count({ n: '*' }).first();
    expect(Number((overdue as { n: number }).n)).to.be.greaterThan(0);
  });
});
