/**
 * The CRM selling rules on the server (the controllers in doctypes/<doctype>/<doctype>.ts and doctypes/shared/totals.ts):
 * totals from items (client values ignored), delivery and due dates, sales team, statuses of Sales
 * Order and Sales Invoice, Opportunity probability / stage history / Lost / party rules, first
 * response time from Communications, and the statuses that follow Quotation and Sales Order submits
 * and cancels.
 */
import { expect } from 'chai';
import { formatDate, todayDate } from '../../core/document/clock';
import type { Doc } from '../../core/document/doc';
import type { ValidationError } from '../../core/errors';
import { createTestSite, type TestSite } from '../support/site';

const COMPANY = 'Tabula Demo Ltd';

function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return formatDate(d);
}

function fieldnames(error: { errors: { fieldname?: string }[] }): string[] {
  return error.errors.map((e) => String(e.fieldname));
}

/**
 * Awaits a rejection with a ValidationError (417) and answers it. Checked by name and status, not
 * instanceof: controllers are loaded through import() and, under mocha's CJS loading of the tests,
 * their core/errors module is a second instance of the classes the tests import.
 */
async function rejects417(promise: Promise<unknown>): Promise<ValidationError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a ValidationError, nothing was thrown').to.be.instanceOf(Error);
  const error = caught as ValidationError;
  expect(error.name, error.message).to.equal('ValidationError');
  expect(error.httpStatus).to.equal(417);
  return error;
}

