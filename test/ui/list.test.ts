/**
 * The generated list view in a real browser, on the CRM app's Customer and Sales Order: columns and
 * status from the meta, the filter bar and builder, sorting, paging with the lazy count, sidebar
 * group-by counts, bulk delete / submit with per-row failures, the URL keeping the state (Back), the
 * 390 px layout and right-to-left for an Arabic-speaking user.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/api';
import { startDesk, type DeskSession } from '../support/browser';

const TODAY = new Date().toISOString().slice(0, 10);
const TERRITORIES = ['Germany', 'France', 'United Kingdom'];
const GROUPS = ['Commercial', 'Individual', 'Government'];

interface Seeded {
  name: string;
  customer_name: string;
  territory: string;
  customer_group: string;
}

/** The rows' titles as the table shows them, top to bottom. */
async function titles(page: Page): Promise<string[]> {
  return page.locator('.list-table tbody td.title a').allTextContents();
}

async function waitForRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.list-table tbody tr').length === n && !document.querySelector('[aria-busy="true"]'), count);
}

/** The summary below the table, once the lazy count has arrived ("1–20 of 45" or "20 of 45"). */
async function summary(page: Page): Promise<string> {
  const locator = page.locator('.paging .summary');
  await page.waitForFunction(() => / of /.test(document.querySelector('.paging .summary')?.textContent ?? ''));
  return (await locator.textContent())!.trim();
}

