/**
 * Sales Pipeline Leakage through frappe.desk.query_report.run, against funnels computed by hand from a
 * small fixture (March 2026; CRM.md section 3): creation at both period edges, one lost at the first,
 * second, third and last stage, open and closed ones, a win that skipped the later stages (its
 * cancelled and draft orders do not date the win), a stay that ended by moving back (not timed),
 * medians over odd and even counts; the Lead Funnel view with a lead converted directly and draft /
 * cancelled documents ignored; filters, a user restricted to one territory, bad filters.
 */
import { expect } from 'chai';
import { errorFields, expectError, ok } from '../fixtures/api/support';
import { customerOf, deal, installItem, lead, leadOpportunity, quotation, salesOrder } from '../fixtures/reports/pipeline';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';

const REPORT = 'Sales Pipeline Leakage';
const MARCH = { from_date: '2026-03-01', to_date: '2026-03-31' };
const ANA = 'ana@example.com';
const FRANCE_USER = 'france@example.com';
const [P, Q, N, V, I, PE, PR, NG] = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Identifying Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
];

type Row = Record<string, unknown>;

/** A stage row: [reached, lost, moved on, still open, conversion %, leakage %, mean days, median days]. */
function stage(name: string, [reached, lost, moved_on, still_open, conversion, leakage, mean_days, median_days]: (number | null)[]): Row {
  return { stage: name, reached, lost, moved_on, still_open, conversion, leakage, mean_days, median_days };
}
const won = (reached: number, mean: number | null, median: number | null) => stage('Won', [reached, 0, null, 0, null, null, mean, median]);
const nothing = (name: string) => stage(name, [0, 0, 0, 0, null, null, null, null]);

