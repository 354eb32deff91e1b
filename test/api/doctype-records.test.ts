/**
 * The DocType table mirrors the loaded DocType files, as Frappe's tabDocType does: listed, filtered,
 * counted and read through the REST API like any DocType, kept in line by migrate, never written
 * through the API. A virtual DocType has no table: every path that would read one says so.
 */
import { expect } from 'chai';
import { migrate } from '../../core/site';
import { startTestServer, type ApiClient, type TestServer } from '../support/api';
import { errorFields, expectError, ok, resourcePath } from '../fixtures/api/support';

describe('api: DocType records', function () {
  this.timeout(120_000);
  let server: TestServer;
  let admin: ApiClient;
  let nobody: ApiClient;

  before(async () => {
    server = await startTestServer({
      apps: ['core'],
      label: 'api_doctype_records',
      doctypes: [
        { name: 'Visit Note', module: 'Field Service', autoname: 'hash', fields: [{ fieldname: 'note', fieldtype: 'Data' }], permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1 }] },
        { name: 'Visit Line', module: 'Field Service', istable: 1, fields: [{ fieldname: 'note', fieldtype: 'Data' }] },
        { name: 'Live Feed', module: 'Field Service', is_virtual: 1, fields: [{ fieldname: 'headline', fieldtype: 'Data' }], permissions: [{ role: 'System Manager', read: 1 }] },
      ],
    });
    admin = await server.tokenClient('Administrator');
    await server.createUser('nobody@example.com', []);
    nobody = await server.tokenClient('nobody@example.com');
  });
  after(() => server.close());

  it('lists every loaded DocType, filtered like any list', async () => {
    const all = ok(await admin.get(resourcePath('DocType'), { fields: ['name', 'module', 'app', 'istable', 'is_virtual'], limit: 0 })).data as Record<string, unknown>[];
    expect(all.map((r) => r.name)).to.have.members(server.site.registry.all().map((m) => m.name));
    expect(all.find((r) => r.name === 'Visit Line')).to.deep.equal({ name: 'Visit Line', module: 'Field Service', app: 'test', istable: 1, is_virtual: 0 });
    const children = ok(await admin.get(resourcePath('DocType'), { filters: [['module', '=', 'Field Service'], ['istable', '=', 1]] })).data;
    expect(children).to.deep.equal([{ name: 'Visit Line' }]);
    const count = ok(await admin.get('/api/method/frappe.client.get_count', { doctype: 'DocType', filters: { module: 'Field Service' } })).message;
    expect(count).to.equal(3);
  });

  it('reads one DocType record, and link search finds DocTypes by name', async () => {
    const note = ok(await admin.get(resourcePath('DocType', 'Visit Note'))).data;
    expect(note).to.include({ name: 'Visit Note', module: 'Field Service', autoname: 'hash', istable: 0, is_virtual: 0, doctype: 'DocType' });
    const options = ok(await admin.get('/api/method/frappe.desk.search.search_link', { doctype: 'DocType', txt: 'visit' })).message as { value: string }[];
    expect(options.map((o) => o.value)).to.have.members(['Visit Note', 'Visit Line']);
  });

  it('refuses to create, change or delete a DocType record, naming the way to change one', async () => {
    const created = expectError(await admin.post(resourcePath('DocType'), { name: 'Made Up', module: 'Core' }), 417, 'ValidationError');
    expect(created.body.message).to.contain('JSON');
    expect(errorFields(created)).to.deep.equal(['name']);
    expectError(await admin.put(resourcePath('DocType', 'Visit Note'), { module: 'Elsewhere' }), 417, 'ValidationError');
    expectError(await admin.delete(resourcePath('DocType', 'Visit Note')), 417, 'ValidationError');
    expect(ok(await admin.get(resourcePath('DocType', 'Visit Note'))).data.module).to.equal('Field Service');
    expect(ok(await admin.get(resourcePath('DocType'), { filters: { name: 'Made Up' } })).data).to.deep.equal([]);
  });

  it('is read only by those with read on DocType (System Manager)', async () => {
    expectError(await nobody.get(resourcePath('DocType')), 403, 'PermissionError');
    expectError(await nobody.get(resourcePath('DocType', 'Visit Note')), 403, 'PermissionError');
  });

  it('migrate puts the records back in line with the files: changed rows restored, unknown rows removed', async () => {
    const table = server.site.db.knex('tabDocType');
    await table.clone().where('name', 'Visit Note').update({ module: 'Tampered', autoname: null });
    await server.site.db.knex('tabDocType').insert({ name: 'Ghost', module: 'Nowhere', app: 'test', docstatus: 0, idx: 0 });
    const lines: string[] = [];
    await migrate(server.site, (line) => lines.push(line));
    expect(lines).to.include('[doctypes] DocType records: 0 added, 1 updated, 1 removed');
    const note = await server.site.db.knex('tabDocType').where('name', 'Visit Note').first();
    expect([note.module, note.autoname]).to.deep.equal(['Field Service', 'hash']);
    expect(await server.site.db.knex('tabDocType').where('name', 'Ghost').first()).to.equal(undefined);
    const again: string[] = [];
    await migrate(server.site, (line) => again.push(line));
    expect(again.filter((l) => l.startsWith('[doctypes]'))).to.deep.equal([]);
  });

  it('a virtual DocType has no records: list, read, write and search say so, naming the DocType', async () => {
    for (const answer of [
      await admin.get(resourcePath('Live Feed')),
      await admin.get(resourcePath('Live Feed', 'x')),
      await admin.post(resourcePath('Live Feed'), { headline: 'x' }),
      await admin.get('/api/method/frappe.desk.search.search_link', { doctype: 'Live Feed', txt: 'x' }),
    ]) {
      expectError(answer, 417, 'ValidationError');
      expect(errorFields(answer)).to.deep.equal(['doctype']);
    }
    const hits = ok(await admin.get('/api/method/tabula.desk.search', { txt: 'visit' })).message as { doctype: string; value: string }[];
    expect(hits.map((h) => `${h.doctype}:${h.value}`)).to.include('DocType:Visit Note');
    expect(hits.map((h) => h.doctype)).to.not.include('Live Feed');
    const boot = ok(await admin.get('/api/method/tabula.desk.boot')).message as { doctypes: { name: string }[] };
    expect(boot.doctypes.map((d) => d.name)).to.include('DocType').and.not.include('Live Feed');
  });
});
