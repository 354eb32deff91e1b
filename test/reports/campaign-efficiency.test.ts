/**
 * Campaign Efficiency through frappe.desk.query_report.run, against rows computed by hand from a small
 * fixture (leads of March 2026): leads followed across their conversion to a Customer (an
 * opportunity and quotation for the customer count), a lead converted directly to an order, drafts
 * and cancelled documents ignored, leads outside the period or without a campaign left out,
 * campaigns without leads listed when their dates touch the period (boundaries on both sides), the
 * totals row and summary, filters, a user restricted to one territory, bad filters.
 */
import { expect } from 'chai';
import { errorFields, expectError, ok } from '../fixtures/api/support';
import { customerOf, installItem, lead, leadOpportunity, quotation, salesOrder } from '../fixtures/reports/pipeline';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';

const REPORT = 'Campaign Efficiency';
const MARCH = { from_date: '2026-03-01', to_date: '2026-03-31' };
const FRANCE_USER = 'france@example.com';

type Row = Record<string, unknown>;

/** [leads, opportunities, quotations, orders, value, lead->opp %, opp->quot %, quot->order %, lead->order %, value per lead] */
function row(campaign: string, values: (number | null)[]): Row {
  const [leads, opportunities, quotations, orders, order_value, lead_to_opportunity, opportunity_to_quotation, quotation_to_order, lead_to_order, value_per_lead] = values;
  return { campaign, leads, opportunities, quotations, orders, order_value, lead_to_opportunity, opportunity_to_quotation, quotation_to_order, lead_to_order, value_per_lead };
}
const empty = (campaign: string) => row(campaign, [0, 0, 0, 0, 0, null, null, null, null, null]);

