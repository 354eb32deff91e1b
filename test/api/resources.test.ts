/**
 * /api/resource over real HTTP: create, read, update and delete by names holding `/`, spaces and
 * unicode, the list parameters exactly as Frappe (and the JS SDK) send them, the server cap that is
 * reported and never silent, the wire format of values, child tables replaced as a whole, optimistic
 * locking, and controller methods reached through run_method.
 */
import { expect } from 'chai';
import { startTestServer, TEST_PASSWORD, type ApiClient, type TestServer } from '../support/api';
import { API_CONTROLLERS, API_DOCTYPES } from '../fixtures/api/doctypes';
import { DATE, DATETIME, expectError, errorFields, ok, resourcePath, rowCount } from '../fixtures/api/support';

const CUSTOMER = 'API Customer';
const customers = (name?: string) => resourcePath(CUSTOMER, name);

describe('api: resources', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: ApiClient;

  before(async () => {
    server = await startTestServer({ doctypes: API_DOCTYPES, controllers: API_CONTROLLERS, label: 'api_resources' });
    admin = await server.login('Administrator', TEST_PASSWORD);
    for (const territory_name of ['North', 'South']) await server.site.documents.insert('API Territory', { territory_name });
  });
  after(() => server.close());

  describe('create, read, update, delete', () => {
    it('POST creates the document and answers it as {data}', async () => {
      const answer = await admin.post(customers(), { customer_name: 'Plain Co', territory: 'North', employees: 12 });
      const doc = ok(answer).data;
      expect(doc).to.include({ doctype: CUSTOMER, name: 'Plain Co', customer_name: 'Plain Co', territory: 'North', employees: 12, docstatus: 0, owner: 'Administrator' });
      const stored = await server.site.db.knex('tabAPI Customer').where('name', 'Plain Co').first('territory', 'employees');
      expect(stored).to.deep.include({ territory: 'North' });
      expect(Number(stored.employees)).to.equal(12);
    });

    it('the DocType comes from the path: a doctype key in the body is ignored', async () => {
      const doc = ok(await admin.post(customers(), { doctype: 'API Territory', customer_name: 'Body Doctype Co' })).data;
      expect(doc.doctype).to.equal(CUSTOMER);
      expect(await server.site.documents.exists(CUSTOMER, 'Body Doctype Co')).to.equal(true);
      expect(await server.site.documents.exists('API Territory', 'Body Doctype Co')).to.equal(false);
    });

    for (const name of ['Acme/Trading Ltd', 'Big Co Ltd', 'Ünïcødé 株式会社 ☃', 'a/b/c d']) {
      it(`GET, PUT and DELETE reach "${name}" with the name URL-encoded`, async () => {
        ok(await admin.post(customers(), { customer_name: name, employees: 3 }));
        const got = ok(await admin.get(customers(name))).data;
        expect(got.name).to.equal(name);
        expect(got.employees).to.equal(3);

        const updated = ok(await admin.put(customers(name), { employees: 4 })).data;
        expect(updated).to.include({ name, employees: 4 });
        expect((await server.site.documents.get(CUSTOMER, name)).employees).to.equal(4);

        const deleted = await admin.delete(customers(name));
        expect(deleted.status).to.equal(202);
        expect(deleted.body).to.deep.equal({ data: 'ok', message: 'ok' });
        expect(await server.site.documents.exists(CUSTOMER, name)).to.equal(false);
        expectError(await admin.get(customers(name)), 404, 'DoesNotExistError');
      });
    }

    it('a name with a raw "/" in the path (not encoded) is the whole rest of the path', async () => {
      ok(await admin.post(customers(), { customer_name: 'Raw/Slash Co', employees: 1 }));
      const got = ok(await admin.get(`${customers()}/Raw/Slash%20Co`)).data;
      expect(got.name).to.equal('Raw/Slash Co');
    });

    it('everything answers the same under /api/v1', async () => {
      ok(await admin.post(resourcePath(CUSTOMER, undefined, '/api/v1'), { customer_name: 'V1/Co', employees: 7 }));
      expect(ok(await admin.get(resourcePath(CUSTOMER, 'V1/Co', '/api/v1'))).data).to.include({ name: 'V1/Co', employees: 7 });
      expect(ok(await admin.put(resourcePath(CUSTOMER, 'V1/Co', '/api/v1'), { employees: 8 })).data.employees).to.equal(8);
      const filters = JSON.stringify([['name', '=', 'V1/Co']]);
      expect(ok(await admin.get(resourcePath(CUSTOMER, undefined, '/api/v1'), { filters })).data).to.deep.equal([{ name: 'V1/Co' }]);
      const deleted = await admin.delete(resourcePath(CUSTOMER, 'V1/Co', '/api/v1'));
      expect([deleted.status, deleted.body]).to.deep.equal([202, { data: 'ok', message: 'ok' }]);
    });

    it('GET, PUT and DELETE of a missing document answer 404 and change nothing', async () => {
      const before = await rowCount(server.site, CUSTOMER);
      expectError(await admin.get(customers('No Such Co')), 404, 'DoesNotExistError');
      expectError(await admin.put(customers('No Such Co'), { employees: 1 }), 404, 'DoesNotExistError');
      expectError(await admin.delete(customers('No Such Co')), 404, 'DoesNotExistError');
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
    });

    it('POST of a name that exists answers 409 DuplicateEntryError', async () => {
      ok(await admin.post(customers(), { customer_name: 'Twice Co' }));
      expectError(await admin.post(customers(), { customer_name: 'Twice Co' }), 409, 'DuplicateEntryError');
    });

    it('DELETE of a document others link to answers 417 LinkExistsError and keeps it', async () => {
      ok(await admin.post(customers(), { customer_name: 'Linked Co' }));
      ok(await admin.post(resourcePath('API Note'), { title: 'About Linked Co', customer: 'Linked Co' }));
      expectError(await admin.delete(customers('Linked Co')), 417, 'LinkExistsError');
      expect(await server.site.documents.exists(CUSTOMER, 'Linked Co')).to.equal(true);
    });

    it('POST on a document without run_method answers 417 naming run_method', async () => {
      ok(await admin.post(customers(), { customer_name: 'No Method Co' }));
      const answer = expectError(await admin.post(customers('No Method Co'), { employees: 5 }), 417, 'ValidationError');
      expect(errorFields(answer)).to.include('run_method');
      expect((await server.site.documents.get(CUSTOMER, 'No Method Co')).employees).to.equal(0);
    });
  });

  describe('values on the wire', () => {
    let doc: Record<string, any>;
    before(async () => {
      doc = ok(
        await admin.post(customers(), {
          customer_name: 'Typed Co',
          territory: 'south', // normalised to the target's exact name
          credit_limit: 1500.5,
          employees: 42,
          rating: 0.25,
          is_vip: 1,
          since: '2021-03-04',
          last_contact: '2024-05-06 07:08:09.123456',
          contacts: [{ contact_name: 'Ann', phone: '1' }, { contact_name: 'Bob' }, { contact_name: 'Cid' }],
        }),
      ).data;
    });

    it('dates are YYYY-MM-DD and datetimes YYYY-MM-DD HH:MM:SS.ffffff (6 digits)', async () => {
      const got = ok(await admin.get(customers('Typed Co'))).data;
      expect(got.since).to.equal('2021-03-04');
      expect(got.since).to.match(DATE);
      expect(got.last_contact).to.equal('2024-05-06 07:08:09.123456');
      for (const key of ['creation', 'modified']) expect(got[key], key).to.match(DATETIME);
      expect(doc.creation).to.match(DATETIME);
    });

    it('Int, Float and Currency are JSON numbers; Check is 0 or 1; a Link carries the exact name', async () => {
      const got = ok(await admin.get(customers('Typed Co'))).data;
      expect(got).to.include({ credit_limit: 1500.5, employees: 42, rating: 0.25, is_vip: 1, docstatus: 0, territory: 'South' });
      const other = ok(await admin.post(customers(), { customer_name: 'Untyped Co' })).data;
      expect(other).to.include({ credit_limit: 0, employees: 0, rating: 0, is_vip: 0, status: 'Active' });
      expect(other.since).to.equal(null);
    });

    it('list rows carry the same value types', async () => {
      const [row] = ok(
        await admin.get(customers(), { fields: ['name', 'credit_limit', 'employees', 'rating', 'is_vip', 'since', 'last_contact'], filters: { name: 'Typed Co' } }),
      ).data;
      expect(row).to.deep.equal({ name: 'Typed Co', credit_limit: 1500.5, employees: 42, rating: 0.25, is_vip: 1, since: '2021-03-04', last_contact: '2024-05-06 07:08:09.123456' });
    });

    it('child rows are an array in order, idx from 1, each naming its parent', async () => {
      const got = ok(await admin.get(customers('Typed Co'))).data;
      expect(got.contacts).to.be.an('array').with.length(3);
      expect(got.contacts.map((r: any) => [r.idx, r.contact_name])).to.deep.equal([
        [1, 'Ann'],
        [2, 'Bob'],
        [3, 'Cid'],
      ]);
      for (const row of got.contacts) expect(row).to.include({ parent: 'Typed Co', parenttype: CUSTOMER, parentfield: 'contacts', doctype: 'API Customer Contact' });
    });
  });

  describe('PUT', () => {
    it('replaces a child table as a whole', async () => {
      ok(await admin.post(customers(), { customer_name: 'Child Co', contacts: [{ contact_name: 'A' }, { contact_name: 'B' }, { contact_name: 'C' }] }));
      const saved = ok(await admin.put(customers('Child Co'), { contacts: [{ contact_name: 'Z', phone: '9' }] })).data;
      expect(saved.contacts.map((r: any) => [r.idx, r.contact_name, r.phone])).to.deep.equal([[1, 'Z', '9']]);
      const stored = await server.site.db.knex('tabAPI Customer Contact').where({ parent: 'Child Co' }).select('contact_name');
      expect(stored.map((r: any) => r.contact_name)).to.deep.equal(['Z']);
    });

    it('leaves a child table alone when the body does not name it', async () => {
      ok(await admin.post(customers(), { customer_name: 'Keep Co', contacts: [{ contact_name: 'A' }, { contact_name: 'B' }] }));
      const saved = ok(await admin.put(customers('Keep Co'), { employees: 9 })).data;
      expect(saved.contacts.map((r: any) => r.contact_name)).to.deep.equal(['A', 'B']);
    });

    it('an empty list clears the child table', async () => {
      ok(await admin.post(customers(), { customer_name: 'Clear Co', contacts: [{ contact_name: 'A' }] }));
      expect(ok(await admin.put(customers('Clear Co'), { contacts: [] })).data.contacts).to.deep.equal([]);
      expect(await server.site.db.knex('tabAPI Customer Contact').where({ parent: 'Clear Co' })).to.deep.equal([]);
    });

    it('with a stale modified answers 417 TimestampMismatchError and changes nothing', async () => {
      const first = ok(await admin.post(customers(), { customer_name: 'Lock Co', employees: 1 })).data;
      const second = ok(await admin.put(customers('Lock Co'), { employees: 2, modified: first.modified })).data;
      expect(second.modified > first.modified, `${second.modified} > ${first.modified}`).to.equal(true);
      expectError(await admin.put(customers('Lock Co'), { employees: 3, modified: first.modified }), 417, 'TimestampMismatchError');
      expect((await server.site.documents.get(CUSTOMER, 'Lock Co')).employees).to.equal(2);
      expect(ok(await admin.put(customers('Lock Co'), { employees: 3, modified: second.modified })).data.employees).to.equal(3);
    });
  });

  describe('list parameters', () => {
    const NAMES = Array.from({ length: 25 }, (_, i) => `List ${String(i + 1).padStart(2, '0')}`);
    let listServer: TestServer;
    let client: ApiClient;
    before(async () => {
      // A site of its own, so that counts and default order depend on these 25 documents only.
      listServer = await startTestServer({ doctypes: API_DOCTYPES, label: 'api_lists' });
      client = await listServer.tokenClient('Administrator');
      for (const territory_name of ['North', 'South']) await listServer.site.documents.insert('API Territory', { territory_name });
      for (const [i, customer_name] of NAMES.entries())
        await listServer.site.documents.insert(CUSTOMER, {
          customer_name,
          employees: i + 1,
          territory: i % 2 ? 'South' : 'North',
          status: i < 5 ? 'Inactive' : 'Active',
          contacts: i === 0 ? [{ contact_name: 'Only Row' }] : [],
        });
    });
    after(() => listServer.close());

    const list = (params: Record<string, unknown> = {}) => client.get(customers(), params);

    it('answers 20 rows of ["name"] by default, newest modified first', async () => {
      const rows = ok(await list()).data;
      expect(rows).to.have.length(20);
      for (const row of rows) expect(Object.keys(row)).to.deep.equal(['name']);
      expect(rows.map((r: any) => r.name)).to.deep.equal([...NAMES].reverse().slice(0, 20));
    });

    it('treats the SDK\'s empty order_by= as the default sort', async () => {
      const raw = await client.raw(`${customers()}?order_by=&limit=5`);
      expect(raw.status).to.equal(200);
      const body = (await raw.json()) as { data: { name: string }[] };
      expect(body.data.map((r) => r.name)).to.deep.equal([...NAMES].reverse().slice(0, 5));
    });

    it('fields, filters (object and list forms) and order_by', async () => {
      const byObject = ok(await list({ fields: ['name', 'employees', 'territory'], filters: { territory: 'North', employees: ['>', 20] }, order_by: 'employees asc' })).data;
      expect(byObject).to.deep.equal([
        { name: 'List 21', employees: 21, territory: 'North' },
        { name: 'List 23', employees: 23, territory: 'North' },
        { name: 'List 25', employees: 25, territory: 'North' },
      ]);
      const byList = ok(await list({ fields: ['name'], filters: [['territory', '=', 'North'], ['employees', '>', 20]], order_by: 'employees desc' })).data;
      expect(byList.map((r: any) => r.name)).to.deep.equal(['List 25', 'List 23', 'List 21']);
    });

    it('or_filters (JSON text) widen the match; filters and or_filters combine with AND', async () => {
      const rows = ok(await list({ or_filters: [['employees', '=', 1], ['employees', '=', 25]], order_by: 'employees asc' })).data;
      expect(rows.map((r: any) => r.name)).to.deep.equal(['List 01', 'List 25']);
      const both = ok(await list({ filters: { territory: 'South' }, or_filters: [['employees', '<', 3], ['employees', '>', 23]], order_by: 'employees asc' })).data;
      expect(both.map((r: any) => r.name)).to.deep.equal(['List 02', 'List 24']);
    });

    it('a child-table filter finds the parent', async () => {
      const rows = ok(await list({ filters: [['API Customer Contact', 'contact_name', '=', 'Only Row']] })).data;
      expect(rows).to.deep.equal([{ name: 'List 01' }]);
    });

    it('limit_start with limit or limit_page_length pages through the rows', async () => {
      const page = (params: Record<string, unknown>) => list({ order_by: 'employees asc', ...params }).then((a) => ok(a).data.map((r: any) => r.name));
      expect(await page({ limit_start: 0, limit: 3 })).to.deep.equal(['List 01', 'List 02', 'List 03']);
      expect(await page({ limit_start: 3, limit: 3 })).to.deep.equal(['List 04', 'List 05', 'List 06']);
      expect(await page({ limit_start: 3, limit_page_length: 3 })).to.deep.equal(['List 04', 'List 05', 'List 06']);
      expect(await page({ limit_start: 24, limit: 10 })).to.deep.equal(['List 25']);
      expect(await page({ limit_start: 100, limit: 10 })).to.deep.equal([]);
    });

    it('limit=0 answers every row (below the cap) without a truncation note', async () => {
      const answer = await list({ limit: 0 });
      expect(ok(answer).data).to.have.length(25);
      expect(answer.body).to.not.have.property('truncated');
      expect(answer.headers.get('X-Tabula-Truncated')).to.equal(null);
    });

    it('group_by with aggregate fields answers one row per group', async () => {
      const rows = ok(await list({ fields: ['territory', 'count(name) as n', 'sum(employees) as total'], group_by: 'territory', order_by: 'territory asc' })).data;
      expect(rows.map((r: any) => [r.territory, Number(r.n), Number(r.total)])).to.deep.equal([
        ['North', 13, 13 * 13],
        ['South', 12, 12 * 13],
      ]);
    });

    it('as_dict=false answers rows as arrays in the order of fields', async () => {
      const rows = ok(await list({ fields: ['employees', 'name'], filters: { employees: ['<=', 2] }, order_by: 'employees asc', as_dict: 'false' })).data;
      expect(rows).to.deep.equal([
        [1, 'List 01'],
        [2, 'List 02'],
      ]);
      expect(ok(await list({ filters: { employees: 1 }, as_dict: 'true' })).data).to.deep.equal([{ name: 'List 01' }]);
    });

    it('fields=["*"] answers every column of the DocType', async () => {
      const [row] = ok(await list({ fields: ['*'], filters: { name: 'List 03' } })).data;
      expect(row).to.include({ name: 'List 03', customer_name: 'List 03', employees: 3, territory: 'North', status: 'Inactive', docstatus: 0 });
      expect(row).to.have.property('modified').that.matches(DATETIME);
    });

    it('an unknown field in fields, filters, order_by or group_by is a 417 naming it', async () => {
      for (const params of [{ fields: ['nope'] }, { filters: { nope: 1 } }, { order_by: 'nope desc' }, { group_by: 'nope' }, { or_filters: [['nope', '=', 1]] }]) {
        const answer = expectError(await list(params), 417);
        expect(answer.body.message, JSON.stringify(params)).to.contain('nope');
      }
    });

    it('a list of an unknown DocType is a 404', async () => {
      expectError(await client.get(resourcePath('No Such DocType')), 404, 'DoesNotExistError');
    });
  });

  describe('the server cap (api.maxPageLength = 5)', () => {
    let capped: TestServer;
    let client: ApiClient;
    before(async () => {
      capped = await startTestServer({ doctypes: API_DOCTYPES, api: { maxPageLength: 5 }, label: 'api_cap' });
      client = await capped.tokenClient('Administrator');
      for (let i = 1; i <= 8; i++) await capped.site.documents.insert(CUSTOMER, { customer_name: `Cap ${i}`, employees: i });
    });
    after(() => capped.close());

    it('limit=0 answers 5 of 8 rows with truncated {cap: 5} and X-Tabula-Truncated', async () => {
      const answer = await client.get(customers(), { limit: 0, order_by: 'employees asc' });
      expect(ok(answer).data.map((r: any) => r.name)).to.deep.equal(['Cap 1', 'Cap 2', 'Cap 3', 'Cap 4', 'Cap 5']);
      expect(answer.body.truncated).to.include({ cap: 5 });
      expect(answer.body.truncated.message).to.be.a('string').and.contain('5');
      expect(answer.headers.get('X-Tabula-Truncated')).to.equal('5');
    });

    it('a limit above the cap is capped and reported the same way', async () => {
      const answer = await client.get(customers(), { limit_page_length: 100 });
      expect(ok(answer).data).to.have.length(5);
      expect(answer.body.truncated).to.include({ cap: 5 });
      expect(answer.headers.get('X-Tabula-Truncated')).to.equal('5');
    });

    it('the last page, and a limit within the cap, are not marked truncated', async () => {
      const last = await client.get(customers(), { limit: 0, limit_start: 5 });
      expect(ok(last).data).to.have.length(3);
      expect(last.body).to.not.have.property('truncated');
      const small = await client.get(customers(), { limit: 3 });
      expect(ok(small).data).to.have.length(3);
      expect(small.body).to.not.have.property('truncated');
      expect(small.headers.get('X-Tabula-Truncated')).to.equal(null);
    });
  });

  describe('run_method', () => {
    let reader: ApiClient;
    before(async () => {
      ok(await admin.post(customers(), { customer_name: 'Method/Co', employees: 21, territory: 'North' }));
      await server.site.documents.insert('Role', { role_name: 'Sales User' });
      await server.createUser('reader@example.com', ['Sales User']);
      reader = await server.login('reader@example.com', TEST_PASSWORD);
    });

    it('POST ?run_method= calls a callable controller method and answers {data: result}', async () => {
      expect(ok(await admin.post(customers('Method/Co'), {}, { run_method: 'double_it' }))).to.deep.equal({ data: 42 });
    });

    it('hands the other arguments of the request to the method', async () => {
      expect(ok(await admin.post(customers('Method/Co'), { extra: 8 }, { run_method: 'double_it' })).data).to.equal(50);
      expect(ok(await admin.post(customers('Method/Co'), { run_method: 'double_it', extra: 1 })).data).to.equal(43);
    });

    it('GET ?run_method= reads through a callable method', async () => {
      expect(ok(await admin.get(customers('Method/Co'), { run_method: 'describe' }))).to.deep.equal({ data: 'Method/Co in North' });
    });

    it('a method not marked callable, or not defined, answers 403', async () => {
      const answer = expectError(await admin.post(customers('Method/Co'), {}, { run_method: 'internal' }), 403, 'PermissionError');
      expect(answer.body.message).to.contain('internal');
      expectError(await admin.post(customers('Method/Co'), {}, { run_method: 'no_such_method' }), 403, 'PermissionError');
      expectError(await admin.get(customers('Method/Co'), { run_method: 'internal' }), 403, 'PermissionError');
      expectError(await admin.post(customers('Method/Co'), {}, { run_method: 'constructor' }), 403, 'PermissionError');
    });

    it('POST needs write permission on the document; GET needs read', async () => {
      expectError(await reader.post(customers('Method/Co'), {}, { run_method: 'double_it' }), 403, 'PermissionError');
      expect(ok(await reader.get(customers('Method/Co'), { run_method: 'describe' })).data).to.equal('Method/Co in North');
    });

    it('on a missing document answers 404', async () => {
      expectError(await admin.post(customers('Missing Co'), {}, { run_method: 'double_it' }), 404, 'DoesNotExistError');
    });
  });
});
