/**
 * The permission matrix over HTTP: two Sales Users restricted to different territories (User
 * Permissions on the Territory tree), a user whose role grants only their own documents (if_owner), a
 * user with no role on the CRM DocTypes, a Sales Manager, the Administrator and Guest. For each, every
 * endpoint that reads, counts, searches or writes answers exactly what they may reach and nothing
 * else: lists (filters, or_filters, "*", aggregates), single documents, frappe.client.*, desk search,
 * report view, sidebar counts, child rows and meta; permlevel-1 fields never appear for Sales Users
 * and their writes of them are ignored. Expectations are computed from the fixture tables.
 */
import { expect } from 'chai';
import { startTestServer, type ApiAnswer, type ApiClient, type TestServer } from '../support/api';
import { CRM_DOCTYPES } from '../fixtures/permissions/crm';
import {
  buildMatrix,
  CUSTOMERS,
  customersSeen,
  EMAIL,
  LEVEL_1,
  ORDERS,
  ordersSeen,
  READERS,
  TERRITORIES_SEEN,
  TERRITORY_NAMES,
  type Matrix,
} from '../fixtures/permissions/matrix';

const sorted = (values: unknown[]) => values.map(String).sort();

function ok<T = any>(answer: ApiAnswer<T>, label: string): T {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).to.equal(200);
  return answer.body;
}

function forbidden(answer: ApiAnswer, label: string): void {
  expect(answer.status, `${label}: expected 403, got ${answer.status} ${JSON.stringify(answer.body)}`).to.equal(403);
  expect(answer.body.exc_type, label).to.equal('PermissionError');
  expect(answer.body.data, `${label}: no data beside the error`).to.equal(undefined);
}

/** Names from a list answer (`data` rows). */
function namesOf(answer: ApiAnswer, label: string, key = 'name'): string[] {
  return sorted((ok(answer, label).data as Record<string, unknown>[]).map((r) => r[key]));
}

/** Counts by a key from rows of {key, n}. */
function countsBy(rows: Record<string, unknown>[], key: string, count: string): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [String(r[key] ?? ''), Number(r[count])]));
}

