/**
 * The script report engine over HTTP (frappe.desk.query_report.run / get_script / export_query):
 * Frappe's answer shape, filters validated as document fields (types, reqd, Select allowlist, Link
 * existence and case, MultiSelectList, min, unknown filters), the report right and the report's roles,
 * User Permissions through `ctx.from` and through Link columns, the totals row, and typed exports.
 */
import ExcelJS from 'exceljs';
import { expect } from 'chai';
import { addDays, todayDate } from '../../core/document';
import { DEAL, installDeals, REPORTS, ROLES, ZONE } from '../fixtures/reports/deals';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';

const RUN = '/api/method/frappe.desk.query_report.run';
const SCRIPT = '/api/method/frappe.desk.query_report.get_script';
const EXPORT = '/api/method/frappe.desk.query_report.export_query';

const ALPHA = { deal: 'Alpha', zone: 'North', status: 'Won', qty: 3, amount: 1000.1, share: 10, deal_date: '2026-11-01' };
const BRAVO = { deal: 'Bravo', zone: 'North East', status: 'Open', qty: 2, amount: 250.2, share: 30, deal_date: '2026-11-10' };
const CHARLIE = { deal: 'Charlie', zone: 'South', status: 'Won', qty: 5, amount: 99.7, share: 50, deal_date: '2026-10-15' };
const DELTA = { deal: 'Delta', zone: 'World', status: 'Lost', qty: 1, amount: 0.3, share: 20, deal_date: '2026-09-30' };

