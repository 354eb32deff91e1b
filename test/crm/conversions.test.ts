/**
 * The CRM conversions: Lead -> Opportunity (makeOpportunityFromLead in doctypes/opportunity/conversions.ts),
 * Opportunity -> Quotation (Opportunity.make_quotation), Quotation -> Sales Order (Quotation.make_sales_order,
 * creating or reusing the lead's Customer). Each answers the new draft; a failure leaves nothing created.
 * The callable methods are exercised over HTTP with run_method.
 */
import { expect } from 'chai';
import { formatDate, todayDate } from '../../core/document/clock';
import type { Doc } from '../../core/document/doc';
import { makeOpportunityFromLead } from '../../doctypes/opportunity/conversions';
import { startTestServer, TEST_PASSWORD, type ApiClient, type TestServer } from '../support/api';

const COMPANY = 'Tabula Demo Ltd';

/**
 * The ValidationError a direct call rejects with, checked by name: the controllers are loaded through
 * import() and, with the tests loaded as CommonJS, their core/errors classes are a second instance.
 * For the same reason the test server answers a controller's ValidationError with 500 rather than 417
 * (core/api/errors.ts `instanceof TabulaError`), so the HTTP checks below only require a failure.
 */
async function validationError(promise: Promise<unknown>): Promise<{ name: string; httpStatus: number; errors: { fieldname?: string }[] }> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  const error = caught as { name: string; httpStatus: number; errors: { fieldname?: string }[]; message: string };
  expect(error?.name, error?.message).to.equal('ValidationError');
  expect(error.httpStatus).to.equal(417);
  return error;
}

function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return formatDate(d);
}

