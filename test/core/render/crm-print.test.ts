/**
 * The CRM print formats (doctypes/quotation/quotation.print.hbs, doctypes/sales_order/
 * sales_order.print.hbs) on a site with the crm app: the company header from the Company record, the
 * title, name and dates, the party, the items (code, name, qty, rate, discount, amount) and the
 * totals, money in the document's currency, markup in data escaped, and a Draft mark until submitted.
 */
import { expect } from 'chai';
import { UserAccess } from '../../../core/permissions';
import { renderPrint, type PrintOutput } from '../../../core/render';
import { createTestSite, type TestSite } from '../../support/site';

const COMPANY = 'Tabula Demo Ltd';
const CUSTOMER_NAME = 'Roe <Industries> & Sons';
const ITEM_NAME = 'Widget "Pro" <XL>';

/** The cells of each row of the items table, as text. */
function itemRows(html: string): string[][] {
  const body = /<table class="crm-items">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.trim()));
}

/** The totals table as label -> value. */
function totals(html: string): Record<string, string> {
  const table = /<table class="crm-totals">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...table.matchAll(/<th>([^<]*)<\/th><td>([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]));
}

/** The facts beside the party (dates, references) as label -> value. */
function facts(html: string): Record<string, string> {
  const table = /<table class="crm-facts">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...table.matchAll(/<th>([^<]*)<\/th><td>([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]));
}

const ITEMS = [
  { item_code: 'WIDGET-1', qty: 2, price_list_rate: 1000, discount_percentage: 10, rate: 900, amount: 1800 },
  { item_code: 'SERVICE-1', qty: 1.5, price_list_rate: 1234.5, discount_percentage: 0, rate: 1234.5, amount: 1851.75 },
];
const EXPECTED_ROWS = [
  ['1', 'WIDGET-1', 'Widget &quot;Pro&quot; &lt;XL&gt;', '2 Nos', 'EUR 900.00', '10%', 'EUR 1,800.00'],
  ['2', 'SERVICE-1', 'Consulting hour', '1.5 Hour', 'EUR 1,234.50', '', 'EUR 1,851.75'],
];
const EXPECTED_TOTALS = { 'Total Quantity': '3.5', 'Net Total': 'EUR 3,651.75', 'Grand Total': 'EUR 3,651.75' };