function expectedCounts(names: string[], keyOf: (name: string) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of names) {
    const key = keyOf(n) ?? '';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const customer = (name: string) => CUSTOMERS.find((c) => c.name === name)!;
const ALL_CUSTOMER_NAMES = CUSTOMERS.map((c) => c.name);
const ALL_ITEMS = ORDERS.map((o) => o.item);

describe('API: the permission matrix', () => {
  let server: TestServer;
  let m: Matrix;
  let as: Matrix['clients'];

  before(async () => {
    server = await startTestServer({ doctypes: CRM_DOCTYPES, label: 'perm_matrix', api: { requestsPerMinute: 100_000 } });
    m = await buildMatrix(server);
    as = m.clients;
  });
  after(() => server?.close());

  const knex = () => server.site.db.knex;
  const storedCustomer = (name: string) => knex()('tabCustomer').where('name', name).first();
  const storedOrder = (name: string) => knex()('tabSales Order').where('name', name).first();
  const storedItems = (order: string) => knex()('tabSales Order Item').where('parent', order).orderBy('idx').select();
  const countRows = async (table: string) => Number(((await knex()(table).count({ n: '*' }).first()) as { n: number | string }).n);

  describe('lists answer exactly the documents each user may read', () => {
    for (const who of READERS) {
      describe(who, () => {
        const seen = (where?: Parameters<typeof customersSeen>[1]) => customersSeen(who, where);

        it('GET /api/resource/Customer: their customers, whatever filters and or_filters aim at', async () => {
          const c = as[who];
          const list = (params: Record<string, unknown>) => c.get('/api/resource/Customer', { limit_page_length: 100, ...params });
          expect(namesOf(await list({}), 'plain list')).to.deep.equal(seen());
          expect(namesOf(await list({ filters: [['name', 'in', ALL_CUSTOMER_NAMES]] }), 'name in every customer')).to.deep.equal(seen());
          for (const territory of TERRITORY_NAMES)
            expect(namesOf(await list({ filters: { territory } }), `territory = ${territory}`), territory).to.deep.equal(seen((x) => x.territory === territory));
          expect(namesOf(await list({ filters: [['territory', 'descendants of (inclusive)', 'All Territories']] }), 'whole tree')).to.deep.equal(seen((x) => x.territory !== null));
          expect(namesOf(await list({ filters: [['territory', 'is', 'not set']] }), 'no territory')).to.deep.equal(seen((x) => x.territory === null));
          const orFilters = [
            ['territory', '=', 'South'],
            ['territory', '=', 'North'],
            ['territory', '=', 'All Territories'],
            ['customer_group', '=', 'Commercial'],
          ];
          expect(namesOf(await list({ or_filters: orFilters }), 'or_filters')).to.deep.equal(seen((x) => ['South', 'North', 'All Territories'].includes(x.territory ?? '') || x.group === 'Commercial'));
          expect(namesOf(await list({ filters: [['customer_name', 'like', '%']], or_filters: [['name', '=', 'Southern Sun'], ['name', '=', 'Nordic Foods']] }), 'or_filters by name')).to.deep.equal(
            seen((x) => ['Southern Sun', 'Nordic Foods'].includes(x.name)),
          );
        });

        it(`fields ["*"] and credit_limit by name: every visible row, credit_limit ${LEVEL_1[who] ? 'included' : 'never'}`, async () => {
          const star = ok(await as[who].get('/api/resource/Customer', { fields: ['*'], limit_page_length: 100 }), '*').data as Record<string, unknown>[];
          expect(sorted(star.map((r) => r.name))).to.deep.equal(seen());
          for (const row of star) {
            if (LEVEL_1[who]) expect(row.credit_limit, String(row.name)).to.equal(customer(String(row.name)).credit);
            else expect(row, String(row.name)).to.not.have.property('credit_limit');
          }
          const asked = ok(await as[who].get('/api/resource/Customer', { fields: ['name', 'credit_limit'], limit_page_length: 100 }), 'explicit').data as Record<string, unknown>[];
          expect(sorted(asked.map((r) => r.name))).to.deep.equal(seen());
          for (const row of asked) expect(Object.keys(row).sort(), String(row.name)).to.deep.equal(LEVEL_1[who] ? ['credit_limit', 'name'] : ['name']);
        });

        it('counts and aggregates count only their rows (group_by, count(*), get_count, reportview.get_count, get_group_by_count)', async () => {
          const c = as[who];
          const territoryOf = (n: string) => customer(n).territory;
          const grouped = ok(await c.get('/api/resource/Customer', { fields: ['territory', 'count(*) as n'], group_by: 'territory' }), 'group_by').data;
          expect(countsBy(grouped, 'territory', 'n')).to.deep.equal(expectedCounts(seen(), territoryOf));
          const total = ok(await c.get('/api/resource/Customer', { fields: ['count(name) as n'] }), 'count').data;
          expect(total).to.deep.equal([{ n: seen().length }]);
          expect(ok(await c.get('/api/method/frappe.client.get_count', { doctype: 'Customer' }), 'get_count').message).to.equal(seen().length);
          expect(ok(await c.get('/api/method/frappe.client.get_count', { doctype: 'Customer', filters: { territory: 'South' } }), 'get_count South').message).to.equal(seen((x) => x.territory === 'South').length);
          expect(ok(await c.get('/api/method/frappe.desk.reportview.get_count', { doctype: 'Customer', or_filters: [['territory', '=', 'North'], ['territory', '=', 'South']] }), 'reportview.get_count').message).to.equal(
            seen((x) => x.territory === 'North' || x.territory === 'South').length,
          );
          const sidebar = ok(await c.get('/api/method/frappe.desk.listview.get_group_by_count', { doctype: 'Customer', field: 'customer_group' }), 'get_group_by_count').message;
          expect(countsBy(sidebar, 'name', 'count')).to.deep.equal(expectedCounts(seen(), (n) => customer(n).group));
          const byTerritory = ok(await c.get('/api/method/frappe.desk.listview.get_group_by_count', { doctype: 'Customer', field: 'territory', current_filters: [['customer_group', '!=', 'Government']] }), 'sidebar territory').message;
          expect(countsBy(byTerritory, 'name', 'count')).to.deep.equal(expectedCounts(seen((x) => x.group !== 'Government'), territoryOf));
        });

        it('frappe.client.get_list (POST body, as the JS SDK) and frappe.desk.reportview.get', async () => {
          const c = as[who];
          const viaRpc = ok(await c.post('/api/method/frappe.client.get_list', { doctype: 'Customer', fields: ['name', 'territory'], filters: [['territory', 'in', TERRITORY_NAMES]], limit_page_length: 0 }), 'get_list').message;
          expect(sorted(viaRpc.map((r: Record<string, unknown>) => r.name))).to.deep.equal(seen((x) => x.territory !== null));
          const asList = ok(await c.get('/api/method/frappe.client.get_list', { doctype: 'Customer', fields: ['name'], as_dict: 0, limit_page_length: 100 }), 'as_dict=0').message;
          expect(sorted(asList.map((r: unknown[]) => r[0]))).to.deep.equal(seen());
          const report = ok(await c.get('/api/method/frappe.desk.reportview.get', { doctype: 'Customer', fields: ['name', 'customer_group'], page_length: 100 }), 'reportview.get').message;
          expect(report.keys).to.deep.equal(['name', 'customer_group']);
          expect(sorted(report.values.map((v: unknown[]) => v[0]))).to.deep.equal(seen());
        });

        it('frappe.desk.search.search_link on Customer and on Territory', async () => {
          const c = as[who];
          const search = async (doctype: string, txt: string) => ok(await c.get('/api/method/frappe.desk.search.search_link', { doctype, txt, page_length: 50 }), `search ${doctype} "${txt}"`).message as { value: string; description?: string }[];
          const customers = await search('Customer', '');
          expect(sorted(customers.map((o) => o.value))).to.deep.equal(seen());
          for (const option of customers) {
            const credit = String(customer(option.value).credit);
            if (LEVEL_1[who]) expect(option.description, option.value).to.include(credit);
            else expect(option.description ?? '', `${option.value}: no credit limit in the description`).to.not.include(credit);
          }
          expect(sorted((await search('Customer', 'sun')).map((o) => o.value))).to.deep.equal(seen((x) => x.name.toLowerCase().includes('sun')));
          // The description (search fields) is searched too: "South" reaches customers by territory.
          expect(sorted((await search('Customer', 'South')).map((o) => o.value))).to.deep.equal(seen((x) => x.territory === 'South' || x.name.includes('South')));
          expect(sorted((await search('Territory', '')).map((o) => o.value))).to.deep.equal([...TERRITORIES_SEEN[who]].sort());
        });

        it('Sales Orders, their items listed with parent=Sales Order, and filters on item fields', async () => {
          const c = as[who];
          const expected = ordersSeen(who);
          const orders = ok(await c.get('/api/resource/Sales Order', { fields: ['name', 'customer'], limit_page_length: 100 }), 'orders').data;
          expect(sorted(orders.map((r: Record<string, unknown>) => r.customer))).to.deep.equal(sorted(expected.map((o) => o.customer)));
          const items = ok(await c.get('/api/resource/Sales Order Item', { parent: 'Sales Order', fields: ['item_code', 'parent'], limit_page_length: 100 }), 'items').data;
          expect(sorted(items.map((r: Record<string, unknown>) => r.item_code))).to.deep.equal(sorted(expected.map((o) => o.item)));
          const byItem = ok(await c.get('/api/resource/Sales Order', { filters: [['Sales Order Item', 'item_code', 'in', ALL_ITEMS]], fields: ['customer'], limit_page_length: 100 }), 'child filter').data;
          expect(sorted(byItem.map((r: Record<string, unknown>) => r.customer))).to.deep.equal(sorted(expected.map((o) => o.customer)));
          const joined = ok(await c.get('/api/resource/Sales Order', { fields: ['name', 'items.item_code'], limit_page_length: 100 }), 'child column').data;
          expect(sorted(joined.map((r: Record<string, unknown>) => r.item_code))).to.deep.equal(sorted(expected.map((o) => o.item)));
          expect(ok(await c.get('/api/method/frappe.client.get_count', { doctype: 'Sales Order Item', parent: 'Sales Order' }), 'item count').message).to.equal(expected.length);
          const southern = ok(await c.get('/api/resource/Sales Order Item', { parent: 'Sales Order', filters: { item_code: 'SS-MANGO' }, fields: ['item_code'] }), 'one item').data;
          expect(southern.length).to.equal(expected.some((o) => o.item === 'SS-MANGO') ? 1 : 0);
        });
      });
    }

    it('a child DocType listed without its parent is refused for users, not answered unscoped', async () => {
      for (const who of ['north', 'owner', 'manager'] as const) {
        const answer = await as[who].get('/api/resource/Sales Order Item', { fields: ['item_code'] });
        expect(answer.status, who).to.equal(417);
        expect(answer.body.data, who).to.equal(undefined);
      }
    });
  });

  /** For each restricted user: a customer and an order they may not read, and a customer of their own. */
  const OUTSIDERS: { who: 'north' | 'south' | 'owner'; other: string; otherOrder: string; own: string; foreignTerritory?: string }[] = [
    { who: 'north', other: 'Southern Sun', otherOrder: 'Cape Supplies', own: 'Nordic Foods', foreignTerritory: 'South' },
    { who: 'south', other: 'Nordic Foods', otherOrder: 'Oslo Traders', own: 'Southern Sun', foreignTerritory: 'North' },
    { who: 'owner', other: 'Nordic Foods', otherOrder: 'Global Corp', own: 'Oslo Traders' },
  ];

  describe('documents outside the scope', () => {
    for (const { who, other, otherOrder, own, foreignTerritory } of OUTSIDERS) {
      describe(`${who} on ${other}`, () => {
        it('every read by name answers 403 or nothing: resource, frappe.client.get/get_value/validate_link, the order, its item row, the territory', async () => {
          const c = as[who];
          forbidden(await c.get(`/api/resource/Customer/${other}`), 'GET resource');
          forbidden(await c.get('/api/method/frappe.client.get', { doctype: 'Customer', name: other }), 'frappe.client.get');
          forbidden(await c.get(`/api/resource/Sales Order/${m.orderOf[otherOrder]}`), 'GET order');
          forbidden(await c.get(`/api/resource/Sales Order Item/${m.itemRowOf[otherOrder]}`), 'GET item row');
          forbidden(await c.get('/api/method/frappe.client.get', { doctype: 'Sales Order Item', name: m.itemRowOf[otherOrder], parent: 'Sales Order' }), 'frappe.client.get item row');
          expect(ok(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: other, fieldname: ['name', 'territory'] }), 'get_value by name')).to.deep.equal({ message: {} });
          expect(ok(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: { customer_name: other }, fieldname: 'territory', as_dict: 0 }), 'get_value as_dict=0')).to.deep.equal({});
          expect(ok(await c.get('/api/method/frappe.client.validate_link', { doctype: 'Customer', docname: other }), 'validate_link')).to.deep.equal({ message: {} });
          if (foreignTerritory)
            for (const territory of [foreignTerritory, 'All Territories']) {
              forbidden(await c.get(`/api/resource/Territory/${territory}`), `GET Territory ${territory}`);
              expect(ok(await c.get('/api/method/frappe.client.validate_link', { doctype: 'Territory', docname: territory }), 'validate_link Territory').message).to.deep.equal({});
            }
          const byFilters = await c.get('/api/method/frappe.client.get', { doctype: 'Customer', filters: { customer_name: other } });
          expect(byFilters.status, 'frappe.client.get by filters').to.not.equal(200);
          expect(JSON.stringify(byFilters.body)).to.not.include(String(customer(other).credit));
        });

        it('PUT, set_value and a PUT on its order answer 403 and change nothing', async () => {
          const c = as[who];
          const before = await storedCustomer(other);
          const orderBefore = await storedOrder(m.orderOf[otherOrder]!);
          forbidden(await c.put(`/api/resource/Customer/${other}`, { customer_group: 'Government', territory: null }), 'PUT');
          forbidden(await c.post('/api/method/frappe.client.set_value', { doctype: 'Customer', name: other, fieldname: 'customer_group', value: 'Government' }), 'set_value');
          forbidden(await c.post('/api/method/frappe.client.save', { doc: { doctype: 'Customer', name: other, customer_group: 'Government' } }), 'frappe.client.save');
          forbidden(await c.put(`/api/resource/Sales Order/${m.orderOf[otherOrder]}`, { items: [{ item_code: 'HIJACKED', qty: 1 }] }), 'PUT order');
          forbidden(await c.put(`/api/resource/Sales Order Item/${m.itemRowOf[otherOrder]}`, { item_code: 'HIJACKED' }), 'PUT item row');
          expect(await storedCustomer(other)).to.deep.equal(before);
          expect(await storedOrder(m.orderOf[otherOrder]!)).to.deep.equal(orderBefore);
          expect((await storedItems(m.orderOf[otherOrder]!)).map((r: Record<string, unknown>) => r.item_code)).to.deep.equal([ORDERS.find((o) => o.customer === otherOrder)!.item]);
        });

        it('DELETE and frappe.client.delete answer 403 and the row stays', async () => {
          const c = as[who];
          forbidden(await c.delete(`/api/resource/Customer/${other}`), 'DELETE');
          forbidden(await c.post('/api/method/frappe.client.delete', { doctype: 'Customer', name: other }), 'frappe.client.delete');
          forbidden(await c.delete(`/api/resource/Sales Order Item/${m.itemRowOf[otherOrder]}`), 'DELETE item row');
          expect(await storedCustomer(other)).to.not.equal(undefined);
          expect(await storedItems(m.orderOf[otherOrder]!)).to.have.length(1);
        });

        it('rename_doc of it, and merging their own customer into it, answer 403', async () => {
          const c = as[who];
          forbidden(await c.post('/api/method/frappe.client.rename_doc', { doctype: 'Customer', old_name: other, new_name: `${other} Renamed` }), 'rename');
          forbidden(await c.post('/api/method/frappe.client.rename_doc', { doctype: 'Customer', old_name: own, new_name: other, merge: 1 }), 'merge into it');
          expect(await storedCustomer(other)).to.not.equal(undefined);
          expect(await storedCustomer(own)).to.not.equal(undefined);
          expect(await storedCustomer(`${other} Renamed`)).to.equal(undefined);
          expect((await storedOrder(m.orderOf[own]!)).customer).to.equal(own);
        });

        if (foreignTerritory) {
          it(`creating a customer or an order in ${foreignTerritory} answers 403 and writes nothing`, async () => {
            const c = as[who];
            const customers = await countRows('tabCustomer');
            const orders = await countRows('tabSales Order');
            const items = await countRows('tabSales Order Item');
            forbidden(await c.post('/api/resource/Customer', { customer_name: `Intruder of ${who}`, territory: foreignTerritory }), 'POST');
            forbidden(await c.post('/api/method/frappe.client.insert', { doc: { doctype: 'Customer', customer_name: `Intruder of ${who}`, territory: foreignTerritory } }), 'frappe.client.insert');
            forbidden(await c.post('/api/resource/Sales Order', { customer: own, territory: foreignTerritory, items: [{ item_code: 'X', qty: 1 }] }), 'POST order');
            expect([await countRows('tabCustomer'), await countRows('tabSales Order'), await countRows('tabSales Order Item')]).to.deep.equal([customers, orders, items]);
          });

          it(`moving their own customer or order into ${foreignTerritory} answers 403 and leaves it where it was`, async () => {
            const c = as[who];
            const before = await storedCustomer(own);
            const orderBefore = await storedOrder(m.orderOf[own]!);
            forbidden(await c.put(`/api/resource/Customer/${own}`, { territory: foreignTerritory }), 'PUT territory');
            forbidden(await c.post('/api/method/frappe.client.set_value', { doctype: 'Customer', name: own, fieldname: { territory: foreignTerritory, customer_group: 'Government' } }), 'set_value territory');
            forbidden(await c.put(`/api/resource/Sales Order/${m.orderOf[own]}`, { territory: foreignTerritory }), 'PUT order territory');
            expect(await storedCustomer(own)).to.deep.equal(before);
            expect(await storedOrder(m.orderOf[own]!)).to.deep.equal(orderBefore);
          });
        }
      });
    }

    it('a Sales Manager restricted to North deletes inside North and gets 403 outside it', async () => {
      const c = as.northManager;
      await server.site.documents.insert('Customer', { customer_name: 'Temp North', territory: 'North East' });
      await server.site.documents.insert('Customer', { customer_name: 'Temp South', territory: 'South' });
      try {
        forbidden(await c.delete('/api/resource/Customer/Temp South'), 'DELETE outside');
        expect(await storedCustomer('Temp South')).to.not.equal(undefined);
        expect((await c.delete('/api/resource/Customer/Temp North')).status).to.equal(202);
        expect(await storedCustomer('Temp North')).to.equal(undefined);
        forbidden(await c.post('/api/method/frappe.client.submit', { doc: { doctype: 'Sales Order', name: m.orderOf['Southern Sun'] } }), 'submit outside');
        expect(Number((await storedOrder(m.orderOf['Southern Sun']!)).docstatus)).to.equal(0);
      } finally {
        await server.site.documents.delete('Customer', 'Temp South').catch(() => undefined);
        await server.site.documents.delete('Customer', 'Temp North').catch(() => undefined);
      }
    });
  });

  describe('inside the scope, the same calls work (the 403s above are about scope, not about the endpoints)', () => {
    it('north reads and edits its own customer, its order and item row, with cookie and with token credentials', async () => {
      for (const c of [as.north, m.northByToken]) {
        expect(ok(await c.get('/api/resource/Customer/Northeast Bakery'), 'GET descendant').data.territory).to.equal('North East');
        expect(ok(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: 'Drifter Ltd', fieldname: 'customer_group' }), 'get_value empty territory').message).to.deep.equal({ customer_group: 'Individual' });
        expect(ok(await c.get(`/api/resource/Sales Order Item/${m.itemRowOf['Nordic Foods']}`), 'item row').data.item_code).to.equal('NF-APPLES');
        expect(ok(await c.get('/api/method/frappe.client.get', { doctype: 'Sales Order Item', name: m.itemRowOf['Oslo Traders'], parent: 'Sales Order' }), 'get item row').message.item_code).to.equal('OT-HERRING');
      }
      const before = await storedCustomer('Nordic Foods');
      try {
        expect(ok(await as.north.put('/api/resource/Customer/Nordic Foods', { customer_group: 'Government', territory: 'North East' }), 'PUT').data.territory).to.equal('North East');
        expect(ok(await m.northByToken.post('/api/method/frappe.client.set_value', { doctype: 'Customer', name: 'Nordic Foods', fieldname: 'territory', value: 'North' }), 'set_value').message.territory).to.equal('North');
      } finally {
        await server.site.documents.save('Customer', 'Nordic Foods', { customer_group: before.customer_group, territory: before.territory });
      }
    });

    it('north creates customers in North East and with no territory; south (token) in South', async () => {
      try {
        expect(ok(await as.north.post('/api/resource/Customer', { customer_name: 'New North East', territory: 'North East' }), 'north NE').data.owner).to.equal(EMAIL.north);
        ok(await as.north.post('/api/method/frappe.client.insert', { doc: { doctype: 'Customer', customer_name: 'New Unplaced' } }), 'north empty');
        ok(await as.south.post('/api/resource/Customer', { customer_name: 'New South', territory: 'South' }), 'south');
        expect(namesOf(await as.south.get('/api/resource/Customer', { filters: [['name', 'like', 'New %']] }), 'south sees')).to.deep.equal(['New South', 'New Unplaced']);
      } finally {
        for (const name of ['New North East', 'New Unplaced', 'New South']) await server.site.documents.delete('Customer', name).catch(() => undefined);
      }
    });

    it('the if_owner user reads and edits own documents; a forged owner is not taken; new ones join only their list', async () => {
      const c = as.owner;
      expect(ok(await c.get('/api/resource/Customer/Cape Supplies'), 'GET own').data.territory).to.equal('South');
      ok(await c.put('/api/resource/Customer/Oslo Traders', { customer_group: 'Commercial' }), 'PUT own');
      try {
        const created = ok(await c.post('/api/resource/Customer', { customer_name: 'Owner Fresh', territory: 'South', owner: 'Administrator' }), 'POST').data;
        expect(created.owner).to.equal(EMAIL.owner);
        expect(namesOf(await c.get('/api/resource/Customer'), 'own list')).to.deep.equal(['Cape Supplies', 'Oslo Traders', 'Owner Fresh']);
        expect(namesOf(await as.north.get('/api/resource/Customer', { filters: { name: 'Owner Fresh' } }), 'north')).to.deep.equal([]);
      } finally {
        await server.site.documents.save('Customer', 'Oslo Traders', { customer_group: 'Government' });
        await server.site.documents.delete('Customer', 'Owner Fresh').catch(() => undefined);
      }
    });
  });

  describe('permlevel 1: credit_limit and discount_percentage', () => {
    for (const who of ['north', 'south'] as const) {
      const mine = who === 'north' ? 'Nordic Foods' : 'Southern Sun';

      it(`${who} never sees credit_limit: get, frappe.client.get, get_value (alone or beside readable fields)`, async () => {
        const c = as[who];
        expect(ok(await c.get(`/api/resource/Customer/${mine}`), 'GET').data).to.not.have.property('credit_limit');
        expect(ok(await c.get('/api/method/frappe.client.get', { doctype: 'Customer', name: mine }), 'client.get').message).to.not.have.property('credit_limit');
        forbidden(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: mine, fieldname: 'credit_limit' }), 'get_value credit_limit');
        expect(ok(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: mine, fieldname: ['customer_name', 'credit_limit'] }), 'get_value two').message).to.deep.equal({ customer_name: mine });
        forbidden(await c.get('/api/resource/Customer', { fields: ['sum(credit_limit) as total'] }), 'sum(credit_limit)');
        const disguised = ok(await c.get('/api/resource/Customer', { fields: ['name', 'credit_limit as cl', 'max(credit_limit) as top', '`tabCustomer`.`credit_limit`'], filters: { name: mine } }), 'aliases').data;
        expect(disguised).to.deep.equal([{ name: mine }]);
      });

      it(`${who} cannot probe credit_limit through filters, or_filters, order_by, group_by or sidebar counts`, async () => {
        const c = as[who];
        forbidden(await c.get('/api/resource/Customer', { filters: [['credit_limit', '>', 5000]] }), 'filters');
        forbidden(await c.get('/api/resource/Customer', { or_filters: [['credit_limit', '>', 5000]] }), 'or_filters');
        forbidden(await c.get('/api/resource/Customer', { order_by: 'credit_limit desc' }), 'order_by');
        forbidden(await c.get('/api/resource/Customer', { order_by: '`tabCustomer`.`credit_limit` desc' }), 'order_by quoted');
        forbidden(await c.get('/api/resource/Customer', { fields: ['count(*) as n'], group_by: 'credit_limit' }), 'group_by');
        forbidden(await c.get('/api/method/frappe.client.get_count', { doctype: 'Customer', filters: { credit_limit: customer(mine).credit } }), 'get_count');
        forbidden(await c.get('/api/method/frappe.desk.listview.get_group_by_count', { doctype: 'Customer', field: 'credit_limit' }), 'sidebar');
        forbidden(await c.get('/api/resource/Sales Order', { filters: [['Sales Order Item', 'discount_percentage', '>', 0]] }), 'child permlevel filter');
      });

      it(`${who}'s writes of credit_limit are ignored (PUT, set_value, POST) and the stored value stays`, async () => {
        const c = as[who];
        const stored = Number((await storedCustomer(mine)).credit_limit);
        ok(await c.put(`/api/resource/Customer/${mine}`, { credit_limit: 1, customer_group: customer(mine).group }), 'PUT');
        ok(await c.post('/api/method/frappe.client.set_value', { doctype: 'Customer', name: mine, fieldname: 'credit_limit', value: 2 }), 'set_value');
        expect(Number((await storedCustomer(mine)).credit_limit)).to.equal(stored);
        try {
          ok(await c.post('/api/resource/Customer', { customer_name: `Limitless ${who}`, territory: customer(mine).territory, credit_limit: 999999 }), 'POST');
          expect(Number((await storedCustomer(`Limitless ${who}`)).credit_limit ?? 0)).to.equal(0);
        } finally {
          await server.site.documents.delete('Customer', `Limitless ${who}`).catch(() => undefined);
        }
      });
    }

    it('north does not see discount_percentage of item rows and its edits keep the stored one; new rows get none', async () => {
      const order = m.orderOf['Nordic Foods']!;
      const c = as.north;
      const doc = ok(await c.get(`/api/resource/Sales Order/${order}`), 'GET order').data;
      expect(doc.items).to.have.length(1);
      expect(doc.items[0]).to.not.have.property('discount_percentage');
      const rows = ok(await c.get('/api/resource/Sales Order Item', { parent: 'Sales Order', fields: ['*'] }), 'item list').data;
      for (const row of rows) expect(row, String(row.item_code)).to.not.have.property('discount_percentage');
      const joined = ok(await c.get('/api/resource/Sales Order', { fields: ['name', 'items.discount_percentage'], filters: { name: order } }), 'child column').data;
      expect(joined).to.deep.equal([{ name: order }]);
      const storedRow = (await storedItems(order))[0];
      try {
        ok(await c.put(`/api/resource/Sales Order/${order}`, { items: [{ ...doc.items[0], qty: 9, discount_percentage: 99 }, { item_code: 'NF-PEARS', qty: 1, discount_percentage: 98 }] }), 'PUT items');
        const after = await storedItems(order);
        expect(after.map((r: Record<string, unknown>) => [r.item_code, Number(r.qty), Number(r.discount_percentage ?? 0)])).to.deep.equal([
          ['NF-APPLES', 9, 5],
          ['NF-PEARS', 1, 0],
        ]);
      } finally {
        await server.site.documents.save('Sales Order', order, { items: [{ name: storedRow.name, item_code: 'NF-APPLES', qty: 2, rate: 10, discount_percentage: 5 }] });
      }
    });

    it('the Sales Manager sees credit_limit and discount_percentage and writes credit_limit', async () => {
      const c = as.manager;
      expect(ok(await c.get('/api/resource/Customer/Southern Sun'), 'GET').data.credit_limit).to.equal(9444);
      expect(ok(await c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: 'Global Corp', fieldname: 'credit_limit' }), 'get_value').message).to.deep.equal({ credit_limit: 20666 });
      expect(ok(await c.get(`/api/resource/Sales Order/${m.orderOf['Cape Supplies']}`), 'order').data.items[0].discount_percentage).to.equal(13);
      try {
        ok(await c.put('/api/resource/Customer/Southern Sun', { credit_limit: 9999 }), 'PUT');
        expect(Number((await storedCustomer('Southern Sun')).credit_limit)).to.equal(9999);
      } finally {
        await server.site.documents.save('Customer', 'Southern Sun', { credit_limit: 9444 });
      }
    });
  });

  /** Every read endpoint, with arguments aimed at a document that exists. */
  const READS: [label: string, call: (c: ApiClient, m: Matrix) => Promise<ApiAnswer>][] = [
    ['GET /api/resource/Customer', (c) => c.get('/api/resource/Customer')],
    ['GET /api/resource/Customer with filters', (c) => c.get('/api/resource/Customer', { filters: { territory: 'North' }, fields: ['*'] })],
    ['GET /api/resource/Customer/<name>', (c) => c.get('/api/resource/Customer/Nordic Foods')],
    ['GET /api/v1/resource/Customer', (c) => c.get('/api/v1/resource/Customer')],
    ['GET /api/resource/Sales Order/<name>', (c, m) => c.get(`/api/resource/Sales Order/${m.orderOf['Nordic Foods']}`)],
    ['GET /api/resource/Sales Order Item (parent=Sales Order)', (c) => c.get('/api/resource/Sales Order Item', { parent: 'Sales Order' })],
    ['GET /api/resource/Sales Order Item/<row>', (c, m) => c.get(`/api/resource/Sales Order Item/${m.itemRowOf['Nordic Foods']}`)],
    ['GET /api/resource/Territory', (c) => c.get('/api/resource/Territory')],
    ['frappe.client.get_list', (c) => c.get('/api/method/frappe.client.get_list', { doctype: 'Customer' })],
    ['frappe.client.get_count', (c) => c.get('/api/method/frappe.client.get_count', { doctype: 'Customer' })],
    ['frappe.client.get_value', (c) => c.get('/api/method/frappe.client.get_value', { doctype: 'Customer', filters: 'Nordic Foods', fieldname: 'territory' })],
    ['frappe.client.get', (c) => c.get('/api/method/frappe.client.get', { doctype: 'Customer', name: 'Nordic Foods' })],
    ['frappe.client.validate_link', (c) => c.get('/api/method/frappe.client.validate_link', { doctype: 'Customer', docname: 'Nordic Foods' })],
    ['search_link Customer', (c) => c.get('/api/method/frappe.desk.search.search_link', { doctype: 'Customer', txt: 'Nor' })],
    ['search_link Territory', (c) => c.get('/api/method/frappe.desk.search.search_link', { doctype: 'Territory', txt: '' })],
    ['frappe.desk.reportview.get', (c) => c.get('/api/method/frappe.desk.reportview.get', { doctype: 'Customer', fields: ['name'] })],
    ['frappe.desk.reportview.get_count', (c) => c.get('/api/method/frappe.desk.reportview.get_count', { doctype: 'Customer' })],
    ['frappe.desk.listview.get_group_by_count', (c) => c.get('/api/method/frappe.desk.listview.get_group_by_count', { doctype: 'Customer', field: 'territory' })],
    ['tabula.desk.meta', (c) => c.get('/api/method/tabula.desk.meta', { doctype: 'Customer' })],
    ['frappe.desk.form.load.getdoctype', (c) => c.get('/api/method/frappe.desk.form.load.getdoctype', { doctype: 'Customer' })],
  ];

  /** Every write endpoint, aimed at existing documents (or creating one). */
  const WRITES: [label: string, call: (c: ApiClient, m: Matrix) => Promise<ApiAnswer>][] = [
    ['POST /api/resource/Customer', (c) => c.post('/api/resource/Customer', { customer_name: 'Gatecrasher', territory: 'North' })],
    ['PUT /api/resource/Customer/<name>', (c) => c.put('/api/resource/Customer/Nordic Foods', { customer_group: 'Government' })],
    ['DELETE /api/resource/Customer/<name>', (c) => c.delete('/api/resource/Customer/Drifter Ltd')],
    ['frappe.client.insert', (c) => c.post('/api/method/frappe.client.insert', { doc: { doctype: 'Customer', customer_name: 'Gatecrasher' } })],
    ['frappe.client.set_value', (c) => c.post('/api/method/frappe.client.set_value', { doctype: 'Customer', name: 'Nordic Foods', fieldname: 'customer_group', value: 'Government' })],
    ['frappe.client.delete', (c) => c.post('/api/method/frappe.client.delete', { doctype: 'Customer', name: 'Drifter Ltd' })],
    ['frappe.client.rename_doc', (c) => c.post('/api/method/frappe.client.rename_doc', { doctype: 'Customer', old_name: 'Drifter Ltd', new_name: 'Drifted' })],
    ['frappe.client.submit', (c, m) => c.post('/api/method/frappe.client.submit', { doc: { doctype: 'Sales Order', name: m.orderOf['Nordic Foods'] } })],
  ];

  /** The table rows, to prove a refused write wrote nothing. */
  async function snapshot() {
    return {
      customers: await knex()('tabCustomer').orderBy('name').select(),
      orders: await knex()('tabSales Order').orderBy('name').select(),
    };
  }

  describe('a user with no role on the CRM DocTypes', () => {
    it('gets 403 from every read endpoint, with token and with cookie credentials', async () => {
      for (const client of [as.noread, m.noreadByCookie])
        for (const [label, call] of READS) {
          const answer = await call(client, m);
          forbidden(answer, `${label} (${client === as.noread ? 'token' : 'cookie'})`);
          expect(JSON.stringify(answer.body), label).to.not.match(/Nordic|NF-APPLES|5111/);
        }
    });

    it('gets 403 from every write endpoint, and nothing changes', async () => {
      const before = await snapshot();
      for (const [label, call] of WRITES) forbidden(await call(m.noreadByCookie, m), label);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('is told nothing of the CRM DocTypes by the boot data', async () => {
      const boot = ok(await as.noread.get('/api/method/tabula.desk.boot'), 'boot').message;
      expect(boot.user).to.equal(EMAIL.noread);
      expect(boot.doctypes.map((d: { name: string }) => d.name)).to.not.include.members(['Customer', 'Sales Order', 'Territory']);
      const north = ok(await as.north.get('/api/method/tabula.desk.boot'), 'north boot').message;
      expect(north.doctypes.map((d: { name: string }) => d.name)).to.include.members(['Customer', 'Sales Order', 'Territory']);
    });
  });

  describe('Guest', () => {
    it('gets 403 from every read endpoint', async () => {
      for (const [label, call] of READS) forbidden(await call(server.guest, m), label);
    });

    it('gets 403 from every write endpoint, and nothing changes', async () => {
      const before = await snapshot();
      for (const [label, call] of WRITES) forbidden(await call(server.guest, m), label);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('may call frappe.ping and log in', async () => {
      expect(ok(await server.guest.get('/api/method/frappe.ping'), 'ping')).to.deep.equal({ message: 'pong' });
      expect(ok(await server.guest.post('/api/method/login', { usr: EMAIL.south, pwd: 'correct horse battery staple' }), 'login').message).to.equal('Logged In');
      expect(ok(await server.guest.get('/api/method/frappe.auth.get_logged_user'), 'logged user').message).to.equal('Guest');
    });
  });

  describe('tabula.desk.meta: permission flags and permlevel fields per user', () => {
    const fieldnames = (answer: any) => answer.message.doctype.fields.map((f: { fieldname: string }) => f.fieldname);

    it('a Sales User: read/write/create on all documents, no delete or submit; credit_limit and discount_percentage absent', async () => {
      const customerMeta = ok(await as.north.get('/api/method/tabula.desk.meta', { doctype: 'Customer' }), 'Customer meta');
      expect(customerMeta.message.permissions).to.include({ read: 'all', write: 'all', create: 'all', report: 'all', delete: null, submit: null, export: null });
      expect(customerMeta.message.permissions.read_levels).to.deep.equal([0]);
      expect(fieldnames(customerMeta)).to.include('territory').and.not.include('credit_limit');
      expect(customerMeta.message.list_settings.list_view_fields).to.deep.equal(['customer_name', 'territory']);
      const orderMeta = ok(await as.south.get('/api/method/tabula.desk.meta', { doctype: 'Sales Order' }), 'Sales Order meta');
      expect(orderMeta.message.permissions).to.include({ submit: null, cancel: null, delete: null });
      expect(orderMeta.message.children['Sales Order Item'].fields.map((f: { fieldname: string }) => f.fieldname)).to.deep.equal(['item_code', 'qty', 'rate']);
    });

    it('the Sales Manager: delete, and submit/cancel/amend on the submittable order; permlevel-1 fields present', async () => {
      const customerMeta = ok(await as.manager.get('/api/method/tabula.desk.meta', { doctype: 'Customer' }), 'Customer meta');
      expect(customerMeta.message.permissions).to.include({ read: 'all', delete: 'all', export: 'all', submit: null });
      expect(customerMeta.message.permissions.read_levels).to.deep.equal([0, 1]);
      expect(fieldnames(customerMeta)).to.include('credit_limit');
      const orderMeta = ok(await as.manager.get('/api/method/tabula.desk.meta', { doctype: 'Sales Order' }), 'Sales Order meta');
      expect(orderMeta.message.permissions).to.include({ submit: 'all', cancel: 'all', amend: 'all', delete: 'all' });
      expect(orderMeta.message.children['Sales Order Item'].fields.map((f: { fieldname: string }) => f.fieldname)).to.include('discount_percentage');
    });

    it('the if_owner user: rights on own documents only ("owner"), no permlevel 1', async () => {
      const meta = ok(await as.owner.get('/api/method/tabula.desk.meta', { doctype: 'Customer' }), 'Customer meta');
      expect(meta.message.permissions).to.include({ read: 'owner', write: 'owner', create: 'owner', select: 'owner', delete: null });
      expect(fieldnames(meta)).to.not.include('credit_limit');
    });

    it('getdoctype leaves out permlevel-1 fields of the DocType and its child tables for a Sales User', async () => {
      const docs = ok(await as.north.get('/api/method/frappe.desk.form.load.getdoctype', { doctype: 'Sales Order' }), 'getdoctype').docs;
      const item = docs.find((d: { name: string }) => d.name === 'Sales Order Item');
      expect(item.fields.map((f: { fieldname: string }) => f.fieldname)).to.not.include('discount_percentage');
      const customerDocs = ok(await as.south.get('/api/method/frappe.desk.form.load.getdoctype', { doctype: 'Customer' }), 'getdoctype Customer').docs;
      const customerDoc = customerDocs.find((d: { name: string }) => d.name === 'Customer');
      expect(customerDoc.fields.map((f: { fieldname: string }) => f.fieldname)).to.deep.equal(['customer_name', 'territory', 'customer_group']);
    });
  });
});
