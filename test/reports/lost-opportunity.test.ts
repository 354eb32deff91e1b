/**
 * Lost Opportunity over the API (frappe.desk.query_report.run) against rows computed by hand from a
 * small fixture: lost_on boundaries included, opportunities not Lost ignored, reasons joined in one
 * binary order on both databases, amounts in the company currency, the reason / subtree / owner /
 * party-type filters, the chart and summary, a user restricted to one territory, bad filters.
 */
import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { errorFields, expectError, ok } from '../fixtures/api/support';

const REPORT = 'Lost Opportunity';
const MARCH = { from_date: '2026-03-01', to_date: '2026-03-31' };
const ANA = 'ana@example.com';
const BEN = 'ben@example.com';

describe('report: Lost Opportunity', () => {
  let server: TestServer;
  let admin: ApiClient;
  /** Opportunity names by fixture key. */
  const opp: Record<string, string> = {};
  /** The rows expected for the three losses in March, by fixture key. */
  let rows: Record<'first' | 'last' | 'lead', Record<string, unknown>>;

  const run = (client: ApiClient, filters: Record<string, unknown>) => client.post('/api/method/frappe.desk.query_report.run', { report_name: REPORT, filters });
  const report = async (filters: Record<string, unknown>, client = admin) => ok(await run(client, filters)).message;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'lost_opp' });
    const docs = server.site.documents;
    const k = server.site.db.knex;
    admin = await server.tokenClient('Administrator');
    for (const user of [ANA, BEN]) await server.createUser(user, ['Sales User']);
    // Lower case sorts after upper case in binary order, before it in MariaDB's unicode_ci.
    await docs.insert('Opportunity Lost Reason', { lost_reason: 'budget freeze' });
    const acme = String((await docs.insert('Customer', { customer_name: 'Acme GmbH', territory: 'Germany' })).name);
    const bleu = String((await docs.insert('Customer', { customer_name: 'Bleu SARL', territory: 'France' })).name);
    const ada = String((await docs.insert('Lead', { first_name: 'Ada', lead_name: 'Ada Lovelace', company_name: 'Analytical Engines' })).name);

    /**
     * The controller stamps lost_on with today; the fixture needs fixed days, so lost_on is then
     * written directly with knex, as the demo generator back-dates its history.
     */
    const add = async (key: string, values: Record<string, unknown>, lostOn?: string) => {
      opp[key] = String((await docs.insert('Opportunity', { company: 'Tabula Demo Ltd', ...values })).name);
      if (lostOn) await k('tabOpportunity').where('name', opp[key]).update({ lost_on: lostOn });
    };
    const lost = (...reasons: string[]) => ({ status: 'Lost', lost_reasons: reasons.map((lost_reason) => ({ lost_reason })) });
    await add('first', { opportunity_from: 'Customer', party_name: acme, territory: 'Germany', sales_stage: 'Proposal/Price Quote', opportunity_amount: 1000.1, opportunity_owner: ANA, ...lost('Went with competitor', 'budget freeze', 'Price too high') }, '2026-03-01');
    // The same reason twice (the API allows it) is listed and counted once.
    await add('last', { opportunity_from: 'Customer', party_name: bleu, territory: 'France', sales_stage: 'Qualification', opportunity_amount: 250.2, opportunity_owner: BEN, ...lost('Price too high', 'Price too high') }, '2026-03-31');
    // Amount in another currency: the report shows base_opportunity_amount (2000 x 2).
    await add('lead', { opportunity_from: 'Lead', party_name: ada, territory: 'United States', sales_stage: 'Negotiation/Review', opportunity_amount: 2000, conversion_rate: 2, opportunity_owner: ANA, ...lost('No budget') }, '2026-03-15');
    await add('before', { opportunity_from: 'Customer', party_name: acme, territory: 'Germany', opportunity_amount: 10, ...lost('Timing') }, '2026-02-28');
    await add('after', { opportunity_from: 'Customer', party_name: bleu, territory: 'France', opportunity_amount: 20, ...lost('Timing') }, '2026-04-01');
    await add('open', { opportunity_from: 'Customer', party_name: acme, territory: 'Germany', opportunity_amount: 30 });
    // Lost, then reopened: the controller clears lost_on; a stale lost_on written around it must not count either.
    await add('reopened', { opportunity_from: 'Customer', party_name: bleu, territory: 'France', opportunity_amount: 40, ...lost('Timing') });
    await docs.save('Opportunity', opp.reopened!, { status: 'Replied' });
    await k('tabOpportunity').where('name', opp.reopened).update({ lost_on: '2026-03-10' });

    const row = (key: string, from: string, party: string, values: Record<string, unknown>) => ({ opportunity: opp[key], opportunity_from: from, party_name: party, ...values });
    rows = {
      first: row('first', 'Customer', acme, {
        customer_name: 'Acme GmbH',
        sales_stage: 'Proposal/Price Quote',
        // Entered in another order; binary order puts lower case last.
        lost_reasons: 'Price too high, Went with competitor, budget freeze',
        amount: 1000.1,
        opportunity_owner: ANA,
        territory: 'Germany',
        lost_on: '2026-03-01',
      }),
      last: row('last', 'Customer', bleu, { customer_name: 'Bleu SARL', sales_stage: 'Qualification', lost_reasons: 'Price too high', amount: 250.2, opportunity_owner: BEN, territory: 'France', lost_on: '2026-03-31' }),
      lead: row('lead', 'Lead', ada, { customer_name: 'Analytical Engines', sales_stage: 'Negotiation/Review', lost_reasons: 'No budget', amount: 4000, opportunity_owner: ANA, territory: 'United States', lost_on: '2026-03-15' }),
    };
  });
  after(() => server?.close());

  it('lists the Lost opportunities with lost_on in the period, both ends included, newest loss first', async () => {
    const answer = await report(MARCH);
    expect(answer.result).to.deep.equal([rows.last, rows.lead, rows.first]);
    expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal([
      'opportunity', 'opportunity_from', 'party_name', 'customer_name', 'sales_stage', 'lost_reasons', 'amount', 'opportunity_owner', 'territory', 'lost_on',
    ]);
  });

  it('charts count and amount per reason (an opportunity under each of its reasons) and sums up in the summary', async () => {
    const answer = await report(MARCH);
    // Price too high: first + last = 2, 1000.1 + 250.2; then by count, amount, reason in binary order.
    expect(answer.chart).to.deep.equal({
      type: 'bar',
      data: {
        labels: ['Price too high', 'No budget', 'Went with competitor', 'budget freeze'],
        datasets: [
          { name: 'Lost Opportunities', values: [2, 1, 1, 1] },
          { name: 'Lost Amount', values: [1250.3, 4000, 1000.1, 1000.1] },
        ],
      },
    });
    expect(answer.report_summary).to.deep.equal([
      { value: 3, label: 'Lost Opportunities', datatype: 'Int', indicator: 'Red' },
      { value: 5250.3, label: 'Lost Amount', datatype: 'Currency', indicator: 'Red' },
      { value: 'Price too high', label: 'Top Lost Reason', datatype: 'Data', indicator: 'Orange' },
    ]);
  });

  it('a one-day period holds the losses of that day only', async () => {
    expect((await report({ from_date: '2026-03-31', to_date: '2026-03-31' })).result).to.deep.equal([rows.last]);
    expect((await report({ from_date: '2026-02-28', to_date: '2026-02-28' })).result.map((r: { opportunity: string }) => r.opportunity)).to.deep.equal([opp.before]);
  });

  it('lost_reason keeps the opportunities with that reason, all their reasons still listed', async () => {
    const answer = await report({ ...MARCH, lost_reason: 'Went with competitor' });
    expect(answer.result).to.deep.equal([rows.first]);
    // Ties on count and amount go by reason, in binary order.
    expect(answer.chart.data).to.deep.equal({
      labels: ['Price too high', 'Went with competitor', 'budget freeze'],
      datasets: [
        { name: 'Lost Opportunities', values: [1, 1, 1] },
        { name: 'Lost Amount', values: [1000.1, 1000.1, 1000.1] },
      ],
    });
    expect((await report({ ...MARCH, lost_reason: 'Price too high' })).result).to.deep.equal([rows.last, rows.first]);
    expect((await report({ ...MARCH, lost_reason: 'Timing' })).result).to.deep.equal([]);
  });

  it('territory takes the whole subtree; owner and opportunity_from narrow further', async () => {
    expect((await report({ ...MARCH, territory: 'Europe' })).result).to.deep.equal([rows.last, rows.first]);
    expect((await report({ ...MARCH, territory: 'Germany' })).result).to.deep.equal([rows.first]);
    expect((await report({ ...MARCH, territory: 'All Territories' })).result).to.deep.equal([rows.last, rows.lead, rows.first]);
    expect((await report({ ...MARCH, owner: ANA })).result).to.deep.equal([rows.lead, rows.first]);
    expect((await report({ ...MARCH, opportunity_from: 'Lead' })).result).to.deep.equal([rows.lead]);
    expect((await report({ ...MARCH, opportunity_from: 'Customer', territory: 'Americas' })).result).to.deep.equal([]);
  });

  it('an empty period answers no rows, an empty chart and a zero summary', async () => {
    const answer = await report({ from_date: '2025-01-01', to_date: '2025-01-31' });
    expect(answer.result).to.deep.equal([]);
    expect(answer.chart.data.labels).to.deep.equal([]);
    expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([0, 0, '']);
  });

  it('a user restricted to France sees only French losses, in rows, chart and summary', async () => {
    await server.site.documents.insert('User Permission', { user: BEN, allow: 'Territory', for_value: 'France', apply_to_all_doctypes: 1 });
    const ben = await server.tokenClient(BEN);
    const answer = await report(MARCH, ben);
    expect(answer.result).to.deep.equal([rows.last]);
    expect(answer.chart.data).to.deep.equal({ labels: ['Price too high'], datasets: [{ name: 'Lost Opportunities', values: [1] }, { name: 'Lost Amount', values: [250.2] }] });
    expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([1, 250.2, 'Price too high']);
    expect((await report({ ...MARCH, territory: 'Germany' }, ben)).result).to.deep.equal([]);
  });

  it('rejects bad filters, naming the field', async () => {
    const bad = async (filters: Record<string, unknown>, field: string) => {
      const answer = expectError(await run(admin, filters), 417);
      expect(errorFields(answer), JSON.stringify(answer.body)).to.include(field);
    };
    await bad({ ...MARCH, from_date: 'yesterday' }, 'from_date');
    await bad({ from_date: '2026-04-01', to_date: '2026-03-31' }, 'from_date');
    await bad({ ...MARCH, lost_reason: 'Bad Luck' }, 'lost_reason');
    await bad({ ...MARCH, opportunity_from: 'Prospect' }, 'opportunity_from');
    await bad({ ...MARCH, territory: 'Atlantis' }, 'territory');
  });
});