describe('report: Campaign Efficiency', () => {
  let server: TestServer;
  let admin: ApiClient;

  const run = (client: ApiClient, filters: Row) => client.post('/api/method/frappe.desk.query_report.run', { report_name: REPORT, filters });
  const report = async (filters: Row, client = admin) => ok(await run(client, filters)).message;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'rep_campaign', api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    const k = server.site.db.knex;
    admin = await server.tokenClient('Administrator');
    await server.createUser(FRANCE_USER, ['Sales User']);
    await installItem(docs);
    const campaign = (campaign_name: string, start_date?: string, end_date?: string) => docs.insert('Campaign', { campaign_name, start_date, end_date });
    await campaign('Spring Push', '2026-02-01', '2026-03-15');
    await campaign('Autumn Fair');
    // No leads: listed when the dates touch March (Edge Promo ends on its first day), not otherwise.
    await campaign('Silent Launch', '2026-03-20', '2026-04-30');
    await campaign('Edge Promo', '2026-02-01', '2026-03-01');
    await campaign('Old Promo', '2025-01-01', '2025-02-01');
    await campaign('Future Promo', '2026-04-01', '2026-04-30');

    // Spring Push: an opportunity only; up to a quotation; up to an order of 1000; a lead whose
    // opportunity and quotation came after it became a Customer.
    const l1 = await lead(docs, k, 'One', '2026-03-01', 'Germany', 'Spring Push');
    await leadOpportunity(docs, l1, 'Germany');
    const l2 = await lead(docs, k, 'Two', '2026-03-10', 'Germany', 'Spring Push');
    await quotation(docs, 'Lead', l2, 100, 'submitted', await leadOpportunity(docs, l2, 'Germany'));
    const l3 = await lead(docs, k, 'Three', '2026-03-15', 'Germany', 'Spring Push');
    const q3 = await quotation(docs, 'Lead', l3, 1000, 'submitted', await leadOpportunity(docs, l3, 'Germany'));
    await salesOrder(docs, await customerOf(docs, l3, 'Germany'), '2026-04-02', 1000, 'submitted', q3);
    const l8 = await lead(docs, k, 'Eight', '2026-03-31', 'Germany', 'Spring Push');
    const c8 = await customerOf(docs, l8, 'Germany');
    const o8 = String((await docs.insert('Opportunity', { opportunity_from: 'Customer', party_name: c8, territory: 'Germany', company: 'Tabula Demo Ltd' })).name);
    await quotation(docs, 'Customer', c8, 40, 'submitted', o8);
    // Autumn Fair: converted directly to an order of 300.5; a draft quotation and a cancelled order only;
    // a lead of February with an order (outside the period).
    const l4 = await lead(docs, k, 'Four', '2026-03-20', 'France', 'Autumn Fair');
    await salesOrder(docs, await customerOf(docs, l4, 'France'), '2026-03-25', 300.5, 'submitted');
    const l5 = await lead(docs, k, 'Five', '2026-03-31', 'France', 'Autumn Fair');
    await quotation(docs, 'Lead', l5, 70, 'draft');
    await salesOrder(docs, await customerOf(docs, l5, 'France'), '2026-03-31', 70, 'cancelled');
    const l7 = await lead(docs, k, 'Seven', '2026-02-28', 'Germany', 'Autumn Fair');
    await salesOrder(docs, await customerOf(docs, l7, 'Germany'), '2026-03-05', 90, 'submitted');
    // No campaign: not a row.
    const l6 = await lead(docs, k, 'Six', '2026-03-12', 'Germany');
    await salesOrder(docs, await customerOf(docs, l6, 'Germany'), '2026-03-20', 50, 'submitted');

    await docs.insert('User Permission', { user: FRANCE_USER, allow: 'Territory', for_value: 'France', apply_to_all_doctypes: 1 });
  });
  after(() => server?.close());

  const SPRING = row('Spring Push', [4, 4, 3, 1, 1000, 100, 75, 33.33, 25, 250]);
  const AUTUMN = row('Autumn Fair', [2, 1, 1, 1, 300.5, 50, 100, 100, 50, 150.25]);

  it('counts per campaign the leads of the period and how far they got, by order value, with a totals row', async () => {
    const answer = await report(MARCH);
    expect(answer.result).to.deep.equal([SPRING, AUTUMN, empty('Edge Promo'), empty('Silent Launch'), ['Total', 6, 5, 4, 2, 1300.5, '', '', '', '', '']]);
    expect(answer.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal([
      'campaign', 'leads', 'opportunities', 'quotations', 'orders', 'order_value',
      'lead_to_opportunity', 'opportunity_to_quotation', 'quotation_to_order', 'lead_to_order', 'value_per_lead',
    ]);
  });

  it('charts the four counts per campaign and puts the ratios of the totals in the summary', async () => {
    const answer = await report(MARCH);
    expect(answer.chart).to.deep.equal({
      type: 'bar',
      data: {
        labels: ['Spring Push', 'Autumn Fair', 'Edge Promo', 'Silent Launch'],
        datasets: [
          { name: 'Leads', values: [4, 2, 0, 0] },
          { name: 'Opportunities', values: [4, 1, 0, 0] },
          { name: 'Quotations', values: [3, 1, 0, 0] },
          { name: 'Orders', values: [1, 1, 0, 0] },
        ],
      },
    });
    expect(answer.report_summary).to.deep.equal([
      { value: 6, label: 'Leads', datatype: 'Int', indicator: 'Blue' },
      { value: 83.33, label: 'Lead to Opportunity', datatype: 'Percent', indicator: 'Blue' },
      { value: 33.33, label: 'Lead to Order', datatype: 'Percent', indicator: 'Green' },
      { value: 1300.5, label: 'Order Value', datatype: 'Currency', indicator: 'Green' },
      { value: 216.75, label: 'Value per Lead', datatype: 'Currency', indicator: 'Green' },
    ]);
  });

  it('the period edges: leads of the first and the last day count, the day before does not', async () => {
    // Five and Eight (03-31); equal value and leads: by campaign name.
    expect((await report({ from_date: '2026-03-31', to_date: '2026-03-31' })).result.slice(0, 2)).to.deep.equal([
      row('Autumn Fair', [1, 0, 0, 0, 0, 0, null, null, 0, 0]),
      row('Spring Push', [1, 1, 1, 0, 0, 100, 100, 0, 0, 0]),
    ]);
    expect((await report({ from_date: '2026-03-01', to_date: '2026-03-01' })).result[0]).to.deep.equal(row('Spring Push', [1, 1, 0, 0, 0, 100, 0, null, 0, 0]));
    const february = await report({ from_date: '2026-02-28', to_date: '2026-02-28' });
    expect(february.result[0]).to.deep.equal(row('Autumn Fair', [1, 1, 1, 1, 90, 100, 100, 100, 100, 90]));
    expect(february.result.slice(1, -1).map((r: Row) => r.campaign)).to.deep.equal(['Edge Promo', 'Spring Push']);
  });

  it('campaign, territory and source narrow the leads; a campaign asked for is listed without leads', async () => {
    expect((await report({ ...MARCH, campaign: 'Autumn Fair' })).result).to.deep.equal([AUTUMN, ['Total', 2, 1, 1, 1, 300.5, '', '', '', '', '']]);
    expect((await report({ ...MARCH, campaign: 'Old Promo' })).result.slice(0, 1)).to.deep.equal([empty('Old Promo')]);
    expect((await report({ ...MARCH, territory: 'Germany' })).result[0]).to.deep.equal(SPRING);
    expect((await report({ ...MARCH, territory: 'Germany' })).result[1]).to.deep.equal(empty('Autumn Fair'));
    expect((await report({ ...MARCH, source: 'Advertisement' })).result.map((r: Row | unknown[]) => (Array.isArray(r) ? r[1] : r.leads))).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('a user restricted to France counts the French leads only', async () => {
    const answer = await report(MARCH, await server.tokenClient(FRANCE_USER));
    expect(answer.result).to.deep.equal([AUTUMN, empty('Edge Promo'), empty('Silent Launch'), empty('Spring Push'), ['Total', 2, 1, 1, 1, 300.5, '', '', '', '', '']]);
  });

  it('rejects bad filters, naming the field', async () => {
    const bad = async (filters: Row, field: string) => {
      const answer = expectError(await run(admin, filters), 417);
      expect(errorFields(answer), JSON.stringify(answer.body)).to.include(field);
    };
    await bad({ ...MARCH, to_date: '31/03/2026' }, 'to_date');
    await bad({ from_date: '2026-04-01', to_date: '2026-03-01' }, 'from_date');
    await bad({ ...MARCH, campaign: 'Winter Gala' }, 'campaign');
    await bad({ ...MARCH, territory: 'Atlantis' }, 'territory');
    await bad({ ...MARCH, group_by: 'Campaign' }, 'group_by');
  });
});
