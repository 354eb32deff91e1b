/**
 * renderPrint (core/render/print.ts) on a site whose DocTypes are files (test/fixtures/render/app):
 * the Standard format prints any DocType from its meta (sections, columns, child tables with their
 * list columns, formatted values, nothing hidden), a `<name>.print.hbs` beside the JSON replaces it,
 * named formats and `Standard` can be asked for, and the document and its company are read as the
 * reader: permlevel-masked fields never print, a company they may not read shows only its name.
 */
import { expect } from 'chai';
import { DoesNotExistError, PermissionError } from '../../../core/errors';
import { UserAccess } from '../../../core/permissions';
import { printPage, renderPrint, type PrintOutput } from '../../../core/render';
import { rejectsWith } from '../../support/reject';
import { createTestSite, type TestSite } from '../../support/site';
import { addPrintUser, COMPANY, installRenderFixture, RENDER_APP, XSS_CUSTOMER, XSS_ITEM, type RenderFixture } from '../../fixtures/render/site';

/** The text of the element carrying `data-fieldname="<name>"` in the Standard format. */
function fieldValue(html: string, fieldname: string): string | undefined {
  const match = new RegExp(`data-fieldname="${fieldname}">\\s*<div class="print-label">[^<]*</div>\\s*<div class="print-value">([\\s\\S]*?)</div>`).exec(html);
  return match?.[1];
}