describe('report: Sales Pipeline Leakage', () => {
  let server: TestServer;
  let admin: ApiClient;

  const run = (client: ApiClient, filters: Row) => client.post('/api/method/frappe.desk.query_report.run', { report_name: REPORT, filters });
  const report = async (filters: Row, client = admin) => ok(await run(client, filters)).message;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'rep_leakage', api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    const k = server.site.db.knex;
    admin = await server.tokenClient('Administrator');
    for (const user of [ANA, FRANCE_USER]) await server.createUser(user, ['Sales User']);
    await installItem(docs);
    const acme = String((await docs.insert('Customer', { customer_name: 'Acme GmbH', territory: 'Germany' })).name);
    const bleu = String((await docs.insert('Customer', { customer_name: 'Bleu SARL', territory: 'France' })).name);
    const de = { party: acme, territory: 'Germany' };
    const fr = { party: bleu, territory: 'France' };

    // A: created on the first instant of the period, lost in Qualification. P stay 2 days.
    await deal(docs, k, { ...de, created: '2026-03-01 00:00:00', stages: [[P, '2026-03-01'], [Q, '2026-03-03']], outcome: 'lost' });
    // B: created on the last second of the period, open in Prospecting.
    await deal(docs, k, { ...fr, created: '2026-03-31 23:59:59', stages: [[P, '2026-03-31']] });
    // C: won from Needs Analysis (so it reached every stage): P 4, Q 6, N 10 days up to the order of 03-30.
    const c = await deal(docs, k, { ...de, owner: ANA, created: '2026-03-10 08:00:00', stages: [[P, '2026-03-10'], [Q, '2026-03-14'], [N, '2026-03-20']] });
    const cq = await quotation(docs, 'Customer', acme, 500, 'submitted', c);
    await salesOrder(docs, acme, '2026-03-21', 500, 'draft', cq);
    await salesOrder(docs, acme, '2026-03-25', 500, 'cancelled', cq);
    await salesOrder(docs, acme, '2026-03-30', 500, 'submitted', cq);
    // D: lost in Prospecting.
    await deal(docs, k, { ...de, created: '2026-03-05 12:00:00', stages: [[P, '2026-03-05']], outcome: 'lost' });
    // E: lost in Needs Analysis. P 2, Q 1.
    await deal(docs, k, { ...fr, created: '2026-03-06 12:00:00', stages: [[P, '2026-03-06'], [Q, '2026-03-08'], [N, '2026-03-09']], outcome: 'lost' });
    // F: open in Qualification. P 8.
    await deal(docs, k, { ...de, created: '2026-03-07 12:00:00', stages: [[P, '2026-03-07'], [Q, '2026-03-15']] });
    // G: moved back from Qualification (that stay is not timed), then on again: P 1 and P 8.
    await deal(docs, k, { ...de, created: '2026-03-08 12:00:00', stages: [[P, '2026-03-08'], [Q, '2026-03-09'], [P, '2026-03-12'], [Q, '2026-03-20']] });
    // J: closed in Prospecting: reached it, neither lost nor open there.
    await deal(docs, k, { ...de, created: '2026-03-12 12:00:00', stages: [[P, '2026-03-12']], outcome: 'closed' });
    // K: through every stage a day each, lost in the last.
    const days = [P, Q, N, V, I, PE, PR, NG].map((s, i): [string, string] => [s, `2026-03-${String(2 + i).padStart(2, '0')}`]);
    await deal(docs, k, { ...de, owner: ANA, created: '2026-03-02 09:00:00', stages: days, outcome: 'lost' });
    // Outside the period by one second each way.
    await deal(docs, k, { ...de, created: '2026-02-28 23:59:59', stages: [[P, '2026-02-28']], outcome: 'lost' });
    await deal(docs, k, { ...de, created: '2026-04-01 00:00:00', stages: [[P, '2026-04-01']] });

    // Leads of March: only an opportunity; up to a quotation; up to an order; converted directly;
    // only a draft quotation and a cancelled order; nothing. One lead of February with an order.
    const l1 = await lead(docs, k, 'One', '2026-03-01', 'Germany');
    await leadOpportunity(docs, l1, 'Germany');
    const l2 = await lead(docs, k, 'Two', '2026-03-10', 'Germany');
    await quotation(docs, 'Lead', l2, 100, 'submitted', await leadOpportunity(docs, l2, 'Germany'));
    const l3 = await lead(docs, k, 'Three', '2026-03-15', 'Germany');
    const q3 = await quotation(docs, 'Lead', l3, 1000, 'submitted', await leadOpportunity(docs, l3, 'Germany'));
    await salesOrder(docs, await customerOf(docs, l3, 'Germany'), '2026-04-02', 1000, 'submitted', q3);
    const l4 = await lead(docs, k, 'Four', '2026-03-20', 'France');
    await salesOrder(docs, await customerOf(docs, l4, 'France'), '2026-03-25', 300.5, 'submitted');
    const l5 = await lead(docs, k, 'Five', '2026-03-31', 'France');
    await quotation(docs, 'Lead', l5, 70, 'draft');
    await salesOrder(docs, await customerOf(docs, l5, 'France'), '2026-03-31', 70, 'cancelled');
    await lead(docs, k, 'Six', '2026-03-31', 'Germany');
    const l7 = await lead(docs, k, 'Seven', '2026-02-28', 'Germany');
    await salesOrder(docs, await customerOf(docs, l7, 'Germany'), '2026-03-05', 90, 'submitted');

    await docs.insert('User Permission', { user: FRANCE_USER, allow: 'Territory', for_value: 'France', apply_to_all_doctypes: 1 });
  });
  after(() => server?.close());

  /**
   * The March cohort: A B C D E F G J K, furthest levels A 2, B 1, C won, D 1, E 3, F 2, G 2, J 1, K 8.
   * Timed stays: P [2, 4, 2, 8, 1, 8, 1] (median of 7: 2, mean 26/7), Q [6, 1, 1], N [10, 1] (median of
   * 2: 5.5), V..PR [1] (K); none in NG (K was lost there). Won: C, 20 days from creation.
   */
  const MARCH_FUNNEL = [
    stage(P, [9, 1, 6, 1, 66.67, 11.11, 3.71, 2]),
    stage(Q, [6, 1, 3, 2, 50, 16.67, 2.67, 1]),
    stage(N, [3, 1, 2, 0, 66.67, 33.33, 5.5, 5.5]),
    ...[V, I, PE, PR].map((s) => stage(s, [2, 0, 2, 0, 100, 0, 1, 1])),
    stage(NG, [2, 1, 1, 0, 50, 50, null, null]),
    won(1, 20, 20),
  ];

  it('follows the cohort created in the period (both edges) through the stages to Won', async () => {
    const answer = await report(MARCH);
    expect(answer.result).to.deep.equal(MARCH_FUNNEL);
    expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal(['stage', 'reached', 'lost', 'moved_on', 'still_open', 'conversion', 'leakage', 'mean_days', 'median_days']);
  });

  it('charts reached per step as a bar funnel and sums up win rate, worst stage and days to win', async () => {
    const answer = await report(MARCH);
    expect(answer.chart).to.deep.equal({
      type: 'bar',
      data: { labels: [P, Q, N, V, I, PE, PR, NG, 'Won'], datasets: [{ name: 'Reached', values: [9, 6, 3, 2, 2, 2, 2, 2, 1] }] },
    });
    expect(answer.report_summary).to.deep.equal([
      { value: 9, label: 'Opportunities', datatype: 'Int', indicator: 'Blue' },
      { value: 11.11, label: 'Win Rate', datatype: 'Percent', indicator: 'Green' },
      { value: NG, label: 'Highest Leakage', datatype: 'Data', indicator: 'Red' },
      { value: 20, label: 'Median Days to Win', datatype: 'Float', indicator: 'Blue' },
    ]);
  });

  it('a one-day period holds the opportunities created that day only', async () => {
    const answer = await report({ from_date: '2026-03-31', to_date: '2026-03-31' });
    expect(answer.result).to.deep.equal([stage(P, [1, 0, 0, 1, 0, 0, null, null]), ...[Q, N, V, I, PE, PR, NG].map(nothing), won(0, null, null)]);
    const february = await report({ from_date: '2026-02-28', to_date: '2026-02-28' });
    expect(february.result[0]).to.deep.equal(stage(P, [1, 1, 0, 0, 0, 100, null, null]));
  });

  it('an empty period lists every step with nothing reached', async () => {
    const answer = await report({ from_date: '2025-01-01', to_date: '2025-01-31' });
    expect(answer.result).to.deep.equal([...[P, Q, N, V, I, PE, PR, NG].map(nothing), won(0, null, null)]);
    expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([0, null, '', null]);
  });

  it('owner and territory (a subtree) narrow the cohort', async () => {
    // C and K: both reach every stage; K is lost in the last, C won.
    const ana = await report({ ...MARCH, owner: ANA });
    expect(ana.result.map((r: Row) => r.reached)).to.deep.equal([2, 2, 2, 2, 2, 2, 2, 2, 1]);
    expect(ana.result[7]).to.deep.equal(stage(NG, [2, 1, 1, 0, 50, 50, null, null]));
    expect((await report({ ...MARCH, territory: 'Europe' })).result).to.deep.equal(MARCH_FUNNEL);
    expect((await report({ ...MARCH, territory: 'Americas' })).result.map((r: Row) => r.reached)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('a user restricted to France sees the French cohort only', async () => {
    // B open in P; E lost in N after P 2 and Q 1 days.
    const expected = [stage(P, [2, 0, 1, 1, 50, 0, 2, 2]), stage(Q, [1, 0, 1, 0, 100, 0, 1, 1]), stage(N, [1, 1, 0, 0, 0, 100, null, null]), ...[V, I, PE, PR, NG].map(nothing), won(0, null, null)];
    const france = await server.tokenClient(FRANCE_USER);
    const answer = await report(MARCH, france);
    expect(answer.result).to.deep.equal(expected);
    expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([2, 0, N, null]);
    expect((await report({ ...MARCH, territory: 'France' })).result).to.deep.equal(expected);
  });

  describe('Lead Funnel view', () => {
    const LEAD = { ...MARCH, view: 'Lead Funnel' };
    const step = (name: string, leads: number, of_previous: number | null, of_cohort: number | null, skipped: number | null) => ({ step: name, leads, of_previous, of_cohort, skipped });

    it('follows the leads created in the period to opportunities, quotations and orders, as one cohort', async () => {
      // Leads One..Six. Opportunity: One, Two, Three, and Four (ordered directly: counted, skipped).
      // Quotation: Two, Three, Four (skipped). Order: Three, Four. Five's draft and cancelled count for nothing.
      const answer = await report(LEAD);
      expect(answer.result).to.deep.equal([
        step('Leads', 6, null, 100, null),
        step('Opportunity', 4, 66.67, 66.67, 1),
        step('Quotation', 3, 75, 50, 1),
        step('Sales Order', 2, 66.67, 33.33, null),
      ]);
      expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal(['step', 'leads', 'of_previous', 'of_cohort', 'skipped']);
      expect(answer.chart.data).to.deep.equal({ labels: ['Leads', 'Opportunity', 'Quotation', 'Sales Order'], datasets: [{ name: 'Leads', values: [6, 4, 3, 2] }] });
      expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([6, 33.33, 1300.5]);
    });

    it('the restricted user and the territory filter see the French leads only', async () => {
      const expected = [step('Leads', 2, null, 100, null), step('Opportunity', 1, 50, 50, 1), step('Quotation', 1, 100, 50, 1), step('Sales Order', 1, 100, 50, null)];
      expect((await report(LEAD, await server.tokenClient(FRANCE_USER))).result).to.deep.equal(expected);
      expect((await report({ ...LEAD, territory: 'France' })).result).to.deep.equal(expected);
      expect((await report({ ...LEAD, from_date: '2026-03-02', to_date: '2026-03-14' })).result[0]).to.deep.equal(step('Leads', 1, null, 100, null));
    });

    it('an empty cohort has no percentages', async () => {
      const answer = await report({ ...LEAD, from_date: '2025-01-01', to_date: '2025-01-31' });
      expect(answer.result).to.deep.equal([step('Leads', 0, null, null, null), step('Opportunity', 0, null, null, 0), step('Quotation', 0, null, null, 0), step('Sales Order', 0, null, null, null)]);
    });
  });

  it('rejects bad filters, naming the field', async () => {
    const bad = async (filters: Row, field: string) => {
      const answer = expectError(await run(admin, filters), 417);
      expect(errorFields(answer), JSON.stringify(answer.body)).to.include(field);
    };
    await bad({ ...MARCH, from_date: 'last week' }, 'from_date');
    await bad({ from_date: '2026-04-01', to_date: '2026-03-01' }, 'from_date');
    await bad({ ...MARCH, view: 'Sankey' }, 'view');
    await bad({ ...MARCH, territory: 'Atlantis' }, 'territory');
    await bad({ ...MARCH, campaign: 'No Such Campaign' }, 'campaign');
    await bad({ ...MARCH, owner: 'nobody@example.com' }, 'owner');
  });
});
