/**
 * Lead Details against hand-computed rows: leads created in the period (both ends included), newest
 * first; city and country from the primary address, else
 * the lead's own; status, source, owner filters and the territory subtree; a user restricted to one
 * territory sees only its leads; bad filters are refused naming the field.
 */
import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';

const RUN = '/api/method/frappe.desk.query_report.run';

describe('reports: Lead Details', () => {
  let server: TestServer;
  let admin: ApiClient;
  let germany: ApiClient;
  const names: Record<string, string> = {};

  /** Places a lead's creation on a given day (the framework stamps now; history is back-dated as the demo does). */
  const createdOn = (name: string, day: string) => server.site.db.knex('tabLead').where({ name }).update({ creation: `${day} 10:00:00.000000` });

  const row = (key: string, values: Record<string, unknown>) => ({
    lead: names[key],
    lead_name: null,
    company_name: null,
    status: 'Lead',
    source: null,
    lead_owner: 'Administrator',
    territory: null,
    email_id: null,
    mobile_no: null,
    city: null,
    country: null,
    created_on: null,
    ...values,
  });

  const run = (client: ApiClient, filters: Record<string, unknown>) => client.post(RUN, { report_name: 'Lead Details', filters });

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'lead_details', api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    const lead = async (key: string, values: Record<string, unknown>, day: string) => {
      names[key] = String((await docs.insert('Lead', values)).name);
      await createdOn(names[key]!, day);
    };
    await lead('ada', { first_name: 'Ada', company_name: 'Engines', email_id: 'ada@x.example', mobile_no: '+49 30 1234', territory: 'Germany', source: 'Website', city: 'Bonn', country: 'Germany' }, '2026-03-01');
    await lead('bob', { first_name: 'Bob', territory: 'France', source: 'Cold Calling', city: 'Lyon', country: 'France' }, '2026-03-15');
    await lead('cy', { first_name: 'Cy', territory: 'United States', status: 'Do Not Contact' }, '2026-03-31');
    await lead('old', { first_name: 'Old', territory: 'Germany' }, '2026-02-28');
    await lead('late', { first_name: 'Late', territory: 'Germany' }, '2026-04-01');
    const address = (title: string, city: string, country: string, lead: string, primary: number) =>
      docs.insert('Address', { address_title: title, address_line1: '1 Main St', city, country, is_primary_address: primary, links: [{ link_doctype: 'Lead', link_name: lead }] });
    // Ada's second primary address takes the flag from the first (one primary per party, as in ERPNext);
    // Bob's only address is not primary, so his own city and country show.
    await address('Ada HQ', 'Berlin', 'Germany', names.ada!, 1);
    await address('Ada Works', 'Munich', 'Germany', names.ada!, 1);
    await address('Bob Depot', 'Paris', 'France', names.bob!, 0);
    await server.createUser('de@ex.com', ['Sales User']);
    await docs.insert('User Permission', { user: 'de@ex.com', allow: 'Territory', for_value: 'Germany' });
    admin = await server.tokenClient('Administrator');
    germany = await server.tokenClient('de@ex.com');
  });
  after(() => server?.close());

  const MARCH = { from_date: '2026-03-01', to_date: '2026-03-31' };
  const ADA = () => row('ada', { lead_name: 'Ada', company_name: 'Engines', territory: 'Germany', source: 'Website', email_id: 'ada@x.example', mobile_no: '+49 30 1234', city: 'Munich', country: 'Germany', created_on: '2026-03-01' });
  const BOB = () => row('bob', { lead_name: 'Bob', territory: 'France', source: 'Cold Calling', city: 'Lyon', country: 'France', created_on: '2026-03-15' });
  const CY = () => row('cy', { lead_name: 'Cy', territory: 'United States', status: 'Do Not Contact', created_on: '2026-03-31' });

  it('lists the leads created in the period, both ends included, newest first, with the primary address', async () => {
    const answer = await run(admin, MARCH);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    expect(answer.body.message.result).to.deep.equal([CY(), BOB(), ADA()]);
    expect(answer.body.message.report_summary[0]).to.deep.include({ value: 3, label: 'Leads' });
  });

  it('filters by status, source, owner and territory subtree', async () => {
    expect((await run(admin, { ...MARCH, status: 'Do Not Contact' })).body.message.result).to.deep.equal([CY()]);
    expect((await run(admin, { ...MARCH, source: 'Website' })).body.message.result).to.deep.equal([ADA()]);
    expect((await run(admin, { ...MARCH, territory: 'Europe' })).body.message.result).to.deep.equal([BOB(), ADA()]);
    expect((await run(admin, { ...MARCH, owner: 'Administrator' })).body.message.result).to.have.length(3);
  });

  it('shows a user restricted to Germany only the German leads', async () => {
    const answer = await run(germany, { from_date: '2026-01-01', to_date: '2026-12-31' });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    expect(answer.body.message.result.map((r: { lead: string }) => r.lead)).to.deep.equal([names.late, names.ada, names.old]);
  });

  it('refuses bad filters naming the field', async () => {
    for (const [filters, fieldname] of [
      [{ ...MARCH, from_date: 'yesterday' }, 'from_date'],
      [{ ...MARCH, status: 'Hot' }, 'status'],
      [{ ...MARCH, territory: 'Atlantis' }, 'territory'],
      [{ ...MARCH, source: 'Carrier Pigeon' }, 'source'],
    ] as const) {
      const answer = await run(admin, filters);
      expect(answer.status, JSON.stringify(filters)).to.equal(417);
      expect(answer.body.errors.map((e: { fieldname: string }) => e.fieldname)).to.include(fieldname);
    }
  });
});
