/**
 * Errors over real HTTP: Frappe's envelope (exc_type, exception, double-encoded _server_messages) plus
 * `message` and field-level `errors[]`, stack traces only in development mode, the status code of each
 * kind of failure, SQL fragments anywhere in a request refused with nothing changed, and no 500 for
 * any malformed input.
 */
import { expect } from 'chai';
import { startTestServer, TEST_PASSWORD, type ApiAnswer, type ApiClient, type TestServer } from '../support/api';
import { API_CONTROLLERS, API_DOCTYPES } from '../fixtures/api/doctypes';
import { expectError, errorFields, ok, resourcePath, rowCount } from '../fixtures/api/support';

const CUSTOMER = 'API Customer';
const customers = (name?: string) => resourcePath(CUSTOMER, name);
const method = (name: string) => `/api/method/${name}`;

/** `_server_messages`: a JSON string holding a list of JSON strings, each a {message, title, indicator} object. */
function serverMessages(body: Record<string, unknown>): Record<string, unknown>[] {
  expect(body._server_messages).to.be.a('string');
  const outer = JSON.parse(body._server_messages as string) as unknown[];
  expect(outer).to.be.an('array').that.is.not.empty;
  return outer.map((item) => {
    expect(item).to.be.a('string');
    return JSON.parse(item as string) as Record<string, unknown>;
  });
}

/** Runs `work` with console.error silenced (the server logs the stack of a real bug there). */
async function quietly<T>(work: () => Promise<T>): Promise<{ result: T; logged: string }> {
  const original = console.error;
  let logged = '';
  console.error = (...args: unknown[]) => {
    logged += args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' ') + '\n';
  };
  try {
    return { result: await work(), logged };
  } finally {
    console.error = original;
  }
}