describe('crm: selling rules', () => {
  let site: TestSite;
  let customer: string;
  let lead: string;

  before(async () => {
    site = await createTestSite({ apps: ['core', 'crm'] });
    const docs = site.documents;
    await docs.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 12.5 });
    await docs.insert('Item', { item_code: 'CONSULT', item_name: 'Consulting Day', item_group: 'Services', stock_uom: 'Day', standard_rate: 800 });
    customer = String((await docs.insert('Customer', { customer_name: 'Acme GmbH', territory: 'Germany' })).name);
    lead = String((await docs.insert('Lead', { first_name: 'Ada', last_name: 'Lovelace', lead_name: 'Ada Lovelace', company_name: 'Analytical Engines' })).name);
  });

  after(async () => site?.destroy());

  const order = (extra: Record<string, unknown> = {}) => ({
    customer,
    company: COMPANY,
    transaction_date: todayDate(),
    delivery_date: daysFromToday(10),
    items: [
      { item_code: 'WIDGET', qty: 3, price_list_rate: 10, discount_percentage: 10 },
      { item_code: 'CONSULT', qty: 1.5, rate: 333.33 },
    ],
    ...extra,
  });

  describe('totals from items', () => {
    it('computes item amounts and document totals on a Sales Order, ignoring client-sent totals', async () => {
      const so = await site.documents.insert('Sales Order', order({ grand_total: 1, net_total: 2, total_qty: 99, base_grand_total: 3, conversion_rate: 2,
        items: [{ item_code: 'WIDGET', qty: 3, price_list_rate: 10, discount_percentage: 10, amount: 5000 }, { item_code: 'CONSULT', qty: 1.5, rate: 333.33 }] }));
      const items = so.items as Doc[];
      expect(Number(items[0]!.amount)).to.equal(27);
      expect(Number(items[0]!.net_amount)).to.equal(27);
      expect(Number(items[0]!.base_net_amount)).to.equal(54);
      expect(Number(items[1]!.amount)).to.equal(500); // 499.995 rounds half away from zero
      expect(Number(so.total_qty)).to.equal(4.5);
      expect(Number(so.net_total)).to.equal(527);
      expect(Number(so.grand_total)).to.equal(527);
      expect(Number(so.base_net_total)).to.equal(1054);
      expect(Number(so.base_grand_total)).to.equal(1054);
    });

    it('recomputes totals when items change on save and ignores a grand_total sent with the change', async () => {
      const so = await site.documents.insert('Sales Order', order());
      const saved = await site.documents.save('Sales Order', String(so.name), { grand_total: 1e6, items: [{ item_code: 'WIDGET', qty: 2, rate: 7.25 }] });
      expect(Number(saved.grand_total)).to.equal(14.5);
      expect(Number(saved.total_qty)).to.equal(2);
    });

    it('fetches item_name and item_group from the Item, and the rate from the list price when none is given', async () => {
      const q = await site.documents.insert('Quotation', { quotation_to: 'Customer', party_name: customer, company: COMPANY, items: [{ item_code: 'WIDGET', qty: 2 }] });
      const item = (q.items as Doc[])[0]!;
      expect(item.item_name).to.equal('Widget');
      expect(item.item_group).to.equal('Products');
      expect(Number(item.rate)).to.equal(12.5);
      expect(Number(q.grand_total)).to.equal(25);
      expect(q.customer_name).to.equal('Acme GmbH');
    });

    it('takes a given rate as the selling price, as ERPNext does (the discount is then informational)', async () => {
      const so = await site.documents.insert('Sales Order', order({ items: [{ item_code: 'WIDGET', qty: 3, rate: 10, discount_percentage: 10 }] }));
      const [item] = so.items as Doc[];
      expect([Number(item!.rate), Number(item!.amount), Number(so.grand_total)]).to.deep.equal([10, 30, 30]);
      const free = await site.documents.insert('Sales Order', order({ items: [{ item_code: 'WIDGET', qty: 3, rate: 10, discount_percentage: 100 }] }));
      expect(Number(free.grand_total)).to.equal(0);
    });

    it('computes Sales Invoice totals the same way', async () => {
      const si = await site.documents.insert('Sales Invoice', { customer, company: COMPANY, grand_total: 9, items: [{ item_code: 'CONSULT', qty: 2, price_list_rate: 100, discount_percentage: 25 }] });
      expect(Number(si.grand_total)).to.equal(150);
      expect(Number(si.net_total)).to.equal(150);
    });

    it('sets opportunity_amount from the items when an Opportunity has items, and keeps the typed amount when it has none', async () => {
      const withItems = await site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer, opportunity_amount: 5,
        items: [{ item_code: 'WIDGET', qty: 4, rate: 10 }, { item_code: 'CONSULT', qty: 1, rate: 800 }] });
      expect(Number(withItems.opportunity_amount)).to.equal(840);
      expect(Number((withItems.items as Doc[])[0]!.amount)).to.equal(40);
      const without = await site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer, opportunity_amount: 5000 });
      expect(Number(without.opportunity_amount)).to.equal(5000);
    });
  });

  describe('Sales Order', () => {
    it('rejects a delivery date before the order date, naming delivery_date', async () => {
      const error = await rejects417(site.documents.insert('Sales Order', order({ delivery_date: daysFromToday(-1) })));
      expect(fieldnames(error)).to.deep.equal(['delivery_date']);
    });

    it('accepts a delivery date on the order date', async () => {
      const so = await site.documents.insert('Sales Order', order({ delivery_date: todayDate() }));
      expect(so.delivery_date).to.equal(todayDate());
    });

    it('requires the sales team to total 100% and allocates amounts from the net total', async () => {
      await site.documents.insert('Sales Person', { sales_person_name: 'Alice', parent_sales_person: 'Sales Team' });
      await site.documents.insert('Sales Person', { sales_person_name: 'Bob', parent_sales_person: 'Sales Team' });
      const bad = await rejects417(site.documents.insert('Sales Order', order({ sales_team: [{ sales_person: 'Alice', allocated_percentage: 60 }, { sales_person: 'Bob', allocated_percentage: 30 }] })));
      expect(fieldnames(bad)).to.deep.equal(['sales_team']);
      const so = await site.documents.insert('Sales Order', order({ sales_team: [{ sales_person: 'Alice', allocated_percentage: 60 }, { sales_person: 'Bob', allocated_percentage: 40 }] }));
      expect((so.sales_team as Doc[]).map((r) => Number(r.allocated_amount))).to.deep.equal([316.2, 210.8]);
    });

    it('has status Draft, To Deliver and Bill after submit, and Cancelled after cancel, whatever the client sends', async () => {
      const so = await site.documents.insert('Sales Order', order({ status: 'Completed' }));
      expect(so.status).to.equal('Draft');
      const submitted = await site.documents.submit('Sales Order', String(so.name));
      expect(submitted.status).to.equal('To Deliver and Bill');
      const cancelled = await site.documents.cancel('Sales Order', String(so.name));
      expect(cancelled.status).to.equal('Cancelled');
    });
  });

  describe('Sales Invoice', () => {
    const invoice = (extra: Record<string, unknown> = {}) => ({ customer, company: COMPANY, items: [{ item_code: 'WIDGET', qty: 2, rate: 50 }], ...extra });

    it('rejects a due date before the posting date, naming due_date', async () => {
      const error = await rejects417(site.documents.insert('Sales Invoice', invoice({ posting_date: todayDate(), due_date: daysFromToday(-3) })));
      expect(fieldnames(error)).to.deep.equal(['due_date']);
    });

    it('is Draft with nothing outstanding, then Unpaid with outstanding = grand_total on submit, then Cancelled', async () => {
      const si = await site.documents.insert('Sales Invoice', invoice({ due_date: daysFromToday(30), outstanding_amount: 3 }));
      expect(si.status).to.equal('Draft');
      expect(Number(si.outstanding_amount)).to.equal(0);
      const submitted = await site.documents.submit('Sales Invoice', String(si.name));
      expect(submitted.status).to.equal('Unpaid');
      expect(Number(submitted.outstanding_amount)).to.equal(100);
      expect((await site.documents.cancel('Sales Invoice', String(si.name))).status).to.equal('Cancelled');
    });

    it('is Overdue when submitted past its due date with an amount outstanding, and Paid when nothing is outstanding', async () => {
      const si = await site.documents.insert('Sales Invoice', invoice({ posting_date: daysFromToday(-40), due_date: daysFromToday(-10) }));
      const submitted = await site.documents.submit('Sales Invoice', String(si.name));
      expect(submitted.status).to.equal('Overdue');
      const paid = await site.documents.save('Sales Invoice', String(si.name), { outstanding_amount: 0 });
      expect(paid.status).to.equal('Paid');
    });

    it('is Return for a submitted return, owing nothing', async () => {
      const original = await site.documents.insert('Sales Invoice', invoice({ docstatus: 1 }));
      const si = await site.documents.insert('Sales Invoice', invoice({ is_return: 1, return_against: original.name, items: [{ item_code: 'WIDGET', qty: -1, rate: 50 }] }));
      const submitted = await site.documents.submit('Sales Invoice', String(si.name));
      expect(submitted.status).to.equal('Return');
      expect(Number(submitted.outstanding_amount)).to.equal(0);
    });
  });

  describe('Opportunity', () => {
    const opp = (extra: Record<string, unknown> = {}) => ({ opportunity_from: 'Customer', party_name: customer, ...extra });

    it('takes the probability from the Sales Stage on insert and on a stage change, unless the client sets it', async () => {
      const o = await site.documents.insert('Opportunity', opp({ sales_stage: 'Qualification' }));
      expect(Number(o.probability)).to.equal(20);
      const moved = await site.documents.save('Opportunity', String(o.name), { sales_stage: 'Proposal/Price Quote' });
      expect(Number(moved.probability)).to.equal(75);
      const explicit = await site.documents.save('Opportunity', String(o.name), { sales_stage: 'Negotiation/Review', probability: 55 });
      expect(Number(explicit.probability)).to.equal(55);
      const typed = await site.documents.insert('Opportunity', opp({ sales_stage: 'Qualification', probability: 35 }));
      expect(Number(typed.probability)).to.equal(35);
    });

    it('logs the first stage on insert and every stage change, never a save without a change, and keeps the log from clients', async () => {
      const o = await site.documents.insert('Opportunity', opp({ sales_stage: 'Prospecting', stage_log: [{ sales_stage: 'Negotiation/Review', entered_on: '2000-01-01 00:00:00' }] }));
      expect((o.stage_log as Doc[]).map((r) => r.sales_stage)).to.deep.equal(['Prospecting']);
      expect(String((o.stage_log as Doc[])[0]!.entered_on).slice(0, 10)).to.equal(todayDate());
      await site.documents.save('Opportunity', String(o.name), { sales_stage: 'Qualification' });
      await site.documents.save('Opportunity', String(o.name), { expected_closing: daysFromToday(20) });
      const last = await site.documents.save('Opportunity', String(o.name), { sales_stage: 'Needs Analysis', stage_log: [] });
      expect((last.stage_log as Doc[]).map((r) => r.sales_stage)).to.deep.equal(['Prospecting', 'Qualification', 'Needs Analysis']);
    });

    it('rejects Lost without a lost reason, naming lost_reasons', async () => {
      const error = await rejects417(site.documents.insert('Opportunity', opp({ status: 'Lost' })));
      expect(fieldnames(error)).to.deep.equal(['lost_reasons']);
      const o = await site.documents.insert('Opportunity', opp());
      const onSave = await rejects417(site.documents.save('Opportunity', String(o.name), { status: 'Lost' }));
      expect(fieldnames(onSave)).to.deep.equal(['lost_reasons']);
      expect((await site.documents.get('Opportunity', String(o.name))).status).to.equal('Open');
    });

    it('sets lost_on when it becomes Lost with a reason, and clears it when reopened', async () => {
      const o = await site.documents.insert('Opportunity', opp({ lost_on: '2001-01-01' }));
      expect(o.lost_on ?? null).to.equal(null);
      const lost = await site.documents.save('Opportunity', String(o.name), { status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] });
      expect(lost.lost_on).to.equal(todayDate());
      const reopened = await site.documents.save('Opportunity', String(o.name), { status: 'Open' });
      expect(reopened.lost_on ?? null).to.equal(null);
    });

    it('rejects an opportunity_from other than Customer or Lead, naming opportunity_from', async () => {
      const error = await rejects417(site.documents.insert('Opportunity', { opportunity_from: 'Item', party_name: 'WIDGET' }));
      expect(fieldnames(error)).to.deep.equal(['opportunity_from']);
    });

    it('fills customer_name from the Customer or from the Lead (company name first)', async () => {
      const fromCustomer = await site.documents.insert('Opportunity', opp({ customer_name: 'Typed' }));
      expect(fromCustomer.customer_name).to.equal('Acme GmbH');
      const fromLead = await site.documents.insert('Opportunity', { opportunity_from: 'Lead', party_name: lead });
      expect(fromLead.customer_name).to.equal('Analytical Engines');
      const person = await site.documents.insert('Lead', { first_name: 'Grace', lead_name: 'Grace' });
      const fromPerson = await site.documents.insert('Opportunity', { opportunity_from: 'Lead', party_name: person.name });
      expect(fromPerson.customer_name).to.equal('Grace');
    });
  });

  describe('Communication and first response time', () => {
    it('sets first_response_time from the first Sent communication only', async () => {
      const o = await site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer });
      const created = new Date(String(o.creation).slice(0, 19).replace(' ', 'T'));
      const at = (seconds: number) => {
        const d = new Date(created.getTime() + seconds * 1000);
        return `${formatDate(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
      };
      await site.documents.insert('Communication', { subject: 'Hi', sent_or_received: 'Received', communication_date: at(100), reference_doctype: 'Opportunity', reference_name: o.name });
      expect(Number((await site.documents.get('Opportunity', String(o.name))).first_response_time ?? 0)).to.equal(0);
      await site.documents.insert('Communication', { subject: 'Re: Hi', sent_or_received: 'Sent', communication_date: at(3600), reference_doctype: 'Opportunity', reference_name: o.name });
      expect(Number((await site.documents.get('Opportunity', String(o.name))).first_response_time)).to.equal(3600);
      await site.documents.insert('Communication', { subject: 'Again', sent_or_received: 'Sent', communication_date: at(7200), reference_doctype: 'Opportunity', reference_name: o.name });
      expect(Number((await site.documents.get('Opportunity', String(o.name))).first_response_time)).to.equal(3600);
    });
  });

  describe('statuses follow submits and cancels', () => {
    it('Quotation submit → Open and its Opportunity → Quotation; cancel → Cancelled and Opportunity → Open', async () => {
      const o = await site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer });
      const q = await site.documents.insert('Quotation', { quotation_to: 'Customer', party_name: customer, company: COMPANY, opportunity: o.name, items: [{ item_code: 'WIDGET', qty: 1 }] });
      expect(q.status).to.equal('Draft');
      expect((await site.documents.submit('Quotation', String(q.name))).status).to.equal('Open');
      expect((await site.documents.get('Opportunity', String(o.name))).status).to.equal('Quotation');
      expect((await site.documents.cancel('Quotation', String(q.name))).status).to.equal('Cancelled');
      expect((await site.documents.get('Opportunity', String(o.name))).status).to.equal('Open');
    });

    it('Sales Order submit → Quotation Ordered, Opportunity Converted; cancel → Quotation Open, Opportunity Quotation', async () => {
      const o = await site.documents.insert('Opportunity', { opportunity_from: 'Customer', party_name: customer });
      const q = await site.documents.insert('Quotation', { quotation_to: 'Customer', party_name: customer, company: COMPANY, opportunity: o.name, items: [{ item_code: 'WIDGET', qty: 1 }] });
      await site.documents.submit('Quotation', String(q.name));
      const before = (await site.documents.get('Quotation', String(q.name))).modified;
      const so = await site.documents.insert('Sales Order', order({ quotation: q.name }));
      await site.documents.submit('Sales Order', String(so.name));
      const ordered = await site.documents.get('Quotation', String(q.name));
      expect(ordered.status).to.equal('Ordered');
      expect(String(ordered.modified) > String(before)).to.equal(true);
      expect((await site.documents.get('Opportunity', String(o.name))).status).to.equal('Converted');
      await site.documents.cancel('Sales Order', String(so.name));
      expect((await site.documents.get('Quotation', String(q.name))).status).to.equal('Open');
      expect((await site.documents.get('Opportunity', String(o.name))).status).to.equal('Quotation');
    });

    it('rejects a Quotation to something other than Customer or Lead', async () => {
      const error = await rejects417(site.documents.insert('Quotation', { quotation_to: 'Item', party_name: 'WIDGET', company: COMPANY, items: [{ item_code: 'WIDGET', qty: 1 }] }));
      expect(fieldnames(error)).to.deep.equal(['quotation_to']);
    });
  });
});
