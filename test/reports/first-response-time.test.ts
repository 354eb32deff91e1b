/**
 * First Response Time for Opportunity over the API (frappe.desk.query_report.run) against rows
 * computed by hand: creation-day boundaries included, opportunities without a response left out of
 * the averages but counted in the summary, averages rounded half up to whole seconds on both
 * databases, the per-owner view, a user restricted to one territory, bad filters.
 */
import { expect } from 'chai';
import { formatDatetime } from '../../core/document';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { errorFields, expectError, ok } from '../fixtures/api/support';

const REPORT = 'First Response Time for Opportunity';
const JUNE = { from_date: '2026-06-01', to_date: '2026-06-03' };
const ANA = 'ana@example.com';
const BEN = 'ben@example.com';

/** "YYYY-MM-DD HH:MM:SS" plus some seconds, in local time as the Communication controller reads it. */
function later(at: string, seconds: number): string {
  const d = new Date(at.replace(' ', 'T'));
  return formatDatetime(new Date(d.getTime() + seconds * 1000)).slice(0, 19);
}

describe('report: First Response Time for Opportunity', () => {
  let server: TestServer;
  let admin: ApiClient;

  const run = (client: ApiClient, filters: Record<string, unknown>) => client.post('/api/method/frappe.desk.query_report.run', { report_name: REPORT, filters });
  const report = async (filters: Record<string, unknown>, client = admin) => ok(await run(client, filters)).message;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'first_response' });
    const docs = server.site.documents;
    const k = server.site.db.knex;
    admin = await server.tokenClient('Administrator');
    for (const user of [ANA, BEN]) await server.createUser(user, ['Sales User']);
    const customer = String((await docs.insert('Customer', { customer_name: 'Acme GmbH', territory: 'Germany' })).name);

    /**
     * The framework stamps creation with now; the fixture needs given days, so creation is written
     * directly with knex (as the demo generator does) before the reply that measures from it.
     */
    const add = async (created: string, territory: string, owner: string | null, reply: { sent?: number; received?: number }) => {
      const name = String((await docs.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer, territory, opportunity_owner: owner })).name);
      await k('tabOpportunity').where('name', name).update({ creation: `${created}.000000` });
      for (const [direction, seconds] of [['Received', reply.received], ['Sent', reply.sent]] as const)
        if (seconds !== undefined)
          await docs.insert('Communication', { subject: direction, sent_or_received: direction, communication_date: later(created, seconds), reference_doctype: 'Opportunity', reference_name: name });
    };
    await add('2026-06-01 00:00:00', 'Germany', ANA, { sent: 3600 });
    await add('2026-06-01 15:30:00', 'France', BEN, { received: 10, sent: 3601 });
    await add('2026-06-02 09:00:00', 'United States', null, { sent: 7200 });
    await add('2026-06-02 10:00:00', 'Germany', BEN, {});
    await add('2026-06-02 11:00:00', 'Germany', null, { received: 60 });
    await add('2026-06-03 23:59:59', 'France', ANA, { sent: 120 });
    await add('2026-05-31 23:59:59', 'Germany', ANA, { sent: 60 });
    await add('2026-06-04 00:00:00', 'Germany', ANA, { sent: 60 });
  });
  after(() => server?.close());

  it('averages the first response per day of creation, both ends included, rounded half up', async () => {
    const answer = await report(JUNE);
    // 1 June: (3600 + 3601) / 2 = 3600.5 -> 3601. 2 June: one of three answered.
    expect(answer.result).to.deep.equal([
      { creation_date: '2026-06-01', first_response_time: 3601, opportunities: 2 },
      { creation_date: '2026-06-02', first_response_time: 7200, opportunities: 1 },
      { creation_date: '2026-06-03', first_response_time: 120, opportunities: 1 },
    ]);
    expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal(['creation_date', 'first_response_time', 'opportunities']);
    expect(answer.chart).to.deep.equal({
      type: 'line',
      fieldtype: 'Duration',
      data: { labels: ['2026-06-01', '2026-06-02', '2026-06-03'], datasets: [{ name: 'Average First Response Time', values: [3601, 7200, 120] }] },
    });
  });

  it('sums up over opportunities, not days: the overall average, with and without a response', async () => {
    // (3600 + 3601 + 7200 + 120) / 4 = 3630.25; the two on 2 June without a Sent reply.
    expect((await report(JUNE)).report_summary).to.deep.equal([
      { value: 3630, label: 'Average First Response Time', datatype: 'Duration', indicator: 'Blue' },
      { value: 4, label: 'Opportunities with a Response', datatype: 'Int', indicator: 'Green' },
      { value: 2, label: 'Opportunities without a Response', datatype: 'Int', indicator: 'Orange' },
    ]);
  });

  it('group_by Owner: one row per opportunity owner, no owner last, as bars', async () => {
    const answer = await report({ ...JUNE, group_by: 'Owner' });
    // ana: (3600 + 120) / 2; ben: 3601 (his unanswered one does not count).
    expect(answer.result).to.deep.equal([
      { opportunity_owner: ANA, first_response_time: 1860, opportunities: 2 },
      { opportunity_owner: BEN, first_response_time: 3601, opportunities: 1 },
      { opportunity_owner: null, first_response_time: 7200, opportunities: 1 },
    ]);
    expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal(['opportunity_owner', 'first_response_time', 'opportunities']);
    expect(answer.chart.type).to.equal('bar');
    expect(answer.chart.data.labels).to.deep.equal([ANA, BEN, 'Not Set']);
  });

  it('a one-day period and an empty one', async () => {
    expect((await report({ from_date: '2026-06-03', to_date: '2026-06-03' })).result).to.deep.equal([{ creation_date: '2026-06-03', first_response_time: 120, opportunities: 1 }]);
    const empty = await report({ from_date: '2026-01-01', to_date: '2026-01-31' });
    expect(empty.result).to.deep.equal([]);
    expect(empty.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([null, 0, 0]);
  });

  it('a user restricted to France averages French opportunities only', async () => {
    await server.site.documents.insert('User Permission', { user: BEN, allow: 'Territory', for_value: 'France', apply_to_all_doctypes: 1 });
    const ben = await server.tokenClient(BEN);
    const answer = await report(JUNE, ben);
    expect(answer.result).to.deep.equal([
      { creation_date: '2026-06-01', first_response_time: 3601, opportunities: 1 },
      { creation_date: '2026-06-03', first_response_time: 120, opportunities: 1 },
    ]);
    // (3601 + 120) / 2 = 1860.5 -> 1861.
    expect(answer.report_summary.map((s: { value: unknown }) => s.value)).to.deep.equal([1861, 2, 0]);
  });

  it('rejects bad filters, naming the field', async () => {
    const bad = async (filters: Record<string, unknown>, field: string) => {
      const answer = expectError(await run(admin, filters), 417);
      expect(errorFields(answer), JSON.stringify(answer.body)).to.include(field);
    };
    await bad({ ...JUNE, group_by: 'Week' }, 'group_by');
    await bad({ ...JUNE, from_date: 'yesterday' }, 'from_date');
    await bad({ from_date: '2026-06-04', to_date: '2026-06-03' }, 'from_date');
    await bad({ ...JUNE, territory: 'Germany' }, 'territory');
  });
});
