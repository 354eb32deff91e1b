/**
 * frappe.www.printview.get_html_and_style over HTTP: `{message: {html, style}}` for a saved document
 * (Frappe's `doc` argument or `doctype`, `name`, `print_format`), read with GET or POST, by session or
 * API key. The `print` right is required (403 without it, and only one's own documents when it comes
 * from an if_owner row), the document must be readable (User Permissions: 403 outside them), and
 * permlevel-hidden fields never appear in the HTML. Markup in data arrives escaped.
 */
import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { expectError, ok } from '../fixtures/api/support';
import { installRenderFixture, RENDER_APP, XSS_CUSTOMER, type RenderFixture } from '../fixtures/render/site';

const PRINT = '/api/method/frappe.www.printview.get_html_and_style';

describe('API: printing (frappe.www.printview.get_html_and_style)', () => {
  let server: TestServer;
  let fx: RenderFixture;
  let admin: ApiClient;
  let printer: ApiClient;
  let reader: ApiClient;
  let north: ApiClient;
  let ownPrinter: ApiClient;

  before(async () => {
    server = await startTestServer({ label: 'api_print', doctypePaths: [RENDER_APP], api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    fx = await installRenderFixture(docs);
    await server.createUser('printer@ex.com', ['Print User']);
    await server.createUser('reader@ex.com', ['Reader']);
    await server.createUser('north@ex.com', ['Print User']);
    await docs.insert('User Permission', { user: 'north@ex.com', allow: 'Print Territory', for_value: 'North' });
    await server.createUser('own@ex.com', ['Owner Printer']);
    admin = await server.tokenClient('Administrator');
    printer = await server.login('printer@ex.com', 'correct horse battery staple');
    reader = await server.tokenClient('reader@ex.com');
    north = await server.tokenClient('north@ex.com');
    ownPrinter = await server.login('own@ex.com', 'correct horse battery staple');
  });
  after(() => server?.close());

  describe('the answer', () => {
    it("answers {message: {html, style}} for Frappe's `doc` and `name` arguments", async () => {
      const body = ok(await admin.get(PRINT, { doc: 'Print Invoice', name: fx.north }));
      expect(Object.keys(body)).to.deep.equal(['message']);
      expect(Object.keys(body.message).sort()).to.deep.equal(['html', 'style']);
      expect(body.message.html).to.match(/^<div class="print-format" data-doctype="Print Invoice">/);
      expect(body.message.html).to.contain('EUR 2,454.00');
      expect(body.message.html).to.contain('22-11-2026');
      expect(body.message.style).to.contain('size: A4');
    });

    it('takes `doctype` too, and POST as well as GET', async () => {
      const viaGet = ok(await admin.get(PRINT, { doctype: 'Print Invoice', name: fx.north })).message;
      const viaPost = ok(await admin.post(PRINT, { doctype: 'Print Invoice', name: fx.north, no_letterhead: 1 })).message;
      expect(viaPost.html).to.equal(viaGet.html);
    });

    it('escapes markup in the data: the customer named <script>alert(1)</script> never appears raw', async () => {
      const { html } = ok(await admin.get(PRINT, { doc: 'Print Invoice', name: fx.north })).message;
      expect(html).to.not.contain(XSS_CUSTOMER);
      expect(html).to.not.contain('<script');
      expect(html).to.not.contain('<img');
      expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it("uses the DocType's own template, `Standard` on request, and a named format", async () => {
      const own = ok(await admin.get(PRINT, { doc: 'Print Note', name: fx.note })).message;
      expect(own.html).to.contain('<h1 class="note-title">Note: Quarterly Review</h1>');
      expect(own.html).to.contain('Acme &lt;Trading&gt; &amp; Co');
      expect(own.style).to.contain('.note-title { color: #123456; }');
      const standard = ok(await admin.get(PRINT, { doc: 'Print Note', name: fx.note, print_format: 'Standard' })).message;
      expect(standard.html).to.contain('<h1>Print Note</h1>');
      const compact = ok(await admin.get(PRINT, { doc: 'Print Note', name: fx.note, print_format: 'Compact' })).message;
      expect(compact.html).to.contain('<p class="compact">Quarterly Review · GBP 1,234.50</p>');
    });
  });

  describe('bad requests', () => {
    it('404 for an unknown DocType, document or print format', async () => {
      expectError(await admin.get(PRINT, { doc: 'No Such Type', name: 'x' }), 404, 'DoesNotExistError');
      expectError(await admin.get(PRINT, { doc: 'Print Invoice', name: 'PINV-9999' }), 404, 'DoesNotExistError');
      const answer = expectError(await admin.get(PRINT, { doc: 'Print Note', name: fx.note, print_format: 'Fancy' }), 404, 'DoesNotExistError');
      expect(answer.body.errors[0].fieldname).to.equal('print_format');
      expectError(await admin.get(PRINT, { doc: 'Print Note', name: fx.note, print_format: '../../etc/passwd' }), 404, 'DoesNotExistError');
    });

    it('417 without a DocType or a name, for a document given as JSON, and for a child table', async () => {
      expectError(await admin.get(PRINT, { name: fx.north }), 417, 'ValidationError');
      expectError(await admin.get(PRINT, { doc: 'Print Invoice' }), 417, 'ValidationError');
      expectError(await admin.post(PRINT, { doc: JSON.stringify({ doctype: 'Print Invoice', customer_name: 'X' }) }), 417, 'ValidationError');
      expectError(await admin.get(PRINT, { doc: 'Print Invoice Item', name: 'x' }), 417, 'ValidationError');
    });
  });

  describe('permissions', () => {
    it('a user with read and print gets the document, without the permlevel-1 fields', async () => {
      const { html } = ok(await printer.get(PRINT, { doc: 'Print Invoice', name: fx.north })).message;
      expect(html).to.contain('EUR 2,454.00');
      expect(html).to.not.contain('Secret Margin');
      expect(html).to.not.contain('999.99');
      expect(html).to.not.contain('777.77');
      expect(html).to.not.contain('>Cost<');
    });

    it("shows a company the user may not read by its name only", async () => {
      const { html } = ok(await printer.get(PRINT, { doc: 'Print Note', name: fx.note })).message;
      expect(html).to.contain('<p class="note-company">ACME / </p>');
      expect(html).to.not.contain('Trading');
    });

    it('403 for a user who may read the DocType but not print it', async () => {
      ok(await reader.get(`/api/resource/Print Invoice/${fx.north}`));
      const answer = expectError(await reader.get(PRINT, { doc: 'Print Invoice', name: fx.north }), 403, 'PermissionError');
      expect(answer.body.message).to.contain('No permission to print Print Invoice');
      expect(JSON.stringify(answer.body)).to.not.contain('alert(1)');
    });

    it('403 for a document outside the User Permissions, 200 inside them', async () => {
      ok(await north.get(PRINT, { doc: 'Print Invoice', name: fx.north }));
      const answer = expectError(await north.get(PRINT, { doc: 'Print Invoice', name: fx.south }), 403, 'PermissionError');
      expect(JSON.stringify(answer.body)).to.not.contain('Southern Ltd');
    });

    it('an if_owner print right prints only the user\'s own documents', async () => {
      const created = ok(await ownPrinter.post('/api/resource/Print Invoice', { customer_name: 'My Own Co', territory: 'North', items: [{ item_name: 'Mine', qty: 1, rate: 5, amount: 5 }] })).data;
      const { html } = ok(await ownPrinter.get(PRINT, { doc: 'Print Invoice', name: created.name })).message;
      expect(html).to.contain('My Own Co');
      ok(await ownPrinter.get(`/api/resource/Print Invoice/${fx.north}`));
      const answer = expectError(await ownPrinter.get(PRINT, { doc: 'Print Invoice', name: fx.north }), 403, 'PermissionError');
      expect(answer.body.message).to.contain('only your own documents');
    });

    it('403 for a guest', async () => {
      expectError(await server.guest.get(PRINT, { doc: 'Print Invoice', name: fx.north }), 403, 'PermissionError');
    });
  });
});

describe('API: printing the CRM documents', () => {
  let server: TestServer;
  let quotation: string;

  before(async () => {
    server = await startTestServer({ apps: ['core', 'crm'], label: 'api_print_crm', api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    await docs.insert('Item', { item_code: 'WIDGET-1', item_name: 'Widget', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    const customer = String((await docs.insert('Customer', { customer_name: '<b>Bold</b> Buyer', customer_group: 'Commercial', territory: 'Germany' })).name);
    const items = [{ item_code: 'WIDGET-1', qty: 3, price_list_rate: 10, rate: 10, amount: 30 }];
    quotation = String((await docs.insert('Quotation', { quotation_to: 'Customer', party_name: customer, customer_name: '<b>Bold</b> Buyer', company: 'Tabula Demo Ltd', transaction_date: '2026-11-22', items, total_qty: 3, net_total: 30, grand_total: 30 })).name);
    await server.createUser('rep@ex.com', ['Sales User']);
    await server.createUser('outsider@ex.com', []);
  });
  after(() => server?.close());

  it("a Sales User gets the Quotation's print format, escaped and formatted", async () => {
    const rep = await server.tokenClient('rep@ex.com');
    const { html, style } = ok(await rep.get(PRINT, { doc: 'Quotation', name: quotation })).message;
    expect(html).to.contain('<h1>Quotation</h1>');
    expect(html).to.contain('Tabula Demo Ltd');
    expect(html).to.contain('&lt;b&gt;Bold&lt;/b&gt; Buyer');
    expect(html).to.not.contain('<b>');
    expect(html).to.contain('<tr class="crm-grand"><th>Grand Total</th><td>EUR 30.00</td></tr>');
    expect(style).to.contain('.crm-items');
  });

  it('a user with no sales role gets 403', async () => {
    const outsider = await server.tokenClient('outsider@ex.com');
    expectError(await outsider.get(PRINT, { doc: 'Quotation', name: quotation }), 403, 'PermissionError');
  });
});