/** Rows of the first print table, as arrays of cell texts. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.trim()));
}

function tableHeader(html: string): string[] {
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
  return [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((cell) => cell[1]!.trim());
}

describe('render: printing documents', () => {
  let site: TestSite;
  let fx: RenderFixture;
  const as = async (user: string) => site.documents.as({ user }, await UserAccess.load(site.db.knex, site.registry, user));
  const print = (doctype: string, name: string, printFormat?: string, store = site.documents): Promise<PrintOutput> => renderPrint({ store, doctype, name, printFormat, now: new Date(2026, 0, 31) });

  before(async () => {
    site = await createTestSite({ label: 'render_print', doctypePaths: [RENDER_APP] });
    fx = await installRenderFixture(site.documents);
    await addPrintUser(site.documents, 'printer@ex.com', ['Print User']);
  });
  after(() => site?.destroy());

  describe('the Standard format', () => {
    let out: PrintOutput;
    before(async () => {
      out = await print('Print Invoice', fx.north);
    });

    it('prints the DocType, the document name and its title in the heading, and Draft for an unsubmitted document', () => {
      expect(out.html).to.match(/^<div class="print-format" data-doctype="Print Invoice">/);
      expect(out.html).to.contain('<h1>Print Invoice <span class="print-status">Draft</span></h1>');
      expect(out.html).to.contain(`<div class="print-subheading">${fx.north} · &lt;script&gt;alert(1)&lt;/script&gt;</div>`);
    });

    it('prints each field with a value by its label, formatted by its type', () => {
      expect(fieldValue(out.html, 'territory')).to.equal('North');
      expect(fieldValue(out.html, 'posting_date')).to.equal('22-11-2026');
      expect(fieldValue(out.html, 'is_paid')).to.equal('Yes');
      expect(fieldValue(out.html, 'grand_total')).to.equal('EUR 2,454.00');
      expect(fieldValue(out.html, 'secret_margin'), 'the Administrator reads permlevel 1').to.equal('EUR 999.99');
      expect(out.html).to.contain('<div class="print-label">Grand Total</div>');
    });

    it('keeps the form layout: section labels and one block per column', () => {
      const sections = [...out.html.matchAll(/<h2 class="print-section-label">([^<]*)<\/h2>/g)].map((m) => m[1]);
      expect(sections).to.deep.equal(['Items', 'Totals', 'Notes']);
      const firstSection = out.html.slice(0, out.html.indexOf('print-section-label'));
      expect(firstSection.match(/class="print-column"/g)).to.have.length(2);
    });

    it('leaves out hidden, print_hide, Password and empty fields, and zero print_hide_if_no_value fields', () => {
      for (const hidden of ['HIDDEN-CODE-XYZ', 'NOT-PRINTED-XYZ', 'PASSWORD-XYZ', 'data-fieldname="discount"', 'data-fieldname="hidden_code"']) expect(out.html, hidden).to.not.contain(hidden);
    });

    it('prints a child table with its in_list_view columns, numbers right-aligned, in the document currency', () => {
      expect(tableHeader(out.html)).to.deep.equal(['#', 'Item Name', 'Quantity', 'Rate', 'Amount', 'Cost']);
      expect(tableRows(out.html)).to.deep.equal([
        ['1', 'Widget', '2', 'EUR 1,234.50', 'EUR 2,469.00', 'EUR 777.77'],
        ['2', 'Gizmo &lt;img src&#x3D;x onerror&#x3D;&quot;alert(2)&quot;&gt;', '1.5', 'EUR -10.00', 'EUR -15.00', 'EUR 1.00'],
      ]);
      expect(out.html).to.contain('<th class="text-right">Rate</th>');
      expect(out.html).to.not.contain('INTERNAL-XYZ');
    });

    it('escapes every value: markup in data never appears raw', () => {
      expect(out.html).to.not.contain(XSS_CUSTOMER);
      expect(out.html).to.not.contain(XSS_ITEM);
      expect(out.html).to.not.contain('<script');
      expect(out.html).to.not.contain('<img');
      expect(out.html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('prints multi-line text with its line breaks and Text Editor HTML as plain text', () => {
      expect(fieldValue(out.html, 'notes')).to.equal('Line one<br>Line &lt;two&gt;');
      expect(fieldValue(out.html, 'terms')).to.equal('Pay in 30 days');
      expect(out.html).to.not.contain('steal()');
    });

    it("uses the company's default currency when the document has none, and prints a Percent with its sign", async () => {
      const south = await print('Print Invoice', fx.south);
      expect(fieldValue(south.html, 'grand_total')).to.equal('GBP 3,000,000.02');
      expect(fieldValue(south.html, 'discount')).to.equal('12.5%');
      expect(tableRows(south.html)[0]).to.deep.equal(['1', 'Gadget', '3', 'GBP 1,000,000.01', 'GBP 3,000,000.02', 'GBP 0.00']);
    });

    it('answers the base print style (A4 pages) as the style part', () => {
      expect(out.style).to.contain('size: A4');
      expect(out.style).to.contain('.print-format');
    });

    it('shows no Draft mark once submitted, and Cancelled after cancel', async () => {
      const doc = await site.documents.insert('Print Invoice', { customer_name: 'Submitted Co', items: [{ item_name: 'X', qty: 1 }] });
      await site.documents.submit('Print Invoice', doc.name!);
      expect((await print('Print Invoice', String(doc.name))).html).to.contain('<h1>Print Invoice</h1>');
      await site.documents.cancel('Print Invoice', doc.name!);
      expect((await print('Print Invoice', String(doc.name))).html).to.contain('<span class="print-status">Cancelled</span>');
    });
  });

  describe("a DocType's own template", () => {
    let out: PrintOutput;
    before(async () => {
      out = await print('Print Note', fx.note);
    });

    it('is used when a <name>.print.hbs sits beside the DocType JSON', () => {
      expect(out.html).to.contain('<h1 class="note-title">Note: Quarterly Review</h1>');
      expect(out.html).to.not.contain('print-section');
    });

    it('sees the company record, escaped', () => {
      expect(out.html).to.contain('<p class="note-company">Acme &lt;Trading&gt; &amp; Co / +1 555 0100</p>');
    });

    it('formats through the helpers: labels, dates, money in the company currency or one given, percent, rich and multi-line text, the print date', () => {
      expect(out.html).to.contain('<p class="note-date">Note Date: 09-03-2026</p>');
      expect(out.html).to.contain('<p class="note-amount">GBP 1,234.50</p>');
      expect(out.html).to.contain('<p class="note-amount-usd">USD 1,234.50</p>');
      expect(out.html).to.contain('<p class="note-share">33.33%</p>');
      expect(out.html).to.contain('<div class="note-body">Hello world<br>Second &amp; last</div>');
      expect(out.html).to.contain('<div class="note-address">Line 1<br>&lt;Line 2&gt;</div>');
      expect(out.html).to.contain('<p class="note-printed">Printed 31-01-2026</p>');
    });

    it("answers the template's <style> after the base style", () => {
      expect(out.style).to.contain('size: A4');
      expect(out.style.trimEnd().endsWith('.note-title { color: #123456; }')).to.equal(true);
      expect(out.html).to.not.contain('<style');
    });

    it('gives way to Standard when asked, and a named format is found as <format>.print.hbs', async () => {
      const standard = await print('Print Note', fx.note, 'Standard');
      expect(standard.html).to.contain('<h1>Print Note</h1>');
      expect(fieldValue(standard.html, 'amount')).to.equal('GBP 1,234.50');
      const compact = await print('Print Note', fx.note, 'Compact');
      expect(compact.html).to.contain('<p class="compact">Quarterly Review · GBP 1,234.50</p>');
    });

    it('refuses a print format that does not exist, and names that are not file names', async () => {
      expect((await rejectsWith(print('Print Note', fx.note, 'Fancy'), DoesNotExistError)).message).to.match(/Print Format Fancy not found for Print Note/);
      await rejectsWith(print('Print Note', fx.note, '../print_invoice/print_invoice'), DoesNotExistError);
      await rejectsWith(print('Print Invoice', fx.north, 'Compact'), DoesNotExistError);
    });
  });

  describe('as a reader', () => {
    it('leaves out the fields above their permlevel, in the document and in child rows', async () => {
      const out = await print('Print Invoice', fx.north, undefined, await as('printer@ex.com'));
      expect(out.html).to.not.contain('999.99');
      expect(out.html).to.not.contain('data-fieldname="secret_margin"');
      expect(out.html).to.not.contain('777.77');
      expect(tableHeader(out.html)).to.deep.equal(['#', 'Item Name', 'Quantity', 'Rate', 'Amount']);
      expect(fieldValue(out.html, 'grand_total')).to.equal('EUR 2,454.00');
    });

    it('shows only the name of a company the reader may not read (and its currency is then unknown)', async () => {
      const out = await print('Print Note', fx.note, undefined, await as('printer@ex.com'));
      expect(out.html).to.contain(`<p class="note-company">${COMPANY} / </p>`);
      expect(out.html).to.not.contain('Trading');
      expect(out.html).to.not.contain('+1 555 0100');
      expect(out.html).to.contain('<p class="note-amount">1,234.50</p>');
    });

    it('refuses a document the reader may not read', async () => {
      await addPrintUser(site.documents, 'nobody@ex.com', []);
      await rejectsWith(print('Print Invoice', fx.north, undefined, await as('nobody@ex.com')), PermissionError);
    });

    it('calls authorize with the document before rendering, and stops when it throws', async () => {
      const seen: string[] = [];
      const denied = renderPrint({
        store: site.documents,
        doctype: 'Print Invoice',
        name: fx.south,
        authorize: (meta, doc) => {
          seen.push(`${meta.name}:${String(doc.territory)}`);
          throw new PermissionError('not this one');
        },
      });
      expect((await rejectsWith(denied, PermissionError)).message).to.match(/not this one/);
      expect(seen).to.deep.equal(['Print Invoice:South']);
    });
  });

  it('wraps html and style into one page with printPage, escaping the title', async () => {
    const page = printPage(await print('Print Note', fx.note), 'Note <1>');
    expect(page).to.match(/^<!DOCTYPE html>/);
    expect(page).to.contain('<title>Note &lt;1&gt;</title>');
    expect(page).to.contain('.note-title { color: #123456; }');
    expect(page).to.contain('<h1 class="note-title">Note: Quarterly Review</h1>');
  });
});
