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
});