describe('crm: conversions', () => {
  let server: TestServer;
  let admin: ApiClient;
  let customer: string;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'] });
    admin = await server.login('Administrator', TEST_PASSWORD);
    const docs = server.site.documents;
    await docs.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 12.5 });
    await docs.insert('Item', { item_code: 'CONSULT', item_name: 'Consulting Day', item_group: 'Services', stock_uom: 'Day', standard_rate: 800 });
    customer = String((await docs.insert('Customer', { customer_name: 'Acme GmbH', territory: 'Germany' })).name);
  });

  after(async () => server?.close());

  const count = async (doctype: string, where: Record<string, unknown> = {}) => {
    const row = (await server.site.db.knex(server.site.registry.get(doctype).tableName).where(where).count({ n: '*' }).first()) as { n: number | string };
    return Number(row.n);
  };

  const newLead = (extra: Record<string, unknown> = {}) =>
    server.site.documents.insert('Lead', { first_name: 'Ada', last_name: 'Lovelace', lead_name: 'Ada Lovelace', company_name: 'Analytical Engines', territory: 'France', source: 'Website', ...extra });

  describe('Lead -> Opportunity', () => {
    it('creates a draft Opportunity from the lead, copying party, name, territory and source', async () => {
      const lead = await newLead({ email_id: 'ada@engines.example' });
      const opp = await makeOpportunityFromLead(server.site.documents, String(lead.name));
      expect(opp.opportunity_from).to.equal('Lead');
      expect(opp.party_name).to.equal(lead.name);
      expect(opp.customer_name).to.equal('Analytical Engines');
      expect(opp.territory).to.equal('France');
      expect(opp.source).to.equal('Website');
      expect(opp.contact_email).to.equal('ada@engines.example');
      expect(opp.status).to.equal('Open');
    });

    it("moves the lead's status along: Opportunity, Quotation on submit, back to Opportunity on cancel, Converted on ordering", async () => {
      const lead = await newLead({ company_name: 'Status Follows Ltd' });
      const opp = await makeOpportunityFromLead(server.site.documents, String(lead.name));
      expect((await server.site.documents.get('Lead', String(lead.name))).status).to.equal('Opportunity');
      const q = await server.site.documents.insert('Quotation', { quotation_to: 'Lead', party_name: lead.name, company: COMPANY, opportunity: opp.name, items: [{ item_code: 'WIDGET', qty: 1 }] });
      await server.site.documents.submit('Quotation', String(q.name));
      expect((await server.site.documents.get('Lead', String(lead.name))).status).to.equal('Quotation');
      await server.site.documents.cancel('Quotation', String(q.name));
      expect((await server.site.documents.get('Lead', String(lead.name))).status).to.equal('Opportunity');
      const again = await server.site.documents.amend('Quotation', String(q.name));
      await server.site.documents.submit('Quotation', String(again.name));
      await server.site.documents.runMethod('Quotation', String(again.name), 'make_sales_order', {});
      expect((await server.site.documents.get('Lead', String(lead.name))).status).to.equal('Converted');
    });

    it('is the Lead form action make_opportunity, over HTTP', async () => {
      const lead = await newLead({ email_id: 'grace@hopper.example' });
      const answer = await admin.post(`/api/resource/Lead/${encodeURIComponent(String(lead.name))}`, {}, { run_method: 'make_opportunity' });
      expect(answer.status).to.equal(200);
      expect(answer.body.data).to.include({ doctype: 'Opportunity', opportunity_from: 'Lead', party_name: lead.name });
      // A converted lead cannot make another opportunity: 417 naming the status, nothing created.
      await server.site.db.knex('tabLead').where('name', String(lead.name)).update({ status: 'Do Not Contact' });
      const before = await count('Opportunity');
      const refused = await admin.post(`/api/resource/Lead/${encodeURIComponent(String(lead.name))}`, {}, { run_method: 'make_opportunity' });
      expect(refused.status).to.equal(417);
      expect(await count('Opportunity')).to.equal(before);
    });

    it('the conversions are the forms\' action buttons in the meta', async () => {
      const actions = async (doctype: string) => (await admin.get('/api/method/tabula.desk.meta', { doctype })).body.message.actions;
      expect(await actions('Lead')).to.deep.equal([
        { method: 'make_opportunity', label: 'Make Opportunity' },
        { method: 'make_customer', label: 'Make Customer' },
      ]);
      expect(await actions('Opportunity')).to.deep.equal([{ method: 'make_quotation', label: 'Make Quotation' }]);
      expect(await actions('Quotation')).to.deep.equal([{ method: 'make_sales_order', label: 'Make Sales Order' }]);
    });

    it('refuses a missing lead and creates nothing', async () => {
      const before = await count('Opportunity');
      let caught: unknown;
      try {
        await makeOpportunityFromLead(server.site.documents, 'CRM-LEAD-NOPE');
      } catch (error) {
        caught = error;
      }
      expect((caught as Error | undefined)?.name).to.equal('DoesNotExistError');
      expect(await count('Opportunity')).to.equal(before);
    });
  });

  describe('Opportunity -> Quotation (make_quotation)', () => {
    it('answers a draft Quotation with the party, items and opportunity link, over HTTP', async () => {
      const opp = await server.site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer,
        items: [{ item_code: 'WIDGET', qty: 4, rate: 10 }, { item_code: 'CONSULT', qty: 2, rate: 750 }] });
      const res = await admin.post(`/api/resource/Opportunity/${opp.name}`, {}, { run_method: 'make_quotation' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const q = res.body.data as Doc;
      expect(q.doctype).to.equal('Quotation');
      expect(q.docstatus).to.equal(0);
      expect(q.status).to.equal('Draft');
      expect(q.quotation_to).to.equal('Customer');
      expect(q.party_name).to.equal(customer);
      expect(q.opportunity).to.equal(opp.name);
      expect(q.company).to.equal(COMPANY);
      expect((q.items as Doc[]).map((i) => [i.item_code, Number(i.qty), Number(i.rate), i.item_name])).to.deep.equal([
        ['WIDGET', 4, 10, 'Widget'],
        ['CONSULT', 2, 750, 'Consulting Day'],
      ]);
      expect(Number(q.grand_total)).to.equal(1540);
      const stored = await server.site.documents.get('Quotation', String(q.name));
      expect(stored.opportunity).to.equal(opp.name);
    });

    it('fails for an opportunity without items and leaves no Quotation', async () => {
      const opp = await server.site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer });
      const before = await count('Quotation');
      const res = await admin.post(`/api/resource/Opportunity/${opp.name}`, {}, { run_method: 'make_quotation' });
      expect(res.status).to.equal(417);
      expect(await count('Quotation')).to.equal(before);
    });

    it('refuses a Lost opportunity', async () => {
      const opp = await server.site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer, status: 'Lost',
        lost_reasons: [{ lost_reason: 'No budget' }], items: [{ item_code: 'WIDGET', qty: 1, rate: 1 }] });
      const before = await count('Quotation');
      const res = await admin.post(`/api/resource/Opportunity/${opp.name}`, {}, { run_method: 'make_quotation' });
      expect(res.status).to.not.equal(200);
      const error = await validationError(server.site.documents.runMethod('Opportunity', String(opp.name), 'make_quotation', {}));
      expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['status']);
      expect(await count('Quotation')).to.equal(before);
    });
  });

  describe('Quotation -> Sales Order (make_sales_order)', () => {
    const quotation = async (extra: Record<string, unknown> = {}) =>
      server.site.documents.insert('Quotation', { quotation_to: 'Customer', party_name: customer, company: COMPANY,
        items: [{ item_code: 'WIDGET', qty: 3, price_list_rate: 10, discount_percentage: 10 }], ...extra });

    it('answers a draft Sales Order for a customer quotation, with items linked back and delivery in 7 days', async () => {
      const q = await quotation();
      await server.site.documents.submit('Quotation', String(q.name));
      const res = await admin.post(`/api/resource/Quotation/${q.name}`, {}, { run_method: 'make_sales_order' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const so = res.body.data as Doc;
      expect(so.doctype).to.equal('Sales Order');
      expect(so.docstatus).to.equal(0);
      expect(so.customer).to.equal(customer);
      expect(so.customer_name).to.equal('Acme GmbH');
      expect(so.territory).to.equal('Germany');
      expect(so.quotation).to.equal(q.name);
      expect(so.company).to.equal(COMPANY);
      expect(so.transaction_date).to.equal(todayDate());
      expect(so.delivery_date).to.equal(daysFromToday(7));
      expect((so.items as Doc[]).map((i) => [i.item_code, Number(i.qty), Number(i.amount), i.prevdoc_docname])).to.deep.equal([['WIDGET', 3, 27, q.name]]);
      expect(Number(so.grand_total)).to.equal(27);
    });

    it('takes the delivery date from the arguments', async () => {
      const q = await quotation();
      await server.site.documents.submit('Quotation', String(q.name));
      const res = await admin.post(`/api/resource/Quotation/${q.name}`, { delivery_date: daysFromToday(30) }, { run_method: 'make_sales_order' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.data.delivery_date).to.equal(daysFromToday(30));
    });

    it('creates the Customer from a Lead once, and reuses it for the next quotation', async () => {
      const lead = await newLead({ company_name: 'Difference Engines Ltd' });
      const q1 = await quotation({ quotation_to: 'Lead', party_name: lead.name });
      await server.site.documents.submit('Quotation', String(q1.name));
      const first = await admin.post(`/api/resource/Quotation/${q1.name}`, {}, { run_method: 'make_sales_order' });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      const made = await server.site.documents.get('Customer', String(first.body.data.customer));
      expect(made.customer_name).to.equal('Difference Engines Ltd');
      expect(made.lead_name).to.equal(lead.name);
      expect(made.customer_type).to.equal('Company');
      const q2 = await quotation({ quotation_to: 'Lead', party_name: lead.name });
      await server.site.documents.submit('Quotation', String(q2.name));
      const second = await admin.post(`/api/resource/Quotation/${q2.name}`, {}, { run_method: 'make_sales_order' });
      expect(second.status, JSON.stringify(second.body)).to.equal(200);
      expect(second.body.data.customer).to.equal(made.name);
      expect(await count('Customer', { lead_name: lead.name })).to.equal(1);
    });

    it('names the Customer after the person when the lead has no company', async () => {
      const lead = await newLead({ first_name: 'Charles', last_name: 'Babbage', lead_name: 'Charles Babbage', company_name: null });
      const q = await quotation({ quotation_to: 'Lead', party_name: lead.name });
      await server.site.documents.submit('Quotation', String(q.name));
      const res = await admin.post(`/api/resource/Quotation/${q.name}`, {}, { run_method: 'make_sales_order' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const made = await server.site.documents.get('Customer', String(res.body.data.customer));
      expect(made.customer_name).to.equal('Charles Babbage');
      expect(made.customer_type).to.equal('Individual');
    });

    it('leaves neither Customer nor Sales Order when the order fails (delivery before the order date)', async () => {
      const lead = await newLead({ company_name: 'Never Ordered AG' });
      const q = await quotation({ quotation_to: 'Lead', party_name: lead.name });
      await server.site.documents.submit('Quotation', String(q.name));
      const customers = await count('Customer');
      const orders = await count('Sales Order');
      const res = await admin.post(`/api/resource/Quotation/${q.name}`, { delivery_date: daysFromToday(-5) }, { run_method: 'make_sales_order' });
      expect(res.status).to.not.equal(200);
      const error = await validationError(server.site.documents.runMethod('Quotation', String(q.name), 'make_sales_order', { delivery_date: daysFromToday(-5) }));
      expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['delivery_date']);
      expect(await count('Customer')).to.equal(customers);
      expect(await count('Customer', { lead_name: lead.name })).to.equal(0);
      expect(await count('Sales Order')).to.equal(orders);
    });

    it('refuses a draft quotation, an expired one and a lost one', async () => {
      const draft = await quotation();
      const orders = await count('Sales Order');
      const d = await admin.post(`/api/resource/Quotation/${draft.name}`, {}, { run_method: 'make_sales_order' });
      expect(d.status).to.not.equal(200);
      const notSubmitted = await validationError(server.site.documents.runMethod('Quotation', String(draft.name), 'make_sales_order', {}));
      expect(notSubmitted.errors.map((x) => x.fieldname)).to.deep.equal(['docstatus']);

      const expired = await quotation({ transaction_date: daysFromToday(-30), valid_till: daysFromToday(-1) });
      await server.site.documents.submit('Quotation', String(expired.name));
      const isExpired = await validationError(server.site.documents.runMethod('Quotation', String(expired.name), 'make_sales_order', {}));
      expect(isExpired.errors.map((x) => x.fieldname)).to.deep.equal(['valid_till']);

      const lost = await quotation();
      await server.site.documents.submit('Quotation', String(lost.name));
      await server.site.documents.save('Quotation', String(lost.name), { status: 'Lost', lost_reasons: [{ lost_reason: 'Timing' }] });
      const isLost = await validationError(server.site.documents.runMethod('Quotation', String(lost.name), 'make_sales_order', {}));
      expect(isLost.errors.map((x) => x.fieldname)).to.deep.equal(['status']);
      expect(await count('Sales Order')).to.equal(orders);
    });

    it('runs the whole chain: opportunity -> quotation -> order, with statuses following the submit', async () => {
      const opp = await server.site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer, items: [{ item_code: 'CONSULT', qty: 1, rate: 900 }] });
      const q = (await admin.post(`/api/resource/Opportunity/${opp.name}`, {}, { run_method: 'make_quotation' })).body.data as Doc;
      await server.site.documents.submit('Quotation', String(q.name));
      expect((await server.site.documents.get('Opportunity', String(opp.name))).status).to.equal('Quotation');
      const so = (await admin.post(`/api/resource/Quotation/${q.name}`, {}, { run_method: 'make_sales_order' })).body.data as Doc;
      expect((await server.site.documents.get('Quotation', String(q.name))).status).to.equal('Open');
      await server.site.documents.submit('Sales Order', String(so.name));
      expect((await server.site.documents.get('Quotation', String(q.name))).status).to.equal('Ordered');
      expect((await server.site.documents.get('Opportunity', String(opp.name))).status).to.equal('Converted');
    });
  });
});
