/**
 * The desk on ERPNext's own DocType files (the corpus site: core app + ../shared/compat/erpnext,
 * unchanged): generated lists and forms for Territory, Customer Group, Customer, Item and Sales Order,
 * driven as a person would. Sales Order is the hard one: it opens with a Section Break, has tabs (one
 * shown only once a customer is chosen), collapsible sections holding required fields, and grids.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/api';
import { attachDesk, type DeskSession } from '../support/browser';
import { corpusAvailable, corpusServer, ensureRecord } from '../support/corpus';

(corpusAvailable ? describe : describe.skip)('desk: ERPNext DocTypes, unchanged', function () {
  this.timeout(300_000);
  let server: TestServer;
  let desk: DeskSession;
  let page: Page;
  let customer = '';
  let order = '';

  const lastSegment = () => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  /** Types into a Link, waits for the suggestion and takes it with Enter. */
  async function pickLink(label: string, typed: string, expected: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(typed);
    await page.getByRole('option', { name: new RegExp(expected) }).first().waitFor();
    await input.press('Enter');
    expect(await input.inputValue(), label).to.equal(expected);
  }

  async function save(urlPattern: RegExp): Promise<void> {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => urlPattern.test(decodeURIComponent(url.pathname)));
    await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => e.textContent?.includes('Not Saved')));
  }

  before(async () => {
    server = await corpusServer();
    const docs = server.site.documents;
    await ensureRecord(server, 'Territory', 'All Territories', { territory_name: 'All Territories', is_group: 1 });
    await ensureRecord(server, 'Territory', 'Desk Europe', { territory_name: 'Desk Europe', parent_territory: 'All Territories', is_group: 1 });
    await ensureRecord(server, 'Customer Group', 'All Customer Groups', { customer_group_name: 'All Customer Groups', is_group: 1 });
    await ensureRecord(server, 'Customer Group', 'Desk Retail', { customer_group_name: 'Desk Retail', parent_customer_group: 'All Customer Groups' });
    await ensureRecord(server, 'Item Group', 'All Item Groups', { item_group_name: 'All Item Groups', is_group: 1 });
    await ensureRecord(server, 'Item Group', 'Products', { item_group_name: 'Products', parent_item_group: 'All Item Groups' });
    await ensureRecord(server, 'UOM', 'Nos', { uom_name: 'Nos', must_be_whole_number: 1 });
    await ensureRecord(server, 'Item', 'DESK-WIDGET', { item_code: 'DESK-WIDGET', item_name: 'Desk Widget', item_group: 'Products', stock_uom: 'Nos' });
    await ensureRecord(server, 'Company', 'Tabula Test GmbH', { company_name: 'Tabula Test GmbH', abbr: 'TT', default_currency: 'EUR', country: 'Germany' });
    await ensureRecord(server, 'Price List', 'Standard Selling', { price_list_name: 'Standard Selling', currency: 'EUR', selling: 1 });
    customer = String((await docs.insert('Customer', { customer_name: 'Desk Buyer GmbH', customer_type: 'Company', customer_group: 'Desk Retail', territory: 'Desk Europe' })).name);
    const row = { item_code: 'DESK-WIDGET', item_name: 'Desk Widget', qty: 4, uom: 'Nos', conversion_factor: 1, rate: 12.5, amount: 50 };
    order = String(
      (await docs.insert('Sales Order', {
        customer, company: 'Tabula Test GmbH', transaction_date: '2026-03-02', delivery_date: '2026-03-20', order_type: 'Sales',
        currency: 'EUR', conversion_rate: 1, selling_price_list: 'Standard Selling', price_list_currency: 'EUR', plc_conversion_rate: 1,
        items: [row, { ...row, qty: 1, rate: 10, amount: 10 }],
      })).name,
    );
    desk = await attachDesk(server);
    page = await desk.loggedInPage();
  });
  after(async () => {
    await desk?.close();
  });

  it('lists each of the five from its own list settings', async () => {
    const lists: [string, string, string][] = [
      ['/app/territory', 'Territory', 'Desk Europe'],
      ['/app/customer-group', 'Customer Group', 'Desk Retail'],
      ['/app/customer', 'Customer', 'Desk Buyer GmbH'],
      ['/app/item', 'Item', 'Desk Widget'],
      ['/app/sales-order', 'Sales Order', 'Desk Buyer GmbH'],
    ];
    for (const [path, heading, row] of lists) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('.list-table tbody tr', { hasText: row }).first().waitFor();
    }
    // Sales Order's standard filters come from its in_standard_filter fields
    await page.getByRole('combobox', { name: 'Delivery Status' }).waitFor();
    await desk.screenshot(page, 'erpnext-sales-order-list');
  });

  it('creates a Territory under its parent through the tree Link', async () => {
    await page.goto('/app/territory/new');
    await page.getByRole('heading', { name: 'New Territory' }).waitFor();
    await page.getByLabel('Territory Name', { exact: true }).fill('Desk Nordics');
    await pickLink('Parent Territory', 'Desk Eu', 'Desk Europe');
    await save(/^\/app\/territory\/Desk Nordics$/);
    const stored = await server.site.documents.get('Territory', 'Desk Nordics');
    expect(stored.parent_territory).to.equal('Desk Europe');
  });

  it('shows a Customer Group with its parent', async () => {
    await page.goto('/app/customer-group/Desk Retail');
    await page.getByRole('heading', { name: 'Desk Retail' }).waitFor();
    expect(await page.getByLabel('Parent Customer Group', { exact: true }).inputValue()).to.equal('All Customer Groups');
  });

  it('creates a Customer named by its series, with Links picked by type-ahead', async () => {
    await page.goto('/app/customer/new');
    await page.getByRole('heading', { name: 'New Customer' }).waitFor();
    await page.getByLabel('Customer Name', { exact: true }).fill('Desk Imports AB');
    await pickLink('Customer Group', 'Desk', 'Desk Retail');
    await pickLink('Territory', 'Desk No', 'Desk Nordics');
    await save(/^\/app\/customer\/CUST-/);
    const stored = await server.site.documents.get('Customer', lastSegment());
    expect([stored.customer_name, stored.customer_type, stored.customer_group, stored.territory]).to.deep.equal(['Desk Imports AB', 'Company', 'Desk Retail', 'Desk Nordics']);
    await desk.screenshot(page, 'erpnext-customer-saved');
  });

  it('creates an Item named by its code, across the form\'s tabs', async () => {
    await page.goto('/app/item/new');
    await page.getByRole('heading', { name: 'New Item' }).waitFor();
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs.map((t) => t.trim())).to.include.members(['Details', 'Inventory', 'Sales']);
    await page.getByLabel('Item Code', { exact: true }).fill('DESK-GADGET');
    await page.getByLabel('Item Name', { exact: true }).fill('Desk Gadget');
    await pickLink('Item Group', 'Prod', 'Products');
    await pickLink('Default Unit of Measure', 'No', 'Nos');
    await save(/^\/app\/item\/DESK-GADGET$/);
    expect((await server.site.documents.get('Item', 'DESK-GADGET')).stock_uom).to.equal('Nos');
  });

  it("opens a Sales Order: its tabs, sections and item grid; an edit in the grid is saved", async () => {
    await page.goto(`/app/sales-order/${order}`);
    await page.getByRole('heading', { name: 'Desk Buyer GmbH' }).waitFor();
    // "Address & Contact" depends on the customer, which this order has; Connections holds no field
    const tabs = (await page.getByRole('tab').allTextContents()).map((t) => t.trim());
    expect(tabs).to.deep.equal(['Details', 'Address & Contact', 'Terms', 'More Info']);
    expect(await page.getByLabel('Item Code (row 1)').inputValue()).to.equal('DESK-WIDGET');
    expect(await page.getByLabel('Item Code (row 2)').inputValue()).to.equal('DESK-WIDGET');
    // collapsed: every required field in it is filled
    expect(await page.getByRole('button', { name: 'Currency and Price List' }).getAttribute('aria-expanded')).to.equal('false');
    await desk.screenshot(page, 'erpnext-sales-order-form');

    await page.getByRole('tab', { name: 'Terms' }).click();
    await page.getByRole('region', { name: 'Payment Terms' }).waitFor();
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Quantity (row 2)').fill('3');
    await page.getByRole('status').filter({ hasText: 'Not Saved' }).waitFor();
    await save(new RegExp(`^/app/sales-order/${order}$`));
    const items = (await server.site.documents.get('Sales Order', order)).items as Record<string, unknown>[];
    expect(items.map((r) => Number(r.qty))).to.deep.equal([4, 3]);
  });

  it('creates a Sales Order through the form: required fields in a collapsed section are opened, rows filled in the grid and the row editor', async () => {
    await page.goto('/app/sales-order/new');
    await page.getByRole('heading', { name: 'New Sales Order' }).waitFor();
    // no heading for the unlabelled first section
    expect(await page.locator('.section-head', { hasText: 'customer_section' }).count()).to.equal(0);
    await pickLink('Customer', 'Desk Buyer', customer);
    await pickLink('Company', 'Tabula', 'Tabula Test GmbH');
    expect(await page.getByRole('button', { name: 'Currency and Price List' }).getAttribute('aria-expanded')).to.equal('true');
    await pickLink('Currency', 'EU', 'EUR');
    await page.getByLabel('Exchange Rate', { exact: true }).fill('1');
    await pickLink('Price List', 'Standard', 'Standard Selling');
    await pickLink('Price List Currency', 'EU', 'EUR');
    await page.getByLabel('Price List Exchange Rate', { exact: true }).fill('1');

    await page.getByRole('button', { name: 'Add Row' }).first().click();
    await pickLink('Item Code (row 1)', 'DESK-G', 'DESK-GADGET');
    await page.getByLabel('Quantity (row 1)').fill('2');
    await page.getByLabel('Rate (row 1)').fill('20');
    await page.getByRole('button', { name: 'Edit row 1' }).click();
    await page.getByLabel('Item Name', { exact: true }).fill('Desk Gadget');
    await pickLink('UOM', 'No', 'Nos');
    // shown once the UOM differs from the (empty) stock UOM, as its depends_on says
    await page.getByLabel('UOM Conversion Factor', { exact: true }).fill('1');
    await page.keyboard.press('Escape');
    await desk.screenshot(page, 'erpnext-sales-order-new');

    await save(/^\/app\/sales-order\/SAL-ORD-\d{4}-\d+$/);
    const stored = await server.site.documents.get('Sales Order', lastSegment());
    expect([stored.customer, stored.currency, stored.selling_price_list]).to.deep.equal([customer, 'EUR', 'Standard Selling']);
    const items = stored.items as Record<string, unknown>[];
    expect(items.map((r) => [r.item_code, r.item_name, Number(r.qty), Number(r.rate), r.uom])).to.deep.equal([['DESK-GADGET', 'Desk Gadget', 2, 20, 'Nos']]);
  });
});
