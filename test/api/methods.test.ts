/**
 * /api/method over real HTTP: the frappe.client RPCs with Frappe's argument shapes (JSON text in a
 * query string, objects in a JSON body), the desk's search, report view and group-by counts, the meta
 * and boot endpoints the UI loads, and the rules every method shares: `{message}` (no key when a
 * method answers nothing), writes only by POST, 404 for unknown methods.
 */
import { expect } from 'chai';
import { startTestServer, TEST_PASSWORD, type ApiClient, type TestServer } from '../support/api';
import { API_CONTROLLERS, API_DOCTYPES } from '../fixtures/api/doctypes';
import { expectError, errorFields, ok, rowCount } from '../fixtures/api/support';

const CUSTOMER = 'API Customer';
const method = (name: string) => `/api/method/${name}`;

describe('api: methods', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: ApiClient;
  let reader: ApiClient;

  before(async () => {
    server = await startTestServer({ doctypes: API_DOCTYPES, controllers: API_CONTROLLERS, label: 'api_methods' });
    admin = await server.login('Administrator', TEST_PASSWORD);
    const docs = server.site.documents;
    for (const territory_name of ['North', 'South', 'East']) await docs.insert('API Territory', { territory_name });
    await docs.insert('Role', { role_name: 'Sales User' });
    await server.createUser('reader@example.com', ['Sales User']);
    reader = await server.login('reader@example.com', TEST_PASSWORD);
    await docs.insert(CUSTOMER, { customer_name: 'Alpha', territory: 'North', employees: 10, status: 'Active', credit_limit: 100 });
    await docs.insert(CUSTOMER, { customer_name: 'Beta', territory: 'North', employees: 20, status: 'Inactive', credit_limit: 200 });
    await docs.insert(CUSTOMER, { customer_name: 'Gamma', territory: 'South', employees: 30, status: 'Active', credit_limit: 300 });
    await docs.insert('API Settings', { company_name: 'Tabula Test Ltd', page_size: 50 });
  });
  after(() => server.close());

  describe('rules every method shares', () => {
    it('frappe.ping answers {message: "pong"} to anyone, under /api and /api/v1', async () => {
      expect(ok(await server.guest.get(method('frappe.ping')))).to.deep.equal({ message: 'pong' });
      expect(ok(await server.guest.get('/api/v1/method/frappe.ping'))).to.deep.equal({ message: 'pong' });
      expect(ok(await admin.post(method('frappe.ping')))).to.deep.equal({ message: 'pong' });
    });

    it('an unknown method answers 404 naming it', async () => {
      const answer = expectError(await admin.get(method('frappe.no.such.method')), 404, 'DoesNotExistError');
      expect(answer.body.message).to.contain('frappe.no.such.method');
      expectError(await admin.post(method('constructor')), 404, 'DoesNotExistError');
      expectError(await admin.get(method('__proto__')), 404, 'DoesNotExistError');
    });

    it('a method that writes refuses GET with 403 and writes nothing', async () => {
      const before = await rowCount(server.site, CUSTOMER);
      const calls: [string, Record<string, unknown>][] = [
        ['frappe.client.insert', { doc: { doctype: CUSTOMER, customer_name: 'By GET' } }],
        ['frappe.client.set_value', { doctype: CUSTOMER, name: 'Alpha', fieldname: 'employees', value: 99 }],
        ['frappe.client.delete', { doctype: CUSTOMER, name: 'Alpha' }],
        ['frappe.client.rename_doc', { doctype: CUSTOMER, old_name: 'Alpha', new_name: 'Alpha 2' }],
        ['logout', {}],
      ];
      for (const [name, params] of calls) {
        const answer = expectError(await admin.get(method(name), params), 403, 'PermissionError');
        expect(answer.body.message, name).to.contain('POST');
      }
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
      expect((await server.site.documents.get(CUSTOMER, 'Alpha')).employees).to.equal(10);
      // The session survived the refused logout.
      expect(ok(await admin.get(method('frappe.auth.get_logged_user'))).message).to.equal('Administrator');
    });

    it('a missing required argument is a 417 naming it', async () => {
      const answer = expectError(await admin.get(method('frappe.client.get_count')), 417, 'ValidationError');
      expect(errorFields(answer)).to.include('doctype');
    });
  });

  describe('frappe.client reads', () => {
    it('get_list answers dicts by default, arrays with as_dict=0, from a query string or a JSON body', async () => {
      const params = { doctype: CUSTOMER, fields: ['name', 'employees'], filters: { territory: 'North' }, order_by: 'employees asc' };
      expect(ok(await admin.get(method('frappe.client.get_list'), params)).message).to.deep.equal([
        { name: 'Alpha', employees: 10 },
        { name: 'Beta', employees: 20 },
      ]);
      expect(ok(await admin.get(method('frappe.client.get_list'), { ...params, as_dict: 0 })).message).to.deep.equal([
        ['Alpha', 10],
        ['Beta', 20],
      ]);
      expect(ok(await admin.post(method('frappe.client.get_list'), { ...params, limit_page_length: 1 })).message).to.deep.equal([{ name: 'Alpha', employees: 10 }]);
    });

    it('get_count counts what the filters match, or everything', async () => {
      expect(ok(await admin.get(method('frappe.client.get_count'), { doctype: CUSTOMER, filters: [['territory', '=', 'North']] })).message).to.equal(2);
      expect(ok(await admin.get(method('frappe.client.get_count'), { doctype: CUSTOMER, filters: { status: 'Active' } })).message).to.equal(2);
      expect(ok(await admin.get(method('frappe.client.get_count'), { doctype: CUSTOMER })).message).to.equal(await rowCount(server.site, CUSTOMER));
    });

    describe('get_value', () => {
      const getValue = (params: Record<string, unknown>) => admin.get(method('frappe.client.get_value'), { doctype: CUSTOMER, ...params });

      it('one fieldname, with filters as a plain name', async () => {
        expect(ok(await getValue({ fieldname: 'employees', filters: 'Beta' }))).to.deep.equal({ message: { employees: 20 } });
      });

      it('a JSON list of fieldnames, with filters as a JSON object', async () => {
        expect(ok(await getValue({ fieldname: ['territory', 'employees'], filters: { customer_name: 'Gamma' } })).message).to.deep.equal({ territory: 'South', employees: 30 });
      });

      it('fieldname [] (the SDK\'s default) means name; filters may be a JSON list', async () => {
        const raw = await admin.raw(`${method('frappe.client.get_value')}?doctype=${encodeURIComponent(CUSTOMER)}&fieldname=%5B%5D&filters=${encodeURIComponent('[["employees",">",25]]')}`);
        expect(raw.status).to.equal(200);
        expect(await raw.json()).to.deep.equal({ message: { name: 'Gamma' } });
      });

      it('as_dict=false answers the bare value for one field and a list for several', async () => {
        expect(ok(await getValue({ fieldname: 'employees', filters: 'Alpha', as_dict: 'false' }))).to.deep.equal({ message: 10 });
        expect(ok(await getValue({ fieldname: ['employees', 'status'], filters: 'Alpha', as_dict: 0 }))).to.deep.equal({ message: [10, 'Active'] });
      });

      it('no match answers {message: {}} with as_dict and no message key without', async () => {
        expect(ok(await getValue({ fieldname: 'employees', filters: 'Nobody' }))).to.deep.equal({ message: {} });
        expect(ok(await getValue({ fieldname: 'employees', filters: 'Nobody', as_dict: 'false' }))).to.deep.equal({});
      });

      it('on a Single reads the stored value; get_single_value too', async () => {
        expect(ok(await admin.get(method('frappe.client.get_value'), { doctype: 'API Settings', fieldname: 'company_name' })).message).to.deep.equal({ company_name: 'Tabula Test Ltd' });
        expect(ok(await admin.get(method('frappe.client.get_single_value'), { doctype: 'API Settings', field: 'page_size' }))).to.deep.equal({ message: 50 });
        const unknown = expectError(await admin.get(method('frappe.client.get_single_value'), { doctype: 'API Settings', field: 'nope' }), 417);
        expect(errorFields(unknown)).to.include('nope');
      });

      it('an unknown field is a 417 naming it', async () => {
        const answer = expectError(await getValue({ fieldname: 'nope', filters: 'Alpha' }), 417);
        expect(answer.body.message).to.contain('nope');
      });
    });

    it('get answers the document by name or by filters', async () => {
      const byName = ok(await admin.get(method('frappe.client.get'), { doctype: CUSTOMER, name: 'Beta' })).message;
      expect(byName).to.include({ doctype: CUSTOMER, name: 'Beta', employees: 20, territory: 'North' });
      expect(byName.contacts).to.deep.equal([]);
      const byFilters = ok(await admin.get(method('frappe.client.get'), { doctype: CUSTOMER, filters: { employees: 30 } })).message;
      expect(byFilters).to.include({ name: 'Gamma', territory: 'South' });
      expectError(await admin.get(method('frappe.client.get'), { doctype: CUSTOMER, name: 'Nobody' }), 404, 'DoesNotExistError');
    });

    it('validate_link answers the name (and asked fields) of an existing target, {} otherwise', async () => {
      expect(ok(await admin.get(method('frappe.client.validate_link'), { doctype: CUSTOMER, docname: 'alpha' })).message).to.deep.equal({ name: 'Alpha' });
      expect(ok(await admin.get(method('frappe.client.validate_link'), { doctype: CUSTOMER, docname: 'Alpha', fields: ['territory'] })).message).to.deep.equal({
        name: 'Alpha',
        territory: 'North',
      });
      expect(ok(await admin.get(method('frappe.client.validate_link'), { doctype: CUSTOMER, docname: 'Nobody' })).message).to.deep.equal({});
    });
  });

  describe('frappe.client writes', () => {
    it('set_value sets one field, or a JSON object of fields, and answers the document', async () => {
      await server.site.documents.insert(CUSTOMER, { customer_name: 'Setter' });
      const one = ok(await admin.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Setter', fieldname: 'employees', value: 5 })).message;
      expect(one).to.include({ name: 'Setter', employees: 5 });
      const many = ok(await admin.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Setter', fieldname: JSON.stringify({ employees: 6, status: 'Inactive' }) })).message;
      expect(many).to.include({ employees: 6, status: 'Inactive' });
      const asObject = ok(await admin.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Setter', fieldname: { territory: 'east' } })).message;
      expect(asObject.territory).to.equal('East');
      expect(await server.site.documents.get(CUSTOMER, 'Setter')).to.include({ employees: 6, status: 'Inactive', territory: 'East' });
    });

    it('set_value on a child row saves its parent with the row changed, and answers the parent', async () => {
      const parent = await server.site.documents.insert(CUSTOMER, { customer_name: 'RowSetter', contacts: [{ contact_name: 'Ann' }, { contact_name: 'Bob' }] });
      const rows = parent.contacts as { name: string; contact_name: string }[];
      const answer = ok(await admin.post(method('frappe.client.set_value'), { doctype: 'API Customer Contact', name: rows[1]!.name, fieldname: 'contact_name', value: 'Bea' })).message;
      expect(answer).to.include({ doctype: CUSTOMER, name: 'RowSetter' });
      expect(answer.contacts.map((r: { contact_name: string }) => r.contact_name)).to.deep.equal(['Ann', 'Bea']);
      const stored = await server.site.documents.get(CUSTOMER, 'RowSetter');
      expect((stored.contacts as { contact_name: string }[]).map((r) => r.contact_name)).to.deep.equal(['Ann', 'Bea']);
      expect(stored.modified).to.not.equal(parent.modified);
      // A reader may not change the parent, so not its rows either.
      expectError(await reader.post(method('frappe.client.set_value'), { doctype: 'API Customer Contact', name: rows[0]!.name, fieldname: 'contact_name', value: 'X' }), 403, 'PermissionError');
    });

    it('set_value validates like any save: a bad Select value is a 417 naming the field', async () => {
      const answer = expectError(await admin.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Alpha', fieldname: 'status', value: 'Sleeping' }), 417);
      expect(errorFields(answer)).to.include('status');
      expect((await server.site.documents.get(CUSTOMER, 'Alpha')).status).to.equal('Active');
    });

    it('insert creates from doc (JSON text or object); save updates a doc with a name', async () => {
      const inserted = ok(await admin.post(method('frappe.client.insert'), { doc: JSON.stringify({ doctype: CUSTOMER, customer_name: 'Inserted', employees: 1 }) })).message;
      expect(inserted).to.include({ doctype: CUSTOMER, name: 'Inserted', employees: 1 });
      const saved = ok(await admin.post(method('frappe.client.save'), { doc: { ...inserted, employees: 2, contacts: [{ contact_name: 'New Row' }] } })).message;
      expect(saved).to.include({ name: 'Inserted', employees: 2 });
      expect(saved.contacts.map((r: any) => [r.idx, r.contact_name])).to.deep.equal([[1, 'New Row']]);
      const stale = expectError(await admin.post(method('frappe.client.save'), { doc: { ...inserted, employees: 3 } }), 417, 'TimestampMismatchError');
      expect(stale.body.message).to.be.a('string');
      expect((await server.site.documents.get(CUSTOMER, 'Inserted')).employees).to.equal(2);
    });

    it('insert without doc.doctype is a 417', async () => {
      expect(errorFields(expectError(await admin.post(method('frappe.client.insert'), { doc: { customer_name: 'No Type' } }), 417))).to.include('doctype');
    });

    it('submit and cancel move a submittable document through docstatus 1 and 2', async () => {
      const order = ok(await admin.post(method('frappe.client.insert'), { doc: { doctype: 'API Order', customer: 'Alpha', amount: 10, items: [{ item: 'Pen', qty: 2, rate: 5 }] } })).message;
      expect(order).to.include({ docstatus: 0, customer: 'Alpha' });
      expect(order.name).to.match(/^ORD-\d{5}$/);
      const submitted = ok(await admin.post(method('frappe.client.submit'), { doc: { doctype: 'API Order', name: order.name, modified: order.modified } })).message;
      expect(submitted).to.include({ name: order.name, docstatus: 1 });
      expectError(await admin.post(method('frappe.client.set_value'), { doctype: 'API Order', name: order.name, fieldname: 'amount', value: 11 }), 417);
      const cancelled = ok(await admin.post(method('frappe.client.cancel'), { doctype: 'API Order', name: order.name })).message;
      expect(cancelled).to.include({ name: order.name, docstatus: 2 });
      expect(Number((await server.site.db.knex('tabAPI Order').where('name', order.name).first('docstatus')).docstatus)).to.equal(2);
    });

    it('delete answers {} (no message) and the document is gone', async () => {
      await server.site.documents.insert(CUSTOMER, { customer_name: 'Doomed' });
      const answer = await admin.post(method('frappe.client.delete'), { doctype: CUSTOMER, name: 'Doomed' });
      expect(ok(answer)).to.deep.equal({});
      expect(await server.site.documents.exists(CUSTOMER, 'Doomed')).to.equal(false);
    });

    describe('rename_doc', () => {
      it('renames and repoints links from other DocTypes', async () => {
        const docs = server.site.documents;
        await docs.insert(CUSTOMER, { customer_name: 'Old Name', contacts: [{ contact_name: 'Row' }] });
        await docs.insert('API Note', { title: 'Note on old', customer: 'Old Name' });
        const order = await docs.insert('API Order', { customer: 'Old Name' });
        const answer = ok(await admin.post(method('frappe.client.rename_doc'), { doctype: CUSTOMER, old_name: 'Old Name', new_name: 'New Name' }));
        expect(answer).to.deep.equal({ message: 'New Name' });
        expect(await docs.exists(CUSTOMER, 'Old Name')).to.equal(false);
        expect((await docs.get(CUSTOMER, 'New Name')).contacts).to.have.length(1);
        expect((await docs.get('API Note', 'Note on old')).customer).to.equal('New Name');
        expect((await docs.get('API Order', String(order.name))).customer).to.equal('New Name');
      });

      it('a DocType without allow_rename answers 417', async () => {
        await server.site.documents.insert('API Note', { title: 'Fixed Title' });
        expectError(await admin.post(method('frappe.client.rename_doc'), { doctype: 'API Note', old_name: 'Fixed Title', new_name: 'Other Title' }), 417, 'ValidationError');
        expect(await server.site.documents.exists('API Note', 'Fixed Title')).to.equal(true);
      });

      it('a target that exists answers 409 unless merging; merge folds the links into it', async () => {
        const docs = server.site.documents;
        await docs.insert(CUSTOMER, { customer_name: 'Merge From' });
        await docs.insert(CUSTOMER, { customer_name: 'Merge Into' });
        await docs.insert('API Note', { title: 'Note on merge', customer: 'Merge From' });
        expectError(await admin.post(method('frappe.client.rename_doc'), { doctype: CUSTOMER, old_name: 'Merge From', new_name: 'Merge Into' }), 409, 'DuplicateEntryError');
        expect(await docs.exists(CUSTOMER, 'Merge From')).to.equal(true);
        const merged = ok(await admin.post(method('frappe.client.rename_doc'), { doctype: CUSTOMER, old_name: 'Merge From', new_name: 'Merge Into', merge: 1 }));
        expect(merged.message).to.equal('Merge Into');
        expect(await docs.exists(CUSTOMER, 'Merge From')).to.equal(false);
        expect((await docs.get('API Note', 'Note on merge')).customer).to.equal('Merge Into');
      });
    });

    it('a user with read only gets 403 from every write and nothing changes', async () => {
      const before = await rowCount(server.site, CUSTOMER);
      expectError(await reader.post(method('frappe.client.insert'), { doc: { doctype: CUSTOMER, customer_name: 'Reader Made' } }), 403, 'PermissionError');
      expectError(await reader.post(method('frappe.client.set_value'), { doctype: CUSTOMER, name: 'Alpha', fieldname: 'employees', value: 1 }), 403, 'PermissionError');
      expectError(await reader.post(method('frappe.client.delete'), { doctype: CUSTOMER, name: 'Alpha' }), 403, 'PermissionError');
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
      expect((await server.site.documents.get(CUSTOMER, 'Alpha')).employees).to.equal(10);
    });
  });

  describe('desk methods', () => {
    it('search_link answers [{value, description?, label?}] matching the text', async () => {
      const options = ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: CUSTOMER, txt: 'alp' })).message;
      expect(options).to.deep.equal([{ value: 'Alpha', description: 'North' }]);
      const territories = ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: 'API Territory', txt: '' })).message as { value: string }[];
      expect(territories.map((o) => o.value).sort()).to.deep.equal(['East', 'North', 'South']);
      for (const option of territories) expect(Object.keys(option).every((k) => ['value', 'description', 'label'].includes(k))).to.equal(true);
      const filtered = ok(await admin.get(method('frappe.desk.search.search_link'), { doctype: CUSTOMER, txt: '', filters: { territory: 'South' } })).message;
      expect(filtered.map((o: any) => o.value)).to.deep.equal(['Gamma']);
    });

    it('reportview.get answers {keys, values, user_info}, or [] when nothing matches', async () => {
      const answer = ok(await admin.get(method('frappe.desk.reportview.get'), { doctype: CUSTOMER, fields: ['name', 'employees'], filters: { territory: 'North' }, order_by: 'employees desc' })).message;
      expect(answer).to.deep.equal({ keys: ['name', 'employees'], values: [['Beta', 20], ['Alpha', 10]], user_info: {} });
      expect(ok(await admin.post(method('frappe.desk.reportview.get'), { doctype: CUSTOMER, fields: ['name'], filters: { territory: 'Nowhere' } }))).to.deep.equal({ message: [] });
    });

    it('reportview.get pages with start and page_length', async () => {
      const answer = ok(await admin.get(method('frappe.desk.reportview.get'), { doctype: CUSTOMER, fields: ['name'], filters: { customer_name: ['in', ['Alpha', 'Beta', 'Gamma']] }, order_by: 'name asc', start: 1, page_length: 1 })).message;
      expect(answer.values).to.deep.equal([['Beta']]);
    });

    it('reportview.get_count counts with filters', async () => {
      expect(ok(await admin.get(method('frappe.desk.reportview.get_count'), { doctype: CUSTOMER, filters: [['status', '=', 'Inactive']] })).message).to.equal(
        Number((await server.site.db.knex('tabAPI Customer').where('status', 'Inactive').count({ n: '*' }).first())!.n),
      );
      expect(ok(await admin.get(method('frappe.desk.reportview.get_count'), { doctype: CUSTOMER, filters: { territory: 'South' } })).message).to.equal(1);
    });

    it('listview.get_group_by_count answers [{name, count}], most frequent first', async () => {
      const answer = ok(await admin.get(method('frappe.desk.listview.get_group_by_count'), { doctype: CUSTOMER, field: 'territory', current_filters: { customer_name: ['in', ['Alpha', 'Beta', 'Gamma']] } })).message;
      expect(answer).to.deep.equal([
        { name: 'North', count: 2 },
        { name: 'South', count: 1 },
      ]);
    });
  });

  describe('meta and boot', () => {
    it('tabula.desk.meta answers the DocType\'s fields, children, the caller\'s permissions and list settings', async () => {
      const meta = ok(await admin.get(method('tabula.desk.meta'), { doctype: CUSTOMER })).message;
      expect(meta.doctype.name).to.equal(CUSTOMER);
      expect(meta.doctype.fields.map((f: any) => f.fieldname)).to.include.members(['customer_name', 'territory', 'contacts']);
      expect(meta.doctype.fields.find((f: any) => f.fieldname === 'territory')).to.include({ fieldtype: 'Link', options: 'API Territory', label: 'Territory' });
      expect(meta.children).to.have.key('API Customer Contact');
      expect(meta.children['API Customer Contact'].fields.map((f: any) => f.fieldname)).to.deep.equal(['contact_name', 'phone']);
      expect(meta.permissions).to.include({ read: 'all', write: 'all', create: 'all', delete: 'all' });
      expect(meta.list_settings).to.include({ title_field: 'customer_name' });
      expect(meta.list_settings.list_view_fields).to.deep.equal(['customer_name', 'status']);
      expect(meta.list_settings.standard_filters).to.deep.equal(['territory']);
    });

    it('tabula.desk.meta tells a read-only user what they may do, and refuses a DocType they cannot read', async () => {
      const meta = ok(await reader.get(method('tabula.desk.meta'), { doctype: CUSTOMER })).message;
      expect(meta.permissions).to.include({ read: 'all', write: null, create: null, delete: null });
      expectError(await reader.get(method('tabula.desk.meta'), { doctype: 'API Order' }), 403, 'PermissionError');
      expectError(await admin.get(method('tabula.desk.meta'), { doctype: 'No Such DocType' }), 404, 'DoesNotExistError');
    });

    it('frappe.desk.form.load.getdoctype answers {docs: [the DocType, its child DocTypes]}', async () => {
      const body = ok(await admin.get(method('frappe.desk.form.load.getdoctype'), { doctype: CUSTOMER }));
      expect(body).to.have.key('docs');
      expect(body.docs.map((d: any) => [d.doctype, d.name])).to.deep.equal([
        ['DocType', CUSTOMER],
        ['DocType', 'API Customer Contact'],
      ]);
      expect(body.docs[0].fields.map((f: any) => f.fieldname)).to.include('customer_name');
    });

    it('tabula.desk.boot answers the user, roles, the session\'s CSRF token and the DocTypes they can read', async () => {
      const login = await fetch(`${server.base}/api/method/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ usr: 'reader@example.com', pwd: TEST_PASSWORD }) });
      const { csrf_token } = (await login.json()) as { csrf_token: string };
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const boot = ((await (await fetch(`${server.base}/api/method/tabula.desk.boot`, { headers: { Cookie: cookie } })).json()) as { message: any }).message;
      expect(boot.user).to.equal('reader@example.com');
      expect(boot.csrf_token).to.equal(csrf_token);
      expect(boot.roles).to.include('Sales User');
      const names = boot.doctypes.map((d: any) => d.name);
      expect(names).to.include.members([CUSTOMER, 'API Territory']);
      expect(names).to.not.include.members(['API Order', 'API Note', 'API Customer Contact']);
      const adminBoot = ok(await admin.get(method('tabula.desk.boot'))).message;
      expect(adminBoot.user).to.equal('Administrator');
      // As Frappe's get_roles("Administrator"): every role there is.
      expect(adminBoot.roles).to.include.members(['Administrator', 'System Manager', 'Sales User', 'All', 'Guest']);
      expect(adminBoot.doctypes.find((d: any) => d.name === 'API Order')).to.include({ is_submittable: 1, issingle: 0 });
      expect(adminBoot.doctypes.find((d: any) => d.name === 'API Settings')).to.include({ issingle: 1 });
    });
  });
});
