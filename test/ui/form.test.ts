import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startDesk, type DeskSession } from '../support/browser';

/** The generated form, driven as a person would: by labels, keyboard and buttons. */
describe('desk: form view', function () {
  this.timeout(180_000);
  let desk: DeskSession;
  let page: Page;

  before(async () => {
    desk = await startDesk();
    const docs = desk.server.site.documents;
    await docs.insert('Item', { item_code: 'WIDGET-1', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    await docs.insert('Item', { item_code: 'GADGET-2', item_name: 'Gadget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 25 });
    page = await desk.loggedInPage();
  });
  after(async () => {
    await desk?.close();
  });

  it('creates a Customer: the required-field error first, at the field, then saves and goes to the real name', async () => {
    await page.goto('/app/customer/new');
    await page.getByRole('heading', { name: 'New Customer' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Not Saved' }).count()).to.equal(1);
    await page.getByRole('button', { name: 'Save' }).click();
    const fieldError = page.locator('#field-customer_name-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).to.contain('Customer Name is required');
    expect(await page.getByLabel('Customer Name').getAttribute('aria-invalid')).to.equal('true');
    await desk.screenshot(page, 'form-customer-required');

    await page.getByLabel('Customer Name').fill('Acme Rockets');
    expect(await fieldError.count()).to.equal(0);
    await page.getByLabel('Customer Group').fill('Comm');
    await page.getByRole('option', { name: /Commercial/ }).waitFor();
    await page.getByLabel('Customer Group').press('Enter');
    expect(await page.getByLabel('Customer Group').inputValue()).to.equal('Commercial');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => /^\/app\/customer\/CUST-/.test(decodeURIComponent(url.pathname)));
    await page.getByRole('heading', { name: 'Acme Rockets' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Not Saved' }).count()).to.equal(0);
    const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await desk.server.site.documents.get('Customer', name);
    expect(stored.customer_name).to.equal('Acme Rockets');
    expect(stored.customer_group).to.equal('Commercial');
    await desk.screenshot(page, 'form-customer-saved');
  });

  it('marks an edit "Not Saved" and saves it with Ctrl+S', async () => {
    await page.getByLabel('Website').fill('https://acme.example');
    await page.getByRole('status').filter({ hasText: 'Not Saved' }).waitFor();
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => e.textContent?.includes('Not Saved')));
    const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect((await desk.server.site.documents.get('Customer', name)).website).to.equal('https://acme.example');
  });

  /** Types into a Link, waits for the suggestion and picks it with the keyboard. */
  async function pickLink(label: string, typed: string, expected: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(typed);
    await page.getByRole('option', { name: new RegExp(expected) }).first().waitFor();
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    await input.press('Enter');
    expect(await input.inputValue()).to.equal(expected);
  }

  let salesOrder = '';

  it('creates a Sales Order with two item rows in the grid, saves and submits it', async () => {
    const customer = String((await desk.server.site.documents.insert('Customer', { customer_name: 'Grid Buyer', customer_group: 'Commercial', territory: 'Germany' })).name);
    await page.goto('/app/sales-order/new');
    await page.getByRole('heading', { name: 'New Sales Order' }).waitFor();
    await pickLink('Customer', 'Grid', customer);
    // fetch_from fills the customer's name at once
    await page.waitForFunction(() => (document.getElementById('field-customer_name') as HTMLInputElement | null)?.value === 'Grid Buyer');
    await page.getByLabel('Delivery Date', { exact: true }).fill('2030-01-31');
    await pickLink('Company', 'Tabula', 'Tabula Demo Ltd');

    await page.getByRole('button', { name: 'Add Row' }).click();
    await pickLink('Item Code (row 1)', 'WIDG', 'WIDGET-1');
    await page.getByLabel('Quantity (row 1)').fill('3');
    await page.getByRole('button', { name: 'Add Row' }).click();
    await pickLink('Item Code (row 2)', 'GADG', 'GADGET-2');
    await page.getByLabel('Quantity (row 2)').fill('2');
    await page.getByLabel('Rate (row 2)').fill('25');
    await page.getByLabel('Rate (row 1)').fill('10');
    // formatted once it loses focus
    await page.getByLabel('Quantity (row 1)').focus();
    expect(await page.getByLabel('Rate (row 2)').inputValue()).to.equal('25.00');
    await desk.screenshot(page, 'form-sales-order-grid');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => /^\/app\/sales-order\/SAL-ORD-/.test(decodeURIComponent(url.pathname)));
    salesOrder = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await desk.server.site.documents.get('Sales Order', salesOrder);
    const items = stored.items as Record<string, unknown>[];
    expect(items.map((r) => [r.idx, r.item_code, Number(r.qty)])).to.deep.equal([
      [1, 'WIDGET-1', 3],
      [2, 'GADGET-2', 2],
    ]);
    expect(Number(stored.grand_total)).to.equal(80);

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('status').filter({ hasText: /^To Deliver|Submitted/ }).first().waitFor();
    expect((await desk.server.site.documents.get('Sales Order', salesOrder)).docstatus).to.equal(1);
    // after submit only allow_on_submit fields are editable
    expect(await page.getByLabel('Delivery Date', { exact: true }).getAttribute('readonly')).to.not.equal(null);
    expect(await page.getByRole('button', { name: 'Add Row' }).count()).to.equal(0);
    await desk.screenshot(page, 'form-sales-order-submitted');
  });

  it('cancels the submitted Sales Order and amends it into a new draft', async () => {
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel document' }).click();
    await page.getByRole('status').filter({ hasText: 'Cancelled' }).first().waitFor();
    expect((await desk.server.site.documents.get('Sales Order', salesOrder)).docstatus).to.equal(2);

    await page.getByRole('button', { name: 'Amend' }).click();
    await page.waitForURL((url) => url.pathname === '/app/sales-order/new');
    expect(await page.getByLabel('Item Code (row 2)').inputValue()).to.equal('GADGET-2');
    // Delivery Date is no_copy: the amendment asks for it again
    expect(await page.getByLabel('Delivery Date', { exact: true }).inputValue()).to.equal('');
    await page.getByLabel('Delivery Date', { exact: true }).fill('2030-03-31');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname).startsWith(`/app/sales-order/${salesOrder}-`));
    const amended = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await desk.server.site.documents.get('Sales Order', amended);
    expect(stored.amended_from).to.equal(salesOrder);
    expect((stored.items as unknown[]).length).to.equal(2);
  });

  it('shows a server error at the grid row it concerns', async () => {
    await page.goto(`/app/sales-order/new`);
    await page.getByRole('heading', { name: 'New Sales Order' }).waitFor();
    await pickLink('Customer', 'Grid', String((await desk.server.site.documents.get('Sales Order', salesOrder)).customer));
    await page.getByLabel('Delivery Date', { exact: true }).fill('2030-02-28');
    await pickLink('Company', 'Tabula', 'Tabula Demo Ltd');
    await page.getByRole('button', { name: 'Add Row' }).click();
    await pickLink('Item Code (row 1)', 'WIDG', 'WIDGET-1');
    await page.getByRole('button', { name: 'Add Row' }).click();
    // a name no Item has: only the server can say so
    await page.getByLabel('Item Code (row 2)').fill('NO-SUCH-ITEM');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Edit row 2' }).click();
    await page.getByLabel('Item Name', { exact: true }).fill('Ghost');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('[data-fieldname=items] [role=row][data-idx="2"]');
    await row.and(page.locator('.row-error')).waitFor();
    expect(await page.locator('#field-items-2-item_code-error').textContent()).to.match(/NO-SUCH-ITEM/);
    expect(await page.locator('[data-fieldname=items] [role=row][data-idx="1"].row-error').count()).to.equal(0);
    expect(await page.getByRole('alert').first().textContent()).to.match(/NO-SUCH-ITEM/);
    expect(new URL(page.url()).pathname).to.equal('/app/sales-order/new');
    await desk.screenshot(page, 'form-grid-row-error');
  });

  it('shows and hides a field by its depends_on as the document changes', async () => {
    await page.goto('/app/lead/new');
    await page.getByRole('heading', { name: 'New Lead' }).waitFor();
    // Lead: qualified_by depends_on eval:doc.qualification_status == "Qualified"
    expect(await page.getByLabel('Qualified By', { exact: true }).count()).to.equal(0);
    await page.getByLabel('Qualification Status').selectOption('Qualified');
    await page.getByLabel('Qualified By', { exact: true }).waitFor();
    await page.getByLabel('Qualification Status').selectOption('Unqualified');
    await page.getByLabel('Qualified By', { exact: true }).waitFor({ state: 'detached' });
  });

  it('marks mandatory_depends_on fields required, then shows a server-only validation error at its field', async () => {
    // first_name is required while there is no company_name (eval:!doc.company_name), and back
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#field-first_name-error').waitFor();
    expect(await page.locator('#field-company_name-error').count()).to.equal(1);
    await page.getByLabel('First Name').fill('Ada');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Save' }).click();
    // only the server knows this one: its answer lands at the field
    const error = page.locator('#field-email_id-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/email/i);
    expect(await page.locator('#field-first_name-error').count()).to.equal(0);
    await desk.screenshot(page, 'form-lead-server-error');
  });

  it('runs a controller action (Lead → Make Opportunity) and opens the document it returns', async () => {
    await page.getByLabel('Email', { exact: true }).fill('ada@engines.example');
    await page.getByLabel('Organization Name').fill('Analytical Engines');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => /^\/app\/lead\/CRM-LEAD-/.test(decodeURIComponent(url.pathname)));
    const lead = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('button', { name: 'Make Opportunity' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app/opportunity/'));
    const opportunity = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await desk.server.site.documents.get('Opportunity', opportunity);
    expect(stored.party_name).to.equal(lead);
    await page.getByLabel('Party', { exact: true }).waitFor();
    await desk.screenshot(page, 'form-opportunity-from-lead');
  });

  it('stacks the columns at 390 px and keeps every control labelled', async () => {
    const phone = await desk.loggedInPage({ width: 390, height: 844 });
    await phone.goto(`/app/sales-order/${encodeURIComponent(salesOrder)}`);
    await phone.getByLabel('Customer', { exact: true }).waitFor();
    const customer = await phone.getByLabel('Customer', { exact: true }).boundingBox();
    const date = await phone.getByLabel('Date', { exact: true }).boundingBox();
    // one column: the second column's field is below the first's, not beside it
    expect(date!.y).to.be.greaterThan(customer!.y);
    expect(Math.abs(date!.x - customer!.x)).to.be.lessThan(2);
    // the page itself never scrolls sideways (the grid scrolls inside its own box)
    await desk.screenshot(phone, 'form-sales-order-390');
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 392 && !e.closest('.grid')).map((e) => `${e.tagName}.${e.className}`).slice(0, 8),
    );
    expect(wide, 'elements wider than the screen').to.deep.equal([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    const unlabelled = await phone.evaluate(() =>
      [...document.querySelectorAll('.form-card input:not([type=radio]), .form-card select, .form-card textarea')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
        .map((el) => el.id || el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).to.deep.equal([]);
    await desk.screenshot(phone, 'form-sales-order-390');
    await phone.context().close();
  });

  it('asks before leaving with unsaved changes, and stays when told No', async () => {
    const customer = String((await desk.server.site.documents.insert('Customer', { customer_name: 'Leaving Ltd' })).name);
    await page.goto(`/app/customer/${encodeURIComponent(customer)}`);
    await page.getByLabel('Industry').fill('Shipping');
    await page.getByRole('link', { name: 'Customer', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'No' }).click();
    expect(decodeURIComponent(new URL(page.url()).pathname)).to.equal(`/app/customer/${customer}`);
    expect(await page.getByLabel('Industry').inputValue()).to.equal('Shipping');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => e.textContent?.includes('Not Saved')));
  });

  it('opens the server print output from the menu', async () => {
    await page.goto(`/app/sales-order/${encodeURIComponent(salesOrder)}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Print' }).click();
    const frame = page.frameLocator('iframe[title="Print preview"]');
    await frame.getByText('WIDGET-1').first().waitFor();
    await desk.screenshot(page, 'form-print');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('deletes a document from the menu after confirming, then shows the list', async () => {
    const customer = String((await desk.server.site.documents.insert('Customer', { customer_name: 'Short Lived' })).name);
    await page.goto(`/app/customer/${encodeURIComponent(customer)}`);
    await page.getByRole('heading', { name: 'Short Lived' }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL((url) => url.pathname === '/app/customer');
    expect(await desk.server.site.documents.exists('Customer', customer)).to.equal(false);
  });

  it('lays the form out right to left when the page is RTL', async () => {
    await page.goto('/app/customer/new');
    await page.getByRole('heading', { name: 'New Customer' }).waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    const name = (await page.getByLabel('Customer Name').boundingBox())!;
    const group = (await page.getByLabel('Customer Group', { exact: true }).boundingBox())!;
    // the first column is on the right, and a label starts at its input's right edge
    expect(name.x).to.be.greaterThan(group.x);
    const label = (await page.locator('label[for=field-customer_name]').boundingBox())!;
    expect(Math.abs(label.x + label.width - (name.x + name.width))).to.be.lessThan(2);
    await desk.screenshot(page, 'form-customer-rtl');
    await page.evaluate(() => document.documentElement.removeAttribute('dir'));
  });
});
