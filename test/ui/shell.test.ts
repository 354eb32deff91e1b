/**
 * The desk shell in a real browser: the home page's modules with their DocTypes and reports, global
 * search driven from the keyboard, the user menu and logout, the not-found page.
 */
import { expect } from 'chai';
import { startDesk, type DeskSession } from '../support/browser';

describe('desk: shell', function () {
  this.timeout(120_000);
  let desk: DeskSession;
  let customer: string;

  before(async () => {
    desk = await startDesk();
    await desk.server.site.documents.save('User', 'Administrator', { first_name: 'Ada', last_name: 'Admin' });
    customer = String((await desk.server.site.documents.insert('Customer', { customer_name: 'Quetzal Imports', customer_type: 'Company', territory: 'Germany', customer_group: 'Commercial' })).name);
  });
  after(async () => {
    await desk?.close();
  });

  it('lists the modules with their DocTypes and reports on the home page', async () => {
    const page = await desk.loggedInPage();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.slice(0, 3)).to.deep.equal(['CRM', 'Selling', 'Setup']);
    const crm = page.getByRole('region', { name: 'CRM' });
    expect(await crm.getByRole('link').allTextContents()).to.include.members(['Lead', 'Opportunity', 'Inactive Customers', 'Lost Opportunity']);
    const selling = page.getByRole('region', { name: 'Selling' });
    expect(await selling.getByRole('link').allTextContents()).to.include.members(['Customer', 'Sales Order', 'Quotation']);
    expect(await page.getByRole('region', { name: 'Setup' }).getByRole('link').allTextContents()).to.include.members(['Territory', 'Customer Group', 'Company']);
    expect(await crm.getByRole('link', { name: 'Inactive Customers' }).getAttribute('href')).to.equal('/app/query-report/Inactive%20Customers');
    await desk.screenshot(page, 'home');
    await selling.getByRole('link', { name: 'Sales Order' }).click();
    await page.waitForURL((url) => url.pathname === '/app/sales-order');
  });

  it('finds a customer by its title from the keyboard and opens its form', async () => {
    const page = await desk.loggedInPage();
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search' });
    expect(await search.evaluate((e) => e === document.activeElement)).to.equal(true);
    await search.pressSequentially('quetzal');
    const option = page.getByRole('option', { name: /Quetzal Imports/ });
    await option.waitFor();
    await desk.screenshot(page, 'global-search');
    await search.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).to.equal('true');
    await search.press('Enter');
    await page.waitForURL((url) => url.pathname === `/app/customer/${customer}`);
  });

  it('offers DocType lists and reports by name in the search', async () => {
    const page = await desk.loggedInPage();
    const search = page.getByRole('combobox', { name: 'Search' });
    await search.fill('inactive');
    await page.getByRole('option', { name: /Inactive Customers/ }).click();
    await page.waitForURL((url) => url.pathname === '/app/query-report/Inactive%20Customers');
    await search.fill('sales order');
    await page.getByRole('option', { name: /Sales Order List/ }).waitFor();
    await search.press('Enter');
    await page.waitForURL((url) => url.pathname === '/app/sales-order');
    await search.fill('nothing matches this');
    await page.getByRole('listbox').getByText('No results').waitFor();
    await search.press('Escape');
    expect(await page.getByRole('listbox').isVisible()).to.equal(false);
  });

  it("shows the user's full name in the user menu and logs out", async () => {
    const page = await desk.loggedInPage();
    const menu = page.getByRole('button', { name: /Ada Admin/ });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).to.equal('true');
    await page.getByRole('button', { name: 'Logout' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto('/app/customer');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.evaluate(() => document.documentElement.dir)).to.equal('ltr');
  });

  it('shows a not-found page for an unknown path and an unknown DocType, inside the shell', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/no-such-doctype');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByText('no-such-doctype').count()).to.be.greaterThan(0);
    expect(await page.getByRole('combobox', { name: 'Search' }).isVisible()).to.equal(true);
    // The server answers the desk page for /app/...; the router has no page for three segments.
    await page.goto('/app/customer/some/thing');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to Home' }).click();
    await page.waitForURL((url) => url.pathname === '/app');
  });

  it('fits the home page in 390 px', async () => {
    const page = await desk.loggedInPage({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await desk.screenshot(page, 'home-390');
  });
});