describe('desk: list view', function () {
  this.timeout(180_000);
  let desk: DeskSession;
  const customers: Seeded[] = [];
  const orders: string[] = [];

  before(async () => {
    desk = await startDesk();
    const docs = desk.server.site.documents;
    for (let i = 0; i < 45; i++) {
      const values = {
        customer_name: `Customer ${String(i).padStart(2, '0')} ${i % 5 === 0 ? 'Zebra' : 'Lynx'}`,
        customer_type: i % 2 ? 'Company' : 'Individual',
        territory: TERRITORIES[i % 3]!,
        customer_group: GROUPS[i % 3 === 0 ? 0 : i % 2 ? 1 : 2]!,
        disabled: i === 7 ? 1 : 0,
      };
      const doc = await docs.insert('Customer', values);
      customers.push({ name: String(doc.name), ...values });
    }
    await docs.insert('Item', { item_code: 'LIST-1', item_name: 'List Lamp', item_group: 'Products', standard_rate: 10 });
    for (const customer of customers.slice(0, 3))
      orders.push(String((await docs.insert('Sales Order', { customer: customer.name, company: 'Tabula Demo Ltd', delivery_date: TODAY, items: [{ item_code: 'LIST-1', qty: 2, rate: 10 }] })).name));
  });
  after(async () => {
    await desk?.close();
  });

  it('shows the title and in_list_view columns, the status indicator and a lazy count', async () => {
    const page = await desk.loggedInPage();
    await page.getByRole('link', { name: 'Customer', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/customer');
    await waitForRows(page, 20);
    const headers = (await page.locator('.list-table thead th:not(.select)').allTextContents()).map((t) => t.replace(/[↑↓]/g, '').trim()).filter(Boolean);
    expect(headers).to.deep.equal(['Customer Name', 'Status', 'Customer Group', 'Territory', 'Mobile No']);
    expect(await summary(page)).to.equal('20 of 45');
    // Newest first (the DocType's sort_field modified, descending).
    expect((await titles(page))[0]).to.equal(customers[44]!.customer_name);
    const disabled = page.locator('tr', { hasText: customers[7]!.customer_name }).locator('.indicator');
    await page.getByRole('button', { name: '100' }).click();
    await waitForRows(page, 45);
    expect(await disabled.textContent()).to.equal('Disabled');
    expect(await disabled.getAttribute('class')).to.contain('gray');
    expect(await page.locator('tr', { hasText: customers[8]!.customer_name }).locator('.indicator').textContent()).to.equal('Enabled');
    await desk.screenshot(page, 'list-customer');
  });

  it('filters through the bar and the builder, keeping the filters in the URL', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    await page.getByLabel('Customer Name').fill('zebra');
    await page.getByLabel('Customer Name').press('Enter');
    const zebras = customers.filter((c) => c.customer_name.includes('Zebra'));
    await waitForRows(page, zebras.length);
    expect((await titles(page)).sort()).to.deep.equal(zebras.map((c) => c.customer_name).sort());
    expect(JSON.parse(new URL(page.url()).searchParams.get('filters')!)).to.deep.equal([['customer_name', 'like', '%zebra%']]);
    expect(await summary(page)).to.equal(`${zebras.length} of ${zebras.length}`);

    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByLabel('Filter field').selectOption({ label: 'Customer Type' });
    const operators = await page.getByLabel('Filter operator').locator('option').allTextContents();
    expect(operators).to.include.members(['Equals', 'Not Equals', 'In', 'Is']);
    expect(operators).to.not.include('>');
    await page.getByLabel('Filter operator').selectOption({ label: 'Not Equals' });
    await page.getByLabel('Filter value').selectOption('Company');
    await page.getByRole('button', { name: 'Add filter' }).click();
    const individuals = zebras.filter((c) => customers.indexOf(c) % 2 === 0);
    await waitForRows(page, individuals.length);
    expect((await titles(page)).sort()).to.deep.equal(individuals.map((c) => c.customer_name).sort());
    await page.getByText('Customer Type Not Equals Company').waitFor();
    await desk.screenshot(page, 'list-filtered');

    // Back undoes the last filter; a reload of the URL shows the same list.
    await page.goBack();
    await waitForRows(page, zebras.length);
    await page.reload();
    await waitForRows(page, zebras.length);
    expect(await page.getByLabel('Customer Name').inputValue()).to.equal('zebra');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForRows(page, 20);
    expect(new URL(page.url()).searchParams.has('filters')).to.equal(false);
  });

  it('filters a Link into a tree by its subtree from the bar', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer?page_length=100');
    await waitForRows(page, 45);
    const territory = page.getByRole('combobox', { name: 'Territory' });
    // Committed on leaving the field (Tab): an Enter can be taken by the suggestion list if it opens
    // at that moment on a loaded machine.
    await territory.fill('Europe');
    await territory.press('Tab');
    await page.waitForURL((url) => (url.searchParams.get('filters') ?? '').includes('Europe'));
    await waitForRows(page, 45); // every customer is in a European country
    await territory.fill('France');
    await territory.press('Tab');
    await page.waitForURL((url) => (url.searchParams.get('filters') ?? '').includes('France'));
    await waitForRows(page, 15);
    expect(JSON.parse(new URL(page.url()).searchParams.get('filters')!)).to.deep.equal([['territory', 'descendants of (inclusive)', 'France']]);
  });

  it('sorts by any column, both ways, from the header and the sort menu', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer?page_length=100');
    await waitForRows(page, 45);
    await page.getByRole('button', { name: 'Customer Name', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('order_by') === 'customer_name asc');
    await waitForRows(page, 45);
    const sorted = customers.map((c) => c.customer_name).sort();
    expect(await titles(page)).to.deep.equal(sorted);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).to.contain('Customer Name');
    await page.getByRole('button', { name: 'Customer Name', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('order_by') === 'customer_name desc');
    await waitForRows(page, 45);
    expect(await titles(page)).to.deep.equal([...sorted].reverse());
    await page.getByLabel('Sort by').selectOption({ label: 'Territory' });
    await page.waitForURL((url) => url.searchParams.get('order_by') === 'territory desc');
    await waitForRows(page, 45);
    const territories = await page.locator('.list-table tbody tr td:nth-child(5)').allTextContents();
    expect(territories).to.deep.equal([...territories].sort().reverse());
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('order_by') === 'customer_name desc');
  });

  it('pages through 20 at a time, with 100 and 500 a page, the count following the filters', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer?order_by=customer_name%20asc');
    await waitForRows(page, 20);
    const sorted = customers.map((c) => c.customer_name).sort();
    expect(await titles(page)).to.deep.equal(sorted.slice(0, 20));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.get('start') === '20');
    await waitForRows(page, 20);
    expect(await titles(page)).to.deep.equal(sorted.slice(20, 40));
    expect(await summary(page)).to.equal('21–40 of 45');
    await page.getByRole('button', { name: 'Next' }).click();
    await waitForRows(page, 5);
    expect(await summary(page)).to.equal('41–45 of 45');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).to.equal(true);
    await page.getByRole('button', { name: '500' }).click();
    await waitForRows(page, 45);
    expect(new URL(page.url()).searchParams.get('page_length')).to.equal('500');
    expect(new URL(page.url()).searchParams.has('start')).to.equal(false);
    expect(await page.getByRole('button', { name: '500' }).getAttribute('aria-pressed')).to.equal('true');
  });

  it('counts rows per value in the sidebar and filters by a picked value', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    const sidebar = page.getByRole('navigation', { name: 'Group by' });
    const group = sidebar.getByRole('region', { name: 'Customer Group' });
    await group.getByRole('button').first().waitFor();
    const counts = Object.fromEntries(
      (await group.getByRole('button').allTextContents()).map((t) => {
        const [, value, n] = /^\s*(.*?)\s*(\d+)\s*$/.exec(t)!;
        return [value, Number(n)];
      }),
    );
    const expected: Record<string, number> = {};
    for (const c of customers) expected[c.customer_group] = (expected[c.customer_group] ?? 0) + 1;
    expect(counts).to.deep.equal(expected);
    await group.getByRole('button', { name: /^Government/ }).click();
    await waitForRows(page, expected.Government!);
    expect(await group.getByRole('button', { name: /^Government/ }).getAttribute('aria-pressed')).to.equal('true');
    // The Territory counts follow the filter (the old ones are cleared, never shown for the new filter).
    const territory = sidebar.getByRole('region', { name: 'Territory' });
    await territory.getByRole('button').first().waitFor();
    const territoryCounts = await territory.getByRole('button').allTextContents();
    const total = territoryCounts.reduce((sum, t) => sum + Number(/(\d+)\s*$/.exec(t)![1]), 0);
    expect(total).to.equal(expected.Government);
    await desk.screenshot(page, 'list-group-by');
  });

  it('bulk deletes after confirming, and names the customer that could not be deleted', async () => {
    const page = await desk.loggedInPage();
    const linked = customers[0]!; // has a Sales Order
    const free = customers[40]!;
    await page.goto(`/app/customer?filters=${encodeURIComponent(JSON.stringify([['name', 'in', [linked.name, free.name]]]))}`);
    await waitForRows(page, 2);
    await page.getByLabel('Select all').check();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByText('2 selected').waitFor();
    expect(await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button').allTextContents()).to.deep.equal(['Delete']);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 Customer documents?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await desk.server.site.documents.exists('Customer', free.name)).to.equal(true);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.contain('Deleted 1. 1 failed:').and.contain(linked.name).and.contain('Sales Order');
    await waitForRows(page, 1);
    expect(await titles(page)).to.deep.equal([linked.customer_name]);
    expect(await desk.server.site.documents.exists('Customer', free.name)).to.equal(false);
    await desk.screenshot(page, 'list-bulk-delete');
  });

  it('bulk submits and cancels Sales Orders, the indicator following the docstatus', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/sales-order');
    await waitForRows(page, 3);
    expect(await page.locator('.indicator').allTextContents()).to.deep.equal(['Draft', 'Draft', 'Draft']);
    await page.getByLabel(`Select ${orders[0]}`).check();
    await page.getByLabel(`Select ${orders[1]}`).check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    expect(await bar.getByRole('button').allTextContents()).to.deep.equal(['Delete', 'Submit', 'Cancel']);
    await bar.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, submit' }).click();
    await page.getByRole('alert').getByText('Submitted 2.').waitFor();
    const row = (name: string) => page.locator('tr', { has: page.getByLabel(`Select ${name}`) }).locator('.indicator');
    await page.waitForFunction(() => [...document.querySelectorAll('.indicator')].filter((e) => e.textContent === 'Draft').length === 1);
    expect(await row(orders[2]!).textContent()).to.equal('Draft');
    expect(await row(orders[0]!).textContent()).to.not.equal('Draft');
    // Cancelling a draft fails for that row alone.
    await page.getByLabel(`Select ${orders[0]}`).check();
    await page.getByLabel(`Select ${orders[2]}`).check();
    await bar.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel' }).click();
    await page.getByRole('alert').getByText('Cancelled 1. 1 failed:').waitFor();
    expect(await page.getByRole('alert').textContent()).to.contain(orders[2]);
    await page.waitForFunction(() => [...document.querySelectorAll('.indicator')].some((e) => e.textContent === 'Cancelled'));
    expect(await row(orders[0]!).getAttribute('class')).to.contain('red');
    await desk.screenshot(page, 'list-sales-order');
  });

  it('opens the form from a row, and the New button opens a new form', async () => {
    const page = await desk.loggedInPage();
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    const first = customers[44]!;
    await page.locator('tr', { hasText: first.customer_name }).locator('td').nth(3).click();
    await page.waitForURL((url) => url.pathname === `/app/customer/${encodeURIComponent(first.name)}`);
    // (Back to the list is covered by the filter test; the form may hold the page while it loads.)
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    await page.getByRole('link', { name: 'New Customer' }).click();
    await page.waitForURL((url) => url.pathname === '/app/customer/new');
  });

  it('fits 390 px: extra columns and the sidebar fold away, the sidebar opens on demand', async () => {
    const page = await desk.loggedInPage({ width: 390, height: 844 });
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    expect(await page.getByRole('navigation', { name: 'Group by' }).isVisible()).to.equal(false);
    expect(await page.getByRole('columnheader', { name: 'Territory' }).isVisible()).to.equal(false);
    await desk.screenshot(page, 'list-390');
    await page.getByRole('button', { name: 'Group by' }).click();
    expect(await page.getByRole('navigation', { name: 'Group by' }).isVisible()).to.equal(true);
    await desk.screenshot(page, 'list-390-sidebar');
  });

  it('lays the list out right to left for a user whose language is Arabic', async () => {
    await desk.server.createUser('arabic@example.com', ['Sales Manager']);
    await desk.server.site.documents.save('User', 'arabic@example.com', { language: 'ar' });
    const page = await desk.newPage();
    await page.goto('/login');
    await page.getByLabel('Email or user name').fill('arabic@example.com');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((url) => url.pathname === '/app');
    await page.goto('/app/customer');
    await waitForRows(page, 20);
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).to.deep.equal(['rtl', 'ar']);
    // The sidebar sits on the right, the table's title column at the table's right edge.
    const sidebar = (await page.getByRole('navigation', { name: 'Group by' }).boundingBox())!;
    const card = (await page.locator('.card').boundingBox())!;
    expect(sidebar.x).to.be.greaterThan(card.x);
    const title = (await page.locator('.list-table thead th').nth(1).boundingBox())!;
    const status = (await page.locator('.list-table thead th').nth(2).boundingBox())!;
    expect(title.x).to.be.greaterThan(status.x);
    await desk.screenshot(page, 'list-rtl');
  });
});
