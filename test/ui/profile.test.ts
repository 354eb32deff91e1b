import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startDesk, type DeskSession } from '../support/browser';

/**
 * The customer profile and follow-ups in a real browser: the profile opened from the Customer form
 * (header, badges, KPI figures, the monthly revenue chart, top items), a Customer link in a report
 * leading to the profile, and the At Risk rows of Customer Status selected and given follow-ups
 * (each to its sales person), then the follow-up seen on the profile. Orders are dated relative to
 * today, as the desk shows everything as of today.
 */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('desk: customer profile and follow-ups', function () {
  this.timeout(240_000);
  let desk: DeskSession;
  let page: Page;
  const names: Record<string, string> = {};

  before(async () => {
    desk = await startDesk({ apps: ['core', 'crm'], label: 'ui_profile' });
    const { server } = desk;
    const docs = server.site.documents;
    await server.createUser('bob@ex.com', ['Sales User']);
    await docs.insert('Sales Person', { sales_person_name: 'Bob', parent_sales_person: 'Sales Team', user: 'bob@ex.com' });
    await docs.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    await docs.insert('Item', { item_code: 'GADGET', item_name: 'Gadget', item_group: 'Services', stock_uom: 'Nos', standard_rate: 100 });
    const order = async (customer: string, days: number, items: [string, number, number][]) => {
      const date = daysAgo(days);
      const doc = await docs.insert('Sales Order', { customer, company: 'Tabula Demo Ltd', transaction_date: date, delivery_date: date, items: items.map(([item_code, qty, rate]) => ({ item_code, qty, rate })) });
      await docs.submit('Sales Order', String(doc.name));
    };
    for (const [customer_name, team] of [['Acme Risk', [{ sales_person: 'Bob', allocated_percentage: 100 }]], ['Omega Risk', []], ['Zeta Active', []]] as const) {
      const doc = await docs.insert('Customer', { customer_name, territory: 'Germany', customer_group: 'Commercial', sales_team: [...team] });
      names[customer_name] = String(doc.name);
    }
    // Acme: four orders over the year, the last 100 days ago (At Risk): 120 + 200 + 30 + 250 = 600.
    await order(names['Acme Risk']!, 300, [['WIDGET', 2, 10], ['GADGET', 1, 100]]);
    await order(names['Acme Risk']!, 200, [['GADGET', 2, 100]]);
    await order(names['Acme Risk']!, 150, [['WIDGET', 3, 10]]);
    await order(names['Acme Risk']!, 100, [['WIDGET', 5, 10], ['GADGET', 2, 100]]);
    await order(names['Omega Risk']!, 120, [['WIDGET', 1, 10]]);
    await order(names['Zeta Active']!, 10, [['GADGET', 1, 100]]);
    page = await desk.loggedInPage();
  });
  after(() => desk?.close());

  it('opens the profile from the Customer form and shows the badges, figures and chart', async () => {
    await page.goto(`/app/customer/${encodeURIComponent(names['Acme Risk']!)}`);
    await page.getByRole('link', { name: 'Customer Profile' }).click();
    await page.waitForURL((url) => url.pathname === `/app/customer-profile/${encodeURIComponent(names['Acme Risk']!)}`);
    await expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Acme Risk');
    expect((await page.getByTestId('status-badge').textContent())?.trim()).to.equal('At Risk');
    // No order last month but earlier ones: class D in the ABC report's default period.
    expect((await page.getByTestId('abc-badge').textContent())?.trim()).to.equal('Class D');
    const figures = page.getByRole('region', { name: 'Figures' });
    await figures.waitFor();
    const kpi = async (label: string) =>
      (await figures.locator('.kpi').filter({ has: page.locator('.kpi-label').getByText(label, { exact: true }) }).locator('.kpi-value').textContent())?.trim();
    expect(await kpi('Lifetime revenue')).to.match(/600\.00/);
    expect(await kpi('Orders')).to.equal('4');
    expect(await kpi('Average order')).to.match(/150\.00/);
    expect(await kpi('Days between orders')).to.match(/^66\.7/);
    const chart = page.getByRole('region', { name: 'Monthly revenue' });
    expect(await chart.locator('svg rect').count()).to.be.greaterThan(3);
    const items = page.getByRole('region', { name: 'Top items' });
    expect(await items.locator('tbody tr').first().locator('td').first().textContent()).to.equal('GADGET');
    await desk.screenshot(page, 'profile-acme');
  });

  it('selects the At Risk rows of Customer Status and assigns follow-ups to their sales people', async () => {
    // as_of_date given: the report view does not resolve the filter's 'Today' default yet.
    await page.goto(`/app/query-report/Customer%20Status?as_of_date=${daysAgo(0)}&status=At%20Risk`);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr.row').length === 2);
    await page.getByLabel('Select all rows').check();
    await page.getByRole('button', { name: 'Assign follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign follow-up' });
    await dialog.getByLabel('Note').fill('Call before the quarter ends');
    await desk.screenshot(page, 'profile-follow-up-dialog');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'follow-ups created' });
    await toast.waitFor();
    const text = (await toast.textContent()) ?? '';
    expect(text).to.contain('2 follow-ups created');
    expect(text).to.contain('Acme Risk → bob@ex.com');
    expect(text).to.contain('Omega Risk → Administrator');
    await desk.screenshot(page, 'profile-follow-up-result');
  });

  it('leads from a Customer link in the report to the profile, which lists the open follow-up', async () => {
    await page.getByRole('link', { name: names['Acme Risk']!, exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app/customer-profile/'));
    const followUps = page.getByRole('region', { name: 'Open follow-ups' });
    await followUps.locator('tbody tr').first().waitFor();
    const row = (await followUps.locator('tbody tr').first().textContent()) ?? '';
    expect(row).to.contain('Call before the quarter ends');
    expect(row).to.contain('bob@ex.com');
    await desk.screenshot(page, 'profile-with-follow-up');
  });
});
