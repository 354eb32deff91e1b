import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { defineReport } from '../../core/reports';
import { startDesk, type DeskSession } from '../support/browser';

/**
 * The report view in a real browser: Inactive Customers opened from its URL, a filter changed (and
 * kept in the URL), sorting, a hidden column that stays hidden, a bad filter shown at its field, the
 * CSV export, summary and chart; and a 100k-row test report that must keep the DOM small.
 */
const BIG_ROWS = 100_000;
const bigReport = defineReport({
  name: 'Big Test Report',
  ref_doctype: 'Customer',
  add_total_row: true,
  filters: [{ fieldname: 'rows', label: 'Rows', fieldtype: 'Int', default: BIG_ROWS }],
  columns: [
    { fieldname: 'label', label: 'Label', fieldtype: 'Data', width: 140 },
    { fieldname: 'n', label: 'Number', fieldtype: 'Int', width: 100 },
    { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency', width: 120 },
  ],
  async execute(filters) {
    return Array.from({ length: filters.rows }, (_, i) => ({ label: `Row ${i + 1}`, n: i + 1, amount: (i % 100) + 0.5 }));
  },
});

/** A date `days` before today (ISO), for orders old enough to make a customer inactive. */
function daysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

const REPORT_URL = '/app/query-report/Inactive%20Customers';

describe('desk: report view', function () {
  this.timeout(240_000);
  let desk: DeskSession;
  let page: Page;
  const names: Record<string, string> = {};

  /** A filter's input, found by its label inside the filter bar (column picker labels repeat the names). */
  const filterBox = (label: string) => page.getByRole('form', { name: 'Filters' }).getByLabel(label, { exact: true });
  const waitForRows = async (expected: string[]) => {
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('tbody tr.row td:nth-child(2)')].map((td) => td.textContent?.trim())) === JSON.stringify(want),
      expected,
    );
  };

  before(async () => {
    desk = await startDesk({ apps: ['core', 'crm'], reports: [bigReport], label: 'ui_report' });
    const docs = desk.server.site.documents;
    await docs.insert('Item', { item_code: 'WIDGET', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    const order = async (customer: string, days: number, amount: number) => {
      const date = daysAgo(days);
      const doc = await docs.insert('Sales Order', { customer, company: 'Tabula Demo Ltd', transaction_date: date, delivery_date: date, items: [{ item_code: 'WIDGET', qty: 1, rate: amount }] });
      await docs.submit('Sales Order', String(doc.name));
    };
    for (const [customer_name, territory] of [['Alpha Traders', 'Germany'], ['Beta Foods', 'France'], ['Gamma Active', 'Germany']] as const) {
      const doc = await docs.insert('Customer', { customer_name, territory, customer_group: 'Commercial' });
      names[customer_name] = String(doc.name);
    }
    // Alpha: long gone and worth more; Beta: 100 days and worth less (string order would put 1,000 first); Gamma: active.
    await order(names['Alpha Traders']!, 400, 1000);
    await order(names['Beta Foods']!, 100, 50);
    await order(names['Gamma Active']!, 10, 70);
    page = await desk.loggedInPage();
  });
  after(async () => {
    await desk?.close();
  });

  it('opens Inactive Customers from its URL with rows, summary cards and an SVG chart', async () => {
    await page.goto(REPORT_URL);
    await page.getByRole('heading', { name: 'Inactive Customers' }).waitFor();
    await waitForRows([names['Alpha Traders']!, names['Beta Foods']!]);
    expect(await filterBox('Days Since Last Order').inputValue()).to.equal('60');
    const cards = page.getByRole('list', { name: 'Summary' });
    expect(await cards.textContent()).to.contain('Inactive Customers').and.contain('1,050.00');
    expect(await page.locator('.chart svg rect.bar').count()).to.be.greaterThan(0);
    expect(await page.getByRole('status').filter({ hasText: '2 rows' }).count()).to.equal(1);
    // Link cells open the document (a Customer opens whatever page report/links.ts registers for it).
    const territory = page.locator('tbody tr.row').first().getByRole('link', { name: 'Germany' });
    expect(await territory.getAttribute('href')).to.equal('/app/territory/Germany');
    const customer = page.locator('tbody tr.row td:nth-child(2) a').first();
    expect(await customer.getAttribute('href')).to.match(new RegExp(`/${encodeURIComponent(names['Alpha Traders']!)}$`));
    // Required filters are marked.
    expect(await page.locator('.filter').filter({ has: page.locator('#filter-days_since_last_order') }).locator('.reqd').count()).to.equal(1);
    await desk.screenshot(page, 'report-inactive-customers');
  });

  it('re-runs when a filter changes, keeps the filter in the URL and again after a reload', async () => {
    await filterBox('Days Since Last Order').fill('200');
    await waitForRows([names['Alpha Traders']!]);
    await page.waitForURL((url) => url.searchParams.get('days_since_last_order') === '200');
    await page.reload();
    await waitForRows([names['Alpha Traders']!]);
    expect(await filterBox('Days Since Last Order').inputValue()).to.equal('200');
    await filterBox('Days Since Last Order').fill('60');
    await waitForRows([names['Alpha Traders']!, names['Beta Foods']!]);
  });

  it('sorts by a column on click, numbers as numbers, ascending then descending', async () => {
    const header = page.getByRole('columnheader', { name: /Total Order Value/ });
    await header.getByRole('button').click();
    await waitForRows([names['Beta Foods']!, names['Alpha Traders']!]);
    expect(await header.getAttribute('aria-sort')).to.equal('ascending');
    await header.getByRole('button').click();
    await waitForRows([names['Alpha Traders']!, names['Beta Foods']!]);
    expect(await header.getAttribute('aria-sort')).to.equal('descending');
  });

  it('hides a column from the picker, and it stays hidden after a reload', async () => {
    await page.getByRole('button', { name: 'Columns' }).click();
    const picker = page.getByRole('group', { name: 'Columns' });
    await picker.getByRole('checkbox', { name: 'Sales Person', exact: true }).uncheck();
    await picker.getByRole('button', { name: 'Move Territory up' }).click();
    await picker.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('columnheader', { name: /Sales Person/ }).count()).to.equal(0);
    await page.reload();
    await waitForRows([names['Alpha Traders']!, names['Beta Foods']!]);
    expect(await page.getByRole('columnheader', { name: /Sales Person/ }).count()).to.equal(0);
    const headers = await page.locator('thead th[data-fieldname]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-fieldname')));
    expect(headers.slice(0, 3)).to.deep.equal(['customer', 'territory', 'customer_name']);
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.includes('Inactive Customers')));
    expect(key).to.equal('tabula:report-columns:Administrator:Inactive Customers');
  });

  it('shows a bad filter value from the server at that filter', async () => {
    await filterBox('Days Since Last Order').fill('0');
    const fieldError = page.locator('#filter-days_since_last_order-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).to.contain('at least 1');
    expect(await filterBox('Days Since Last Order').getAttribute('aria-invalid')).to.equal('true');
    await desk.screenshot(page, 'report-filter-error');
    await filterBox('Days Since Last Order').fill('60');
    await waitForRows([names['Alpha Traders']!, names['Beta Foods']!]);
    expect(await fieldError.count()).to.equal(0);
  });

  it('exports the current result as CSV through the browser download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).to.equal('Inactive Customers.csv');
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).to.contain('Customer').and.contain('Days Since Last Order');
    expect(lines).to.have.length(3);
    expect(lines[1]).to.contain(names['Alpha Traders']!);
    expect(lines[2]).to.contain(names['Beta Foods']!);
  });

  it('selects rows and says how many are selected', async () => {
    await page.getByLabel('Select row 1', { exact: true }).check();
    await page.getByRole('status').filter({ hasText: 'Selected: 1' }).waitFor();
    await page.getByLabel('Select all rows').check();
    await page.getByRole('status').filter({ hasText: 'Selected: 2' }).waitFor();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    expect(await page.getByRole('status').filter({ hasText: 'Selected:' }).count()).to.equal(0);
  });

  it('keeps a 100k-row result to a few dozen DOM rows with virtual scrolling, the totals row pinned', async () => {
    const big = await desk.loggedInPage();
    await big.goto('/app/query-report/Big%20Test%20Report');
    await big.getByRole('status').filter({ hasText: '100,000 rows' }).waitFor({ timeout: 60_000 });
    const domRows = () => big.locator('tbody tr.row').count();
    expect(await domRows()).to.be.lessThan(80);
    expect(await big.locator('tbody tr.row').first().evaluate((tr) => (tr as HTMLElement).offsetHeight)).to.equal(34);
    expect(await big.locator('tfoot tr.totals').textContent()).to.contain('5,000,050,000').and.contain('5,000,000.00');
    const scroller = big.getByRole('region', { name: 'Big Test Report result' });
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await big.getByRole('cell', { name: 'Row 100000', exact: true }).waitFor();
    expect(await domRows()).to.be.lessThan(80);
    // Sorting all rows stays responsive and the DOM stays small.
    await big.getByRole('columnheader', { name: /Number/ }).getByRole('button').click();
    await big.getByRole('columnheader', { name: /Number/ }).getByRole('button').click();
    await big.locator('tbody tr.row td:nth-child(2)').first().filter({ hasText: 'Row 100000' }).waitFor();
    expect(await domRows()).to.be.lessThan(80);
    await desk.screenshot(big, 'report-virtual-scroll');
    await big.context().close();
  });

  it('fits a 390 px screen: the table scrolls sideways, the page does not', async () => {
    const phone = await desk.loggedInPage({ width: 390, height: 844 });
    await phone.goto(REPORT_URL);
    await phone.locator('tbody tr.row').first().waitFor();
    const scroller = phone.getByRole('region', { name: 'Inactive Customers result' });
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).to.equal(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await desk.screenshot(phone, 'report-inactive-customers-390');
    await phone.context().close();
  });
});