describe('api: errors', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: ApiClient;
  let reader: ApiClient;

  before(async () => {
    server = await startTestServer({ doctypes: API_DOCTYPES, controllers: API_CONTROLLERS, label: 'api_errors' });
    admin = await server.tokenClient('Administrator');
    const docs = server.site.documents;
    for (const territory_name of ['North', 'South']) await docs.insert('API Territory', { territory_name });
    await docs.insert(CUSTOMER, { customer_name: 'Alpha', territory: 'North', employees: 10, contacts: [{ contact_name: 'Ann' }] });
    await docs.insert(CUSTOMER, { customer_name: 'Beta', territory: 'South', employees: 20 });
    await docs.insert('API Settings', { company_name: 'Tabula Test Ltd' });
    await docs.insert('Role', { role_name: 'Sales User' });
    await server.createUser('reader@example.com', ['Sales User']);
    reader = await server.tokenClient('reader@example.com');
  });
  after(() => server.close());

  describe('the envelope', () => {
    it('carries exc_type, exception, message, errors[] and a double-encoded _server_messages; no exc', async () => {
      const answer = expectError(await admin.post(customers(), { employees: 3 }), 417, 'MandatoryError');
      const body = answer.body;
      expect(answer.headers.get('content-type')).to.match(/^application\/json/);
      expect(body.message).to.be.a('string').and.contain('Customer Name');
      expect(body.exception).to.equal(`frappe.exceptions.MandatoryError: ${body.message}`);
      expect(body.errors).to.be.an('array').that.is.not.empty;
      expect(body.errors[0]).to.include({ fieldname: 'customer_name' });
      expect(body.errors[0].message).to.be.a('string');
      const [first] = serverMessages(body);
      expect(first).to.include({ message: body.message, indicator: 'red' });
      expect(first!.title).to.be.a('string');
      expect(body).to.not.have.property('exc');
    });

    it('every status gets the same envelope, with a title saying what went wrong', async () => {
      const cases: [ApiAnswer, number, string, string][] = [
        [await admin.get(customers('Nobody')), 404, 'DoesNotExistError', 'Not Found'],
        [await reader.delete(customers('Alpha')), 403, 'PermissionError', 'Not Permitted'],
        [await admin.post(customers(), { customer_name: 'Alpha' }), 409, 'DuplicateEntryError', 'Duplicate Entry'],
        [await toAnswer(await server.guest.raw(method('frappe.ping'), { headers: { Authorization: 'token a:b' } })), 401, 'AuthenticationError', 'Not Permitted'],
      ];
      for (const [answer, status, excType, title] of cases) {
        expectError(answer, status, excType);
        expect(answer.body.exception).to.equal(`frappe.exceptions.${excType}: ${answer.body.message}`);
        expect(answer.body.errors).to.be.an('array');
        expect(serverMessages(answer.body)[0]).to.include({ message: answer.body.message, title, indicator: 'red' });
        expect(answer.body).to.not.have.property('exc');
      }
    });

    it('a real bug is a 500 with a generic message: no detail, no stack', async () => {
      const { result: answer, logged } = await quietly(() => admin.post(customers('Alpha'), {}, { run_method: 'explode' }));
      expectError(answer, 500, 'Exception');
      expect(answer.body.message).to.equal('Internal Server Error');
      expect(JSON.stringify(answer.body)).to.not.contain('secret internal detail');
      expect(answer.body).to.not.have.property('exc');
      expect(serverMessages(answer.body)[0]).to.include({ message: 'Internal Server Error' });
      // The stack goes to the server log instead.
      expect(logged).to.contain('secret internal detail');
    });

    describe('in development mode (api.devMode)', () => {
      let dev: TestServer;
      let devAdmin: ApiClient;
      before(async () => {
        dev = await startTestServer({ doctypes: API_DOCTYPES, controllers: API_CONTROLLERS, api: { devMode: true }, label: 'api_errors_dev' });
        devAdmin = await dev.tokenClient('Administrator');
        await dev.site.documents.insert(CUSTOMER, { customer_name: 'Alpha' });
      });
      after(() => dev.close());

      it('errors carry exc: a JSON list holding the stack trace', async () => {
        const answer = expectError(await devAdmin.post(customers(), { employees: 3 }), 417, 'MandatoryError');
        const exc = JSON.parse(answer.body.exc as string) as string[];
        expect(exc).to.be.an('array').with.length(1);
        expect(exc[0]).to.contain('MandatoryError').and.match(/\n\s+at /);
      });

      it('a real bug shows its message and stack', async () => {
        const { result: answer } = await quietly(() => devAdmin.post(customers('Alpha'), {}, { run_method: 'explode' }));
        expectError(answer, 500);
        expect(answer.body.message).to.contain('secret internal detail');
        expect(JSON.parse(answer.body.exc as string)[0]).to.contain('secret internal detail');
      });
    });
  });

  describe('status codes', () => {
    it('417 for a validation error, a missing mandatory field and a bad filter', async () => {
      expectError(await admin.post(customers(), { customer_name: 'Bad Select', status: 'Sleeping' }), 417, 'ValidationError');
      expectError(await admin.post(customers(), { customer_name: '' }), 417, 'MandatoryError');
      const filter = expectError(await admin.get(customers(), { filters: [['employees', 'resembles', 3]] }), 417, 'ValidationError');
      expect(filter.body.message).to.contain('resembles');
    });

    it('403 for what the user may not do, including Guest', async () => {
      expectError(await server.guest.get(customers()), 403, 'PermissionError');
      expectError(await server.guest.get(customers('Alpha')), 403, 'PermissionError');
      expectError(await reader.post(customers(), { customer_name: 'Reader Made' }), 403, 'PermissionError');
      expectError(await reader.put(customers('Alpha'), { employees: 1 }), 403, 'PermissionError');
      expect(await server.site.documents.exists(CUSTOMER, 'Reader Made')).to.equal(false);
    });

    it('404 for an unknown DocType, a missing document and an unknown route', async () => {
      expectError(await admin.get(resourcePath('No Such DocType')), 404, 'DoesNotExistError');
      expectError(await admin.get(resourcePath('No Such DocType', 'x')), 404, 'DoesNotExistError');
      expectError(await admin.post(resourcePath('No Such DocType'), { a: 1 }), 404, 'DoesNotExistError');
      expectError(await admin.get(method('frappe.client.get_list'), { doctype: 'No Such DocType' }), 404, 'DoesNotExistError');
      expectError(await admin.get(customers('Nobody')), 404, 'DoesNotExistError');
      for (const path of ['/api/nothing', '/api/resource', '/api/v1/nothing', '/not-api-at-all']) expectError(await admin.get(path), 404, 'DoesNotExistError');
      expectError(await toAnswer(await admin.raw(customers('Alpha'), { method: 'PATCH' })), 404, 'DoesNotExistError');
    });

    it('409 for a duplicate insert, by REST and by RPC', async () => {
      const before = await rowCount(server.site, CUSTOMER);
      expectError(await admin.post(customers(), { customer_name: 'Alpha' }), 409, 'DuplicateEntryError');
      expectError(await admin.post(customers(), { customer_name: 'ALPHA' }), 409, 'DuplicateEntryError'); // names compare without case
      expectError(await admin.post(method('frappe.client.insert'), { doc: { doctype: CUSTOMER, customer_name: 'Alpha' } }), 409, 'DuplicateEntryError');
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
    });

    it('401 for bad credentials', async () => {
      expectError(await toAnswer(await server.guest.raw(customers(), { headers: { Authorization: 'token nokey:nosecret' } })), 401, 'AuthenticationError');
      expectError(await server.guest.post(method('login'), { usr: 'Administrator', pwd: 'wrong' }), 401, 'AuthenticationError');
    });

    it('400 for a missing CSRF token and for a malformed JSON body', async () => {
      const session = await server.login('Administrator', TEST_PASSWORD);
      const csrf = await session.raw(customers(), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Frappe-CSRF-Token': '' }, body: '{"customer_name":"No Token"}' });
      expectError(await toAnswer(csrf), 400, 'CSRFTokenError');
      for (const text of ['{bad', '{"customer_name": "x",}', '"just text"', 'null', '12']) {
        const answer = expectError(await admin.post(customers(), text), 400);
        expect(errorFields(answer), text).to.deep.equal(['body']);
      }
      expectError(await toAnswer(await admin.raw(`${customers()}/%E0%A4%A`)), 400);
      expect(await server.site.documents.exists(CUSTOMER, 'No Token')).to.equal(false);
    });
  });

  describe('field-level errors name the field and write nothing', () => {
    const refused = async (body: Record<string, unknown>, field: string, excType = 'ValidationError') => {
      const before = await rowCount(server.site, CUSTOMER);
      const answer = expectError(await admin.post(customers(), { customer_name: 'Refused Co', ...body }), 417, excType);
      expect(errorFields(answer), JSON.stringify(answer.body)).to.include(field);
      expect(answer.body.message).to.be.a('string').that.is.not.empty;
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
      return answer;
    };

    it('an unknown field', async () => {
      const answer = await refused({ no_such_field: 1 }, 'no_such_field');
      expect(answer.body.message).to.contain('no_such_field');
    });

    it('a wrong type: text for an Int, 2 for a Check, an impossible Date, an object for a Link, text for a Float', async () => {
      await refused({ employees: 'many' }, 'employees');
      await refused({ is_vip: 2 }, 'is_vip');
      await refused({ since: '2021-02-30' }, 'since');
      await refused({ last_contact: '2021-01-01 25:61:00' }, 'last_contact');
      await refused({ territory: { name: 'North' } }, 'territory');
      await refused({ rating: 'high' }, 'rating');
      await refused({ customer_name: ['a', 'list'] }, 'customer_name');
    });

    it('numbers beyond what the column holds', async () => {
      await refused({ employees: 2 ** 31 }, 'employees');
      await refused({ credit_limit: 1e30 }, 'credit_limit');
    });

    it('a Link to a document that does not exist', async () => {
      const answer = await refused({ territory: 'Atlantis' }, 'territory', 'LinkValidationError');
      expect(answer.body.message).to.contain('Atlantis');
    });

    it('a bad child row names the table, the row and the field', async () => {
      const answer = await refused({ contacts: [{ contact_name: 'ok' }, { phone: '1' }] }, 'contact_name', 'MandatoryError');
      expect(answer.body.errors.find((e: any) => e.fieldname === 'contact_name')).to.include({ idx: 2, parentfield: 'contacts' });
      await refused({ contacts: { contact_name: 'not a list' } }, 'contacts');
      await refused({ contacts: ['not a row'] }, 'contacts');
    });

    it('on PUT, and the document keeps its values', async () => {
      const answer = expectError(await admin.put(customers('Alpha'), { employees: 'lots', territory: 'North' }), 417);
      expect(errorFields(answer)).to.include('employees');
      expect((await server.site.documents.get(CUSTOMER, 'Alpha')).employees).to.equal(10);
      expect(errorFields(expectError(await admin.put(customers('Alpha'), { no_such_field: 1 }), 417))).to.include('no_such_field');
    });
  });

  describe('SQL fragments are refused and change nothing', () => {
    const tables = ['API Customer', 'API Customer Contact', 'API Territory', 'User', 'Has Role'];
    let counts: number[];
    const snapshot = () => Promise.all(tables.map((t) => rowCount(server.site, t)));
    beforeEach(async () => {
      counts = await snapshot();
    });
    afterEach(async () => {
      expect(await snapshot(), 'row counts').to.deep.equal(counts);
      expect(await server.site.documents.get(CUSTOMER, 'Alpha')).to.include({ employees: 10, territory: 'North' });
      expect(await server.site.db.knex('__Auth').count({ n: '*' }).first().then((r: any) => Number(r.n))).to.be.greaterThan(0);
    });

    const list = (params: Record<string, unknown>) => admin.get(customers(), params);

    it('in fields', async () => {
      for (const fields of [
        ['name; drop table `tabAPI Customer`'],
        ['(select password from __Auth)'],
        ['name from tabUser --'],
        ['count(*) from __Auth'],
        ['name`, (select 1) as `x'],
        ['sleep(1)'],
        ['tabUser.name'],
      ]) {
        const answer = expectError(await list({ fields }), 417);
        expect(errorFields(answer), JSON.stringify(fields)).to.include('fields');
      }
    });

    it('in filters: in field names and operators a 417; in values only ever compared as text', async () => {
      for (const filters of [{ 'name; drop table x': 'a' }, [['name', "= 'a' or 1=1 --", 'x']], [['name`) or (1=1', '=', 'x']], [['__Auth', 'password', 'like', '%']], [['User', 'name', '=', 'Administrator']]])
        expectError(await list({ filters }), 417);
      for (const value of ["x' OR '1'='1", "Alpha' --", 'Alpha"; drop table x; --', '%'])
        expect(ok(await list({ filters: [['name', '=', value]] })).data, value).to.deep.equal([]);
      expect(ok(await list({ filters: [['name', 'like', "%' or '1'='1"]] })).data).to.deep.equal([]);
    });

    it('in order_by and group_by', async () => {
      for (const order_by of ['name; drop table `tabAPI Customer`', '(select 1)', 'name desc, sleep(1)', 'if(1,name,modified)', 'name desc limit 1', '1', 'rand()'])
        expect(errorFields(expectError(await list({ order_by }), 417)), order_by).to.include('order_by');
      for (const group_by of ['name; delete from `tabAPI Customer`', '1=1', 'name having 1=1', '(select 1)'])
        expect(errorFields(expectError(await list({ group_by }), 417)), group_by).to.include('group_by');
    });

    it('in the DocType path segment: 404 for every verb', async () => {
      for (const doctype of ['Customer; drop table', 'API Customer`; drop table `tabAPI Customer`; --', 'tabAPI Customer', "API Customer' OR '1'='1", '__Auth', '__proto__']) {
        expectError(await admin.get(resourcePath(doctype)), 404, 'DoesNotExistError');
        expectError(await admin.get(resourcePath(doctype, 'Alpha')), 404, 'DoesNotExistError');
        expectError(await admin.post(resourcePath(doctype), { customer_name: 'Injected' }), 404, 'DoesNotExistError');
        expectError(await admin.put(resourcePath(doctype, 'Alpha'), { employees: 0 }), 404, 'DoesNotExistError');
        expectError(await admin.delete(resourcePath(doctype, 'Alpha')), 404, 'DoesNotExistError');
      }
    });

    it('in document names: 404, and nothing else is touched', async () => {
      for (const name of ["Alpha' OR '1'='1", "x' OR 1=1 --", 'Alpha%', '%', "Alpha'; delete from `tabAPI Customer`; --"]) {
        expectError(await admin.get(customers(name)), 404, 'DoesNotExistError');
        expectError(await admin.put(customers(name), { employees: 0 }), 404, 'DoesNotExistError');
        expectError(await admin.delete(customers(name)), 404, 'DoesNotExistError');
      }
    });

    it('in RPC arguments', async () => {
      expectError(await admin.get(method('frappe.client.get_value'), { doctype: CUSTOMER, fieldname: 'name; drop table x', filters: 'Alpha' }), 417);
      expectError(await admin.get(method('frappe.client.get_value'), { doctype: CUSTOMER, fieldname: '(select password from __Auth)', filters: 'Alpha' }), 417);
      expect(ok(await admin.get(method('frappe.client.get_value'), { doctype: CUSTOMER, fieldname: 'name', filters: "Alpha' OR '1'='1" }))).to.deep.equal({ message: {} });
      expectError(await admin.get(method('frappe.desk.listview.get_group_by_count'), { doctype: CUSTOMER, field: 'territory; drop table x' }), 417);
      expectError(await admin.get(method('frappe.desk.reportview.get'), { doctype: CUSTOMER, fields: ['name'], order_by: 'name; drop table x' }), 417);
      expect(ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: CUSTOMER, txt: "' OR '1'='1" })).message).to.deep.equal([]);
      expect(ok(await admin.get(method('frappe.client.get_count'), { doctype: CUSTOMER, filters: [['name', '=', "' OR 1=1 --"]] })).message).to.equal(0);
    });
  });

  describe('SQL in a document\'s own values is only ever data', () => {
    it('is stored and read back literally', async () => {
      const name = "Robert'); DROP TABLE `tabAPI Customer`;--";
      const created = ok(await admin.post(customers(), { customer_name: name, notes: "'; delete from tabUser; --" })).data;
      expect(created.name).to.equal(name);
      expect(ok(await admin.get(customers(name))).data.notes).to.equal("'; delete from tabUser; --");
      expect(await rowCount(server.site, 'User')).to.be.greaterThan(2);
      expect(ok(await admin.get(customers(), { filters: { name } })).data).to.deep.equal([{ name }]);
      expect((await admin.delete(customers(name))).status).to.equal(202);
    });
  });

  describe('malformed input is a 4xx, never a 500', () => {
    type Case = [string, (c: ApiClient) => Promise<ApiAnswer>];
    /** Sends every case and reports all that fail at once: a 4xx with an envelope, nothing written. */
    async function allRefused(cases: Case[]): Promise<void> {
      const failures: string[] = [];
      for (const [label, send] of cases) {
        const before = await rowCount(server.site, CUSTOMER);
        const answer = await send(admin);
        const body = answer.body as Record<string, unknown> | undefined;
        if (answer.status < 400 || answer.status > 499) failures.push(`${label}: ${answer.status} ${JSON.stringify(body).slice(0, 200)}`);
        else if (typeof body?.exc_type !== 'string' || typeof body.message !== 'string' || !body.message) failures.push(`${label}: no error envelope ${JSON.stringify(body).slice(0, 200)}`);
        if ((await rowCount(server.site, CUSTOMER)) !== before) failures.push(`${label}: a row was written`);
        if ((await server.site.documents.get(CUSTOMER, 'Alpha')).employees !== 10) failures.push(`${label}: Alpha changed`);
      }
      expect(failures, failures.join('\n')).to.deep.equal([]);
    }

    const LIST_CASES: Case[] = [
      ['fields as an object', (c) => c.get(customers(), { fields: { name: 1 } })],
      ['fields as a number', (c) => c.get(customers(), { fields: 5 })],
      ['fields as nested lists', (c) => c.get(customers(), { fields: [['name']] })],
      ['fields as broken JSON', (c) => c.get(customers(), { fields: '["name"' })],
      ['fields given twice', (c) => c.raw(`${customers()}?fields=%5B%22name%22%5D&fields=%5B%22x%22%5D`).then(toAnswer)],
      ['filters as a number', (c) => c.get(customers(), { filters: 5 })],
      ['filters that are not JSON', (c) => c.get(customers(), { filters: 'territory = North' })],
      ['a filter with one element', (c) => c.get(customers(), { filters: [['name']] })],
      ['a filter value that is an object', (c) => c.get(customers(), { filters: { name: { nested: true } } })],
      ['between without a list', (c) => c.get(customers(), { filters: [['since', 'between', '2020-01-01']] })],
      ['an unknown timespan', (c) => c.get(customers(), { filters: [['since', 'timespan', 'whenever']] })],
      ['text compared with a Date', (c) => c.get(customers(), { filters: [['since', '>', 'yesterday-ish']] })],
      ['text compared with an Int', (c) => c.get(customers(), { filters: [['employees', '>', 'many']] })],
      ['or_filters that are not JSON', (c) => c.get(customers(), { or_filters: '{{' })],
      ['order_by given twice', (c) => c.raw(`${customers()}?order_by=name&order_by=modified`).then(toAnswer)],
      ['order_by as a list in a JSON body', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, order_by: ['name'] })],
      ['group_by as a number', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, group_by: 5 })],
      ['a limit that is not a number', (c) => c.get(customers(), { limit: 'ten' })],
      ['a negative limit', (c) => c.get(customers(), { limit: -1 })],
      ['a fractional limit', (c) => c.get(customers(), { limit_page_length: 2.5 })],
      ['a negative limit_start', (c) => c.get(customers(), { limit_start: -5 })],
      ['a limit that is an object', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, limit: { n: 1 } })],
      ['as_dict neither true nor false', (c) => c.get(customers(), { as_dict: 'maybe' })],
      // Sizes beyond what a database takes in one statement (SQLite: 2000 columns, expression depth 1000, 50000-byte LIKE patterns).
      ['2001 fields', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, fields: Array.from({ length: 2001 }, (_, i) => `name as n${i}`) })],
      ['2001 order_by terms', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, order_by: 'name asc,'.repeat(2000) + 'name' })],
      ['1100 or_filters', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, or_filters: Array.from({ length: 1100 }, (_, i) => ['name', '=', `n${i}`]) })],
      ['a LIKE pattern of 60000 characters', (c) => c.post(method('frappe.client.get_list'), { doctype: CUSTOMER, filters: [['name', 'like', '%'.repeat(60000)]] })],
    ];
    const RPC_CASES: Case[] = [
      ['doctype given twice', (c) => c.raw(`${method('frappe.client.get_count')}?doctype=a&doctype=b`).then(toAnswer)],
      ['doctype as null', (c) => c.post(method('frappe.client.get_list'), { doctype: null })],
      ['get_value fieldname as an object', (c) => c.post(method('frappe.client.get_value'), { doctype: CUSTOMER, fieldname: { a: 1 }, filters: 'Alpha' })],
      ['get_value filters as a number', (c) => c.post(method('frappe.client.get_value'), { doctype: CUSTOMER, fieldname: 'name', filters: 5 })],
      ['insert with doc as a list', (c) => c.post(method('frappe.client.insert'), { doc: [] })],
      ['insert with doc as text', (c) => c.post(method('frappe.client.insert'), { doc: 'not json' })],
      ['insert with doctype as an object', (c) => c.post(method('frappe.client.insert'), { doc: { doctype: { a: 1 } } })],
      ['save with doc.name as an object', (c) => c.post(method('frappe.client.save'), { doc: { doctype: CUSTOMER, name: { a: 1 } } })],
      ['save with doc.name as a list', (c) => c.post(method('frappe.client.save'), { doc: { doctype: CUSTOMER, name: ['Alpha'], employees: 99 } })],
      ['submit without doc.name', (c) => c.post(method('frappe.client.submit'), { doc: { doctype: 'API Order' } })],
      ['set_value with name as an object', (c) => c.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: { a: 1 }, fieldname: 'employees', value: 1 })],
      ['set_value with fieldname as a list', (c) => c.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Alpha', fieldname: ['employees'], value: 1 })],
      ['set_value of an unknown field', (c) => c.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Alpha', fieldname: 'nope', value: 1 })],
      ['rename_doc with new_name as an object', (c) => c.post(method('frappe.client.rename_doc'), { doctype: CUSTOMER, old_name: 'Alpha', new_name: { a: 1 } })],
      ['rename_doc with merge as an object', (c) => c.post(method('frappe.client.rename_doc'), { doctype: CUSTOMER, old_name: 'Alpha', new_name: 'Beta', merge: { a: 1 } })],
      ['cancel of a document that cannot be submitted', (c) => c.post(method('frappe.client.cancel'), { doctype: CUSTOMER, name: 'Alpha' })],
      ['search_link page_length not a number', (c) => c.get(method('frappe.desk.search.search_link'), { doctype: CUSTOMER, txt: 'a', page_length: 'x' })],
      ['search_link filters not JSON', (c) => c.get(method('frappe.desk.search.search_link'), { doctype: CUSTOMER, txt: 'a', filters: 'zz' })],
      ['group-by count of a field given as a list', (c) => c.post(method('frappe.desk.listview.get_group_by_count'), { doctype: CUSTOMER, field: ['territory'] })],
      ['run_method given twice', (c) => c.raw(`${customers('Alpha')}?run_method=double_it&run_method=describe`, { method: 'POST' }).then(toAnswer)],
      ['login with usr as an object', (c) => c.post(method('login'), { usr: { a: 1 }, pwd: 'x' })],
    ];
    const DOCUMENT_CASES: Case[] = [
      ['a JSON array as the document', (c) => c.post(customers(), [1, 2])],
      ['a JSON array as a PUT body', (c) => c.put(customers('Alpha'), ['employees', 1])],
      ['a list of a Single DocType', (c) => c.get(resourcePath('API Settings'))],
      ['a delete of a Single DocType', (c) => c.delete(resourcePath('API Settings', 'API Settings'))],
      ['frappe.client.delete of a Single DocType', (c) => c.post('/api/method/frappe.client.delete', { doctype: 'API Settings', name: 'API Settings' })],
      ['Small Text longer than a TEXT column holds', (c) => c.post(customers(), { customer_name: 'Long', notes: 'n'.repeat(100_000) })],
      ['Small Text of 4-byte characters beyond 65,535 bytes', (c) => c.post(customers(), { customer_name: 'Emoji', notes: '\u{1F600}'.repeat(20_000) })],
      ['limit_start beyond a safe integer', (c) => c.get(customers(), { limit_start: '1e30' })],
      ['an insert of a child DocType on its own', (c) => c.post(resourcePath('API Customer Contact'), { contact_name: 'Orphan' })],
      ['a Single saved with a wrong type', (c) => c.put(resourcePath('API Settings', 'API Settings'), { page_size: 'big' })],
      ['docstatus as text', (c) => c.put(customers('Alpha'), { docstatus: 'submitted' })],
      ['modified that is not a datetime', (c) => c.put(customers('Alpha'), { modified: { when: 'now' } })],
      ['a child row idx that is not a number', (c) => c.put(customers('Alpha'), { contacts: [{ contact_name: 'a', idx: 'first' }] })],
      ['a new document with docstatus 5', (c) => c.post(resourcePath('API Order'), { customer: 'Alpha', docstatus: 5 })],
      ['a name longer than 140 characters', (c) => c.post(customers(), { customer_name: 'L'.repeat(200) })],
      ['a body over the size limit', (c) => c.raw(customers(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customer_name: 'x'.repeat(11 * 1024 * 1024) }) }).then(toAnswer)],
      ['a percent sign alone as the name', (c) => c.raw(`${customers()}/%`).then(toAnswer)],
    ];

    it('in list parameters: fields, filters, or_filters, order_by, group_by, limits, as_dict', () => allRefused(LIST_CASES));
    it('in RPC arguments: arrays, objects and nulls where names and flags belong', () => allRefused(RPC_CASES));
    it('in document bodies and values, and in the request itself', () => allRefused(DOCUMENT_CASES));

    it('a huge limit is capped, not an error', async () => {
      const answer = await admin.get(customers(), { limit: 1e15 });
      expect(ok(answer).data.length).to.equal(await rowCount(server.site, CUSTOMER));
      expect((await admin.get(customers(), { limit: '9223372036854775808' })).status).to.equal(200);
    });

    it('an oversized query string is refused before it reaches the API', async () => {
      const answer = await admin.get(customers(), { filters: [['name', 'in', Array.from({ length: 5000 }, (_, i) => `n${i}`)]] });
      expect(answer.status).to.equal(431);
    });
  });
});

/** A raw fetch Response as an ApiAnswer (JSON body parsed). */
async function toAnswer(response: Response): Promise<ApiAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: response.status, body, headers: response.headers };
}
