/**
 * The daily quotation expiry (doctypes/quotation/expiry.ts, declared in fixtures/crm/jobs.ts): a
 * submitted quotation past its valid_till becomes Expired; valid_till today is still valid; Ordered,
 * Lost, a quotation a submitted Sales Order takes, drafts and cancelled ones are left alone. Run as a
 * day passing: the quotations are made valid until today, then the job runs for tomorrow.
 */
import { expect } from 'chai';
import { addDays, todayDate } from '../../core/document';
import { loadAppJobs, runJobs, startScheduler } from '../../core/jobs';
import { expireQuotations } from '../../doctypes/quotation/expiry';
import { createTestSite, type TestSite } from '../support/site';

const COMPANY = 'Tabula Demo Ltd';

describe('crm: quotation expiry job', function () {
  this.timeout(60_000);
  let site: TestSite;
  let customer: string;
  const today = todayDate();
  const tomorrow = addDays(today, 1);

  before(async () => {
    site = await createTestSite({ label: 'crm_expiry', apps: ['core', 'crm'] });
    await site.documents.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    customer = String((await site.documents.insert('Customer', { customer_name: 'Expiry Test GmbH', territory: 'Germany' })).name);
  });
  after(() => site.destroy());

  const quotation = async (validTill: string, docstatus: 0 | 1, extra: Record<string, unknown> = {}) =>
    String(
      (
        await site.documents.insert('Quotation', {
          quotation_to: 'Customer',
          party_name: customer,
          company: COMPANY,
          transaction_date: today,
          valid_till: validTill,
          docstatus,
          items: [{ item_code: 'WIDGET', qty: 2 }],
          ...extra,
        })
      ).name,
    );
  const statusOf = async (name: string) => (await site.db.knex('tabQuotation').where({ name }).first('status', 'modified')) as { status: string; modified: string };

  it('expires a submitted quotation once its valid_till has passed, and only then', async () => {
    const name = await quotation(today, 1);
    expect((await statusOf(name)).status).to.equal('Open');
    // valid_till today is still valid today.
    await expireQuotations(site.db.knex, site.registry, today);
    expect((await statusOf(name)).status).to.equal('Open');
    const before = await statusOf(name);
    expect(await expireQuotations(site.db.knex, site.registry, tomorrow)).to.equal(1);
    const after = await statusOf(name);
    expect(after.status).to.equal('Expired');
    expect(after.modified, 'only the status changes, as in ERPNext').to.equal(before.modified);
    // Running again finds nothing new to expire.
    expect(await expireQuotations(site.db.knex, site.registry, tomorrow)).to.equal(0);
  });

  it('leaves a quotation valid until tomorrow, Ordered and Lost ones, drafts and cancelled ones', async () => {
    const stillValid = await quotation(tomorrow, 1);
    const draft = await quotation(today, 0);
    const cancelled = await quotation(today, 1);
    await site.documents.cancel('Quotation', cancelled);
    const lost = await quotation(today, 1);
    await site.documents.save('Quotation', lost, { status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] });
    const ordered = await quotation(today, 1);
    const order = (await site.documents.runMethod('Quotation', ordered, 'make_sales_order', {})) as { name: string };
    await site.documents.submit('Sales Order', order.name);
    const expected = { [stillValid]: 'Open', [draft]: 'Draft', [cancelled]: 'Cancelled', [lost]: 'Lost', [ordered]: 'Ordered' };
    for (const [name, status] of Object.entries(expected)) expect((await statusOf(name)).status, name).to.equal(status);

    await expireQuotations(site.db.knex, site.registry, tomorrow);
    for (const [name, status] of Object.entries(expected)) expect((await statusOf(name)).status, name).to.equal(status);
  });

  it('leaves a quotation that a submitted Sales Order takes through its items, as ERPNext checks prevdoc_docname', async () => {
    const taken = await quotation(today, 1);
    // An order made by hand, not through make_sales_order: only its item names the quotation.
    const order = await site.documents.insert('Sales Order', {
      customer,
      company: COMPANY,
      transaction_date: today,
      delivery_date: tomorrow,
      items: [{ item_code: 'WIDGET', qty: 2, prevdoc_docname: taken }],
    });
    const draftOnly = await quotation(today, 1);
    await site.documents.insert('Sales Order', { customer, company: COMPANY, transaction_date: today, delivery_date: tomorrow, items: [{ item_code: 'WIDGET', qty: 1, prevdoc_docname: draftOnly }] });
    await site.documents.submit('Sales Order', String(order.name));
    expect((await statusOf(taken)).status).to.equal('Open');

    await expireQuotations(site.db.knex, site.registry, tomorrow);
    expect((await statusOf(taken)).status).to.equal('Open');
    // A draft order does not hold a quotation back.
    expect((await statusOf(draftOnly)).status).to.equal('Expired');
  });

  it('is declared by the crm app and run by the scheduler at start', async () => {
    const jobs = await loadAppJobs(['core', 'crm']);
    expect(jobs.map((j) => `${j.app}:${j.name}:${j.frequency}`)).to.deep.equal(['crm:quotation.set_expired_status:daily']);
    const name = await quotation(today, 1);
    const results = await runJobs(site, jobs, { today: tomorrow });
    expect(results).to.have.length(1);
    expect(results[0]).to.include({ job: 'crm: quotation.set_expired_status', ok: true });
    expect(results[0]!.message).to.match(/^\d+ quotations? expired$/);
    expect((await statusOf(name)).status).to.equal('Expired');

    // The scheduler runs the daily jobs at once, then on its interval; a failing job is reported and the others still run.
    const lines: string[] = [];
    let runs = 0;
    const failing = { app: 'test', name: 'broken', frequency: 'daily' as const, run: async () => Promise.reject(new Error('boom')) };
    const counting = { app: 'test', name: 'count', frequency: 'daily' as const, run: async () => `run ${++runs}` };
    const scheduler = startScheduler(site, [failing, counting], { everyMs: 30, log: (line) => lines.push(line) });
    try {
      const first = await scheduler.first;
      expect(first.map((r) => [r.job, r.ok])).to.deep.equal([['test: broken', false], ['test: count', true]]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).to.be.greaterThan(1);
    } finally {
      scheduler.stop();
    }
    expect(lines[0]).to.equal('[jobs] test: broken failed: boom');
  });
});