describe('render: the CRM print formats', () => {
  let site: TestSite;
  let customer: string;
  let quotation: string;
  let order: string;
  const print = (doctype: string, name: string, store = site.documents): Promise<PrintOutput> => renderPrint({ store, doctype, name, now: new Date(2026, 10, 30) });

  before(async () => {
    site = await createTestSite({ apps: ['core', 'crm'], label: 'render_crm' });
    const docs = site.documents;
    await docs.insert('Item', { item_code: 'WIDGET-1', item_name: ITEM_NAME, item_group: 'Products', stock_uom: 'Nos', standard_rate: 1000 });
    await docs.insert('Item', { item_code: 'SERVICE-1', item_name: 'Consulting hour', item_group: 'Services', stock_uom: 'Hour', standard_rate: 1234.5 });
    customer = String((await docs.insert('Customer', { customer_name: CUSTOMER_NAME, customer_group: 'Commercial', territory: 'Germany' })).name);
    const totalsIn = { total_qty: 3.5, net_total: 3651.75, grand_total: 3651.75 };
    const withUom = ITEMS.map((item, i) => ({ ...item, uom: i === 0 ? 'Nos' : 'Hour' }));
    quotation = String(
      (await docs.insert('Quotation', { quotation_to: 'Customer', party_name: customer, customer_name: CUSTOMER_NAME, company: COMPANY, transaction_date: '2026-11-22', valid_till: '2026-12-22', items: withUom, ...totalsIn })).name,
    );
    order = String(
      (await docs.insert('Sales Order', { customer, company: COMPANY, transaction_date: '2026-11-22', delivery_date: '2026-12-01', po_no: 'PO <77>', items: withUom, ...totalsIn })).name,
    );
  });
  after(() => site?.destroy());

  describe('Quotation', () => {
    let out: PrintOutput;
    before(async () => {
      out = await print('Quotation', quotation);
    });

    it("uses the Quotation's own format, with its CSS as the style part", () => {
      expect(out.html).to.contain('<div class="crm-print crm-quotation">');
      expect(out.style).to.contain('.crm-totals');
      expect(out.style).to.contain('size: A4');
      expect(out.html).to.not.contain('<style');
    });

    it('prints the company header from the Company record', () => {
      const header = /<div class="crm-company">([\s\S]*?)<\/div>\s*<div class="crm-doc">/.exec(out.html)?.[1] ?? '';
      const lines = [...header.matchAll(/<div[^>]*>([^<]*)<\/div>/g)].map((m) => m[1]);
      expect(lines).to.deep.equal([COMPANY, 'Musterstraße 1', '10115 Berlin', 'Germany', '+49 30 1234567', 'sales@tabula.example', 'https://tabula.example']);
    });

    it('prints the title, the name, a Draft mark, the dates as dd-mm-yyyy and the party, escaped', () => {
      expect(out.html).to.contain('<h1>Quotation</h1>');
      expect(out.html).to.contain(`<div class="crm-doc-name">${quotation}</div>`);
      expect(out.html).to.contain('<div class="crm-mark">Draft</div>');
      expect(facts(out.html)).to.deep.include({ Date: '22-11-2026', 'Valid till': '22-12-2026' });
      expect(out.html).to.contain('<div class="crm-party-name">Roe &lt;Industries&gt; &amp; Sons</div>');
      expect(out.html).to.contain(`Customer ${customer}`);
      expect(out.html).to.not.contain(CUSTOMER_NAME);
      expect(out.html).to.not.contain(ITEM_NAME);
    });

    it('prints the items: code, name, qty, rate, discount and amount in the currency', () => {
      expect(itemRows(out.html)).to.deep.equal(EXPECTED_ROWS);
    });

    it('prints the totals right-aligned below the items', () => {
      expect(totals(out.html)).to.deep.equal(EXPECTED_TOTALS);
      expect(out.html).to.contain('<tr class="crm-grand"><th>Grand Total</th><td>EUR 3,651.75</td></tr>');
      expect(out.html).to.contain('<footer class="crm-footer">Printed on 30-11-2026</footer>');
    });

    it('drops the Draft mark once submitted', async () => {
      await site.documents.submit('Quotation', quotation);
      const submitted = await print('Quotation', quotation);
      expect(submitted.html).to.not.contain('crm-mark');
      expect(itemRows(submitted.html)).to.deep.equal(EXPECTED_ROWS);
    });
  });

  describe('Sales Order', () => {
    let out: PrintOutput;
    before(async () => {
      out = await print('Sales Order', order);
    });

    it('prints the company header, the title, the customer and the order and delivery dates', () => {
      expect(out.html).to.contain('<div class="crm-print crm-sales-order">');
      expect(out.html).to.contain(`<div class="crm-company-name">${COMPANY}</div>`);
      expect(out.html).to.contain('<h1>Sales Order</h1>');
      expect(out.html).to.contain(`<div class="crm-doc-name">${order}</div>`);
      expect(out.html).to.contain('<div class="crm-party-name">Roe &lt;Industries&gt; &amp; Sons</div>');
      expect(facts(out.html)).to.deep.include({ 'Order date': '22-11-2026', 'Delivery date': '01-12-2026', 'Your order': 'PO &lt;77&gt;' });
      expect(out.html).to.not.contain('<77>');
    });

    it('prints the items and the totals', () => {
      expect(itemRows(out.html)).to.deep.equal(EXPECTED_ROWS);
      expect(totals(out.html)).to.deep.equal(EXPECTED_TOTALS);
    });

    it('prints the same for a Sales User, who may read the company', async () => {
      await site.documents.insert('User', { email: 'rep@ex.com', first_name: 'Rep', roles: [{ role: 'Sales User' }] });
      const rep = site.documents.as({ user: 'rep@ex.com' }, await UserAccess.load(site.db.knex, site.registry, 'rep@ex.com'));
      const asRep = await print('Sales Order', order, rep);
      expect(asRep.html).to.contain('Musterstraße 1');
      expect(itemRows(asRep.html)).to.deep.equal(EXPECTED_ROWS);
    });
  });
});