describe('reports: the engine over HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  let reporter: ApiClient;
  let reader: ApiClient;
  let north: ApiClient;
  let manager: ApiClient;

  const run = (client: ApiClient, report_name: string, filters: unknown) => client.post(RUN, { report_name, filters });
  const rowsOf = (body: { message: { result: unknown[] } }) => body.message.result;
  const expectFieldError = async (filters: unknown, fieldname: string, excType = 'ValidationError') => {
    const answer = await run(admin, 'Deal Summary', filters);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(417);
    expect(answer.body.errors.map((e: { fieldname?: string }) => e.fieldname)).to.include(fieldname);
    expect(answer.body.exc_type).to.equal(excType);
  };

  before(async () => {
    server = await startTestServer({ label: 'report_engine', doctypes: [ZONE, DEAL], reports: REPORTS, api: { requestsPerMinute: 100_000 } });
    const docs = server.site.documents;
    for (const role of ROLES) await docs.insert('Role', { role_name: role });
    await installDeals((doctype, doc) => docs.insert(doctype, doc));
    await server.createUser('reporter@ex.com', ['Deal Reporter']);
    await server.createUser('reader@ex.com', ['Deal Reader']);
    await server.createUser('north@ex.com', ['Deal Reporter']);
    await server.createUser('manager@ex.com', ['Deal Manager']);
    await docs.insert('User Permission', { user: 'north@ex.com', allow: 'Zone', for_value: 'North' });
    admin = await server.tokenClient('Administrator');
    reporter = await server.tokenClient('reporter@ex.com');
    reader = await server.tokenClient('reader@ex.com');
    north = await server.login('north@ex.com', 'correct horse battery staple');
    manager = await server.tokenClient('manager@ex.com');
  });
  after(() => server?.close());

  describe('frappe.desk.query_report.run', () => {
    it("answers Frappe's shape: result rows keyed by fieldname, the totals row as a list, columns, chart, summary", async () => {
      const answer = await run(admin, 'Deal Summary', { window_days: 7 });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      const message = answer.body.message;
      expect(message.result).to.deep.equal([ALPHA, BRAVO, CHARLIE, ['Total', '', '', 10, 1350, 30, '']]);
      expect(message.columns.map((c: { fieldname: string }) => c.fieldname)).to.deep.equal(['deal', 'zone', 'status', 'qty', 'amount', 'share', 'deal_date']);
      expect(message.add_total_row).to.equal(true);
      expect(message.report_summary).to.deep.equal([{ value: 3, label: 'Deals', datatype: 'Int' }]);
      expect(message.chart.data.labels).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
      expect(message.execution_time).to.be.a('number');
      expect(message).to.include.keys('message', 'skip_total_row', 'status');
    });

    it('gives execute typed filters with defaults: Today, relative dates, 0 for numbers and checks, [] for lists', async () => {
      const message = (await run(admin, 'Deal Summary', JSON.stringify({ window_days: '7' }))).body.message;
      expect(JSON.parse(message.message)).to.deep.equal({ window_days: 7, min_qty: 0, as_of: todayDate(), since: addDays(todayDate(), -7), with_lost: 0, deals: [] });
    });

    it('normalises Link values to the stored name and reads MultiSelectList as a list or comma text', async () => {
      const message = (await run(admin, 'Deal Summary', { window_days: 1, zone: 'north', deals: 'alpha, Bravo ,Charlie', with_lost: 1 })).body.message;
      expect(JSON.parse(message.message)).to.include({ zone: 'North' });
      expect(JSON.parse(message.message).deals).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
      expect(message.result.slice(0, -1)).to.deep.equal([ALPHA, BRAVO]);
    });

    it('filters a tree by subtree and by Select and Check values', async () => {
      expect(rowsOf((await run(admin, 'Deal Summary', { window_days: 1, zone: 'World', with_lost: 1, status: 'Lost' })).body).slice(0, -1)).to.deep.equal([DELTA]);
      expect(rowsOf((await run(admin, 'Deal Summary', { window_days: 1, min_qty: 3 })).body).slice(0, -1)).to.deep.equal([ALPHA, CHARLIE]);
    });

    it('refuses bad filters with the field named, before anything runs', async () => {
      await expectFieldError({}, 'window_days', 'MandatoryError');
      await expectFieldError({ window_days: 'many' }, 'window_days');
      await expectFieldError({ window_days: 0 }, 'window_days');
      await expectFieldError({ window_days: 7, min_qty: -1 }, 'min_qty', 'NonNegativeError');
      await expectFieldError({ window_days: 7, status: 'Pending' }, 'status');
      await expectFieldError({ window_days: 7, zone: 'Atlantis' }, 'zone', 'LinkValidationError');
      await expectFieldError({ window_days: 7, deals: ['Alpha', 'Nope'] }, 'deals', 'LinkValidationError');
      await expectFieldError({ window_days: 7, deals: { a: 1 } }, 'deals');
      await expectFieldError({ window_days: 7, as_of: '2026-02-30' }, 'as_of');
      await expectFieldError({ window_days: 7, colour: 'red' }, 'colour');
      await expectFieldError('{not json', 'filters');
      await expectFieldError('[1, 2]', 'filters');
    });

    it('answers 404 for a report that does not exist and 417 without report_name', async () => {
      expect((await run(admin, 'No Such Report', {})).status).to.equal(404);
      expect((await admin.post(RUN, { filters: {} })).status).to.equal(417);
    });
  });

  describe('permissions', () => {
    it('needs the report right on ref_doctype: read alone is refused', async () => {
      expect((await run(reader, 'Deal Summary', { window_days: 7 })).status).to.equal(403);
      expect((await reader.get(SCRIPT, { report_name: 'Deal Summary' })).status).to.equal(403);
      expect((await reader.get(EXPORT, { report_name: 'Deal Summary', filters: JSON.stringify({ window_days: 7 }) })).status).to.equal(403);
      expect((await run(reporter, 'Deal Summary', { window_days: 7 })).status).to.equal(200);
    });

    it("keeps a report with roles to those roles (and Administrator)", async () => {
      expect((await run(reporter, 'Managers Only', {})).status).to.equal(403);
      expect(rowsOf((await run(manager, 'Managers Only', {})).body)).to.deep.equal([{ n: 4 }]);
      expect(rowsOf((await run(admin, 'Managers Only', {})).body)).to.deep.equal([{ n: 4 }]);
    });

    it('applies User Permissions through ctx.from: a user allowed North sees North and North East only', async () => {
      const result = rowsOf((await run(north, 'Deal Summary', { window_days: 7, with_lost: 1 })).body);
      expect(result).to.deep.equal([ALPHA, BRAVO, ['Total', '', '', 5, 1250.3, 20, '']]);
    });

    it("hides rows whose Link columns point outside the user's permissions even when the report forgot ctx.from", async () => {
      expect(rowsOf((await run(admin, 'Leaky Deals', {})).body)).to.deep.equal([ALPHA, BRAVO, CHARLIE, DELTA]);
      expect(rowsOf((await run(north, 'Leaky Deals', {})).body)).to.deep.equal([ALPHA, BRAVO]);
    });

    it('scopes exports the same way', async () => {
      const response = await north.raw(`${EXPORT}?report_name=Leaky%20Deals&file_format_type=CSV`);
      const text = (await response.text()).replace(/^\uFEFF/, '');
      expect(text.trim().split('\n').map((l) => l.split(',')[0])).to.deep.equal(['Deal', 'Alpha', 'Bravo']);
    });
  });

  describe('frappe.desk.query_report.get_script', () => {
    it('gives the filter and column declarations for the desk', async () => {
      const message = (await reporter.get(SCRIPT, { report_name: 'Deal Summary' })).body.message;
      expect(message.ref_doctype).to.equal('Deal');
      expect(message.filters.map((f: { fieldname: string }) => f.fieldname)).to.deep.equal(['zone', 'status', 'min_qty', 'deals', 'as_of', 'since', 'window_days', 'with_lost']);
      // A relative default reaches the desk as the date it names today, so the filter bar shows a date.
      expect(message.filters.find((f: { fieldname: string }) => f.fieldname === 'since')).to.include({ fieldtype: 'Date', default: addDays(todayDate(), -7) });
      expect(message.filters.find((f: { fieldname: string }) => f.fieldname === 'as_of')).to.include({ fieldtype: 'Date', default: todayDate() });
      expect(message.filters.find((f: { fieldname: string }) => f.fieldname === 'window_days')).to.include({ fieldtype: 'Int', reqd: 1, min: 1 });
      expect(message.columns[4]).to.deep.equal({ fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' });
      expect(message.add_total_row).to.equal(true);
    });
  });

  describe('frappe.desk.query_report.export_query', () => {
    const filters = JSON.stringify({ window_days: 7 });

    it('streams CSV with labels, numbers at their precision, dates as dates, and the totals row', async () => {
      const response = await admin.raw(`${EXPORT}?report_name=Deal%20Summary&file_format_type=CSV&filters=${encodeURIComponent(filters)}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/csv/);
      expect(response.headers.get('content-disposition')).to.contain('filename="Deal Summary.csv"');
      const text = (await response.text()).replace(/^\uFEFF/, '');
      expect(text.trim().split('\n')).to.deep.equal([
        'Deal,Zone,Status,Qty,Amount,Share,Deal Date',
        'Alpha,North,Won,3,1000.10,10.00,2026-11-01',
        'Bravo,North East,Open,2,250.20,30.00,2026-11-10',
        'Charlie,South,Won,5,99.70,50.00,2026-10-15',
        'Total,,,10,1350.00,30.00,',
      ]);
    });

    it('streams XLSX with typed cells: numbers with formats (money, percent), real dates', async () => {
      const response = await admin.raw(EXPORT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ report_name: 'Deal Summary', file_format_type: 'Excel', filters }) });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet('Deal Summary')!;
      expect(sheet.getRow(1).values).to.deep.equal([undefined, 'Deal', 'Zone', 'Status', 'Qty', 'Amount', 'Share', 'Deal Date']);
      const alpha = sheet.getRow(2);
      expect(alpha.getCell(5).value).to.equal(1000.1);
      expect(alpha.getCell(5).numFmt).to.equal('#,##0.00');
      expect(alpha.getCell(6).value).to.equal(10);
      expect(alpha.getCell(6).numFmt).to.equal('0.00"%"');
      expect(alpha.getCell(4).value).to.equal(3);
      expect((alpha.getCell(7).value as Date).toISOString()).to.equal('2026-11-01T00:00:00.000Z');
      expect(sheet.getRow(5).getCell(1).value).to.equal('Total');
      expect(sheet.getRow(5).getCell(5).value).to.equal(1350);
    });

    it('refuses an unknown file format naming file_format_type', async () => {
      const answer = await admin.get(EXPORT, { report_name: 'Deal Summary', filters, file_format_type: 'PDF' });
      expect(answer.status).to.equal(417);
      expect(answer.body.errors[0].fieldname).to.equal('file_format_type');
    });
  });
});
