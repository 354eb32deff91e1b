/**
 * UserAccess (core/permissions/access.ts, user-permissions.ts) and the SQL it becomes
 * (core/query/scope.ts): who a user is (roles, automatic roles, disabled users), what each DocType
 * grants them (child tables through their parents), the scope of a right (own documents, User
 * Permissions with tree expansion, applicable_for, ignore_user_permissions, empty links), assert() on
 * documents inside and outside it, and the permlevel masks on reading and writing.
 */
import { expect } from 'chai';
import { AuthenticationError, PermissionError } from '../../../core/errors';
import { UserAccess, type Scope } from '../../../core/permissions';
import { applyParentScope, applyScope } from '../../../core/query/scope';
import { rejectsWith } from '../../support/reject';
import { createTestSite, type TestSite } from '../../support/site';
import { AUTOMATIC_ROLE_DOCTYPES, CHILD_DOCTYPES } from '../../fixtures/permissions/access-doctypes';
import { addUser, CRM_DOCTYPES, installRolesAndTerritories, restrict } from '../../fixtures/permissions/crm';

const NORTH = ['North', 'North East'];
const ALL_TERRITORIES = ['All Territories', 'North', 'North East', 'South'];

describe('permissions: UserAccess', () => {
  let site: TestSite;
  const load = (user: string) => UserAccess.load(site.db.knex, site.registry, user);
  const meta = (doctype: string) => site.registry.get(doctype);

  before(async () => {
    site = await createTestSite({ label: 'perm_access', doctypes: [...CRM_DOCTYPES, ...AUTOMATIC_ROLE_DOCTYPES, ...CHILD_DOCTYPES] });
    const docs = site.documents;
    await installRolesAndTerritories(docs);
    for (const role_name of ['Quoter', 'Biller']) await docs.insert('Role', { role_name });
    await addUser(docs, 'sales@ex.com', ['Sales User']);
    await addUser(docs, 'north@ex.com', ['Sales User']);
    await restrict(docs, 'north@ex.com', 'Territory', 'North', { isDefault: true });
    await addUser(docs, 'northmgr@ex.com', ['Sales Manager']);
    await restrict(docs, 'northmgr@ex.com', 'Territory', 'North');
    await addUser(docs, 'hidden@ex.com', ['Sales User']);
    await restrict(docs, 'hidden@ex.com', 'Territory', 'North', { hideDescendants: true });
    await addUser(docs, 'top@ex.com', ['Sales User']);
    await restrict(docs, 'top@ex.com', 'Territory', 'All Territories');
    await addUser(docs, 'custonly@ex.com', ['Sales User']);
    await restrict(docs, 'custonly@ex.com', 'Territory', 'South', { applicableFor: 'Customer' });
    await addUser(docs, 'mixed@ex.com', ['Sales User']);
    await restrict(docs, 'mixed@ex.com', 'Territory', 'North');
    await restrict(docs, 'mixed@ex.com', 'Territory', 'South', { applicableFor: 'Customer' });
    await addUser(docs, 'own@ex.com', ['Own Only']);
    await addUser(docs, 'plain@ex.com');
    await addUser(docs, 'web@ex.com', [], { user_type: 'Website User' });
    await addUser(docs, 'off@ex.com', ['Sales User'], { enabled: 0 });
    await addUser(docs, 'quoter@ex.com', ['Quoter']);
    await addUser(docs, 'biller@ex.com', ['Biller']);
    await addUser(docs, 'both@ex.com', ['Quoter', 'Biller']);
    // Customers over the tree and an empty one, one of them by the if_owner user; an order in North and in South.
    for (const [customer_name, territory] of [
      ['C North', 'North'],
      ['C North East', 'North East'],
      ['C South', 'South'],
      ['C Top', 'All Territories'],
      ['C Null', null],
      ['C Blank', null],
    ] as const)
      await docs.insert('Customer', { customer_name, territory });
    // An empty string, as older data may hold, must count as empty as NULL does.
    await site.db.knex('tabCustomer').where('name', 'C Blank').update({ territory: '' });
    const own = await load('own@ex.com');
    await docs.as({ user: 'own@ex.com' }, own).insert('Customer', { customer_name: 'C Own', territory: 'South' });
    for (const [customer, territory, item] of [
      ['C North', 'North', 'N-1'],
      ['C South', 'South', 'S-1'],
    ])
      await docs.insert('Sales Order', { customer, territory, items: [{ item_code: item, qty: 1 }] });
  });
  after(() => site.destroy());

  describe('who the user is', () => {
    it('gives every logged-in System User the automatic roles Guest, All and Desk User besides their own', async () => {
      expect([...(await load('sales@ex.com')).roles].sort()).to.deep.equal(['All', 'Desk User', 'Guest', 'Sales User']);
      expect([...(await load('plain@ex.com')).roles].sort()).to.deep.equal(['All', 'Desk User', 'Guest']);
    });

    it('gives a Website User Guest and All but not Desk User', async () => {
      expect([...(await load('web@ex.com')).roles].sort()).to.deep.equal(['All', 'Guest']);
    });

    it('gives Guest only the Guest role', async () => {
      expect([...(await load('Guest')).roles]).to.deep.equal(['Guest']);
    });

    it('opens each DocType to the automatic role its rows name, and to no one else', async () => {
      const readable = async (user: string) => {
        const access = await load(user);
        return AUTOMATIC_ROLE_DOCTYPES.map((d) => d.name).filter((d) => access.can(meta(d), 'read'));
      };
      expect(await readable('Guest')).to.deep.equal(['AR Bulletin']);
      expect(await readable('web@ex.com')).to.deep.equal(['AR Bulletin', 'AR Memo']);
      expect(await readable('plain@ex.com')).to.deep.equal(['AR Bulletin', 'AR Memo', 'AR Desk Note']);
    });

    it('refuses to load a disabled user or one that does not exist (AuthenticationError)', async () => {
      await rejectsWith(load('off@ex.com'), AuthenticationError);
      await rejectsWith(load('nobody@ex.com'), AuthenticationError);
    });

    it('lets Guest have only what Guest rows grant: no right on the CRM DocTypes', async () => {
      const guest = await load('Guest');
      for (const doctype of ['Customer', 'Sales Order', 'Territory', 'Sales Order Item', 'User']) expect(guest.rights(meta(doctype)).grants.size, doctype).to.equal(0);
      await rejectsWith(guest.scope(meta('Customer'), 'read'), PermissionError);
      await rejectsWith(Promise.resolve(guest.assert({ user: 'Guest' }, meta('Customer'), 'read')), PermissionError);
    });
  });

  describe('Administrator', () => {
    it('has every right on every DocType, with an unrestricted scope', async () => {
      const admin = await load('Administrator');
      expect(admin.isAdministrator).to.equal(true);
      for (const right of ['read', 'write', 'create', 'delete', 'submit', 'cancel', 'amend'] as const) expect(admin.can(meta('Sales Order'), right), right).to.equal(true);
      expect(await admin.scope(meta('Customer'), 'delete')).to.deep.equal({ restrictions: [] });
      expect(admin.fieldReadable(meta('Customer'), 1) && admin.fieldWritable(meta('Customer'), 7)).to.equal(true);
    });

    it('passes assert() on any document and sees and writes every field', async () => {
      const admin = await load('Administrator');
      await admin.assert({ user: 'Administrator' }, meta('Customer'), 'delete', { name: 'X', owner: 'someone@ex.com', territory: 'Nowhere' });
      const doc = { name: 'X', credit_limit: 500 };
      expect(admin.maskRead(meta('Customer'), doc)).to.deep.equal(doc);
      expect(admin.maskWrite(meta('Customer'), { credit_limit: 9 })).to.deep.equal({ credit_limit: 9 });
    });
  });

  describe('rights per DocType', () => {
    it('gives Sales User the rows of the Sales User role; submit and permlevel 1 stay closed', async () => {
      const sales = await load('sales@ex.com');
      const order = meta('Sales Order');
      expect(['read', 'write', 'create', 'report', 'delete', 'submit'].map((r) => sales.grant(order, r as 'read'))).to.deep.equal(['all', 'all', 'all', 'all', undefined, undefined]);
      expect([sales.fieldReadable(order, 0), sales.fieldReadable(order, 1), sales.fieldWritable(order, 1)]).to.deep.equal([true, false, false]);
    });

    it('lets read stand in for select (link pickers), keeping "owner" when read is only on own documents', async () => {
      expect((await load('sales@ex.com')).grant(meta('Customer'), 'select')).to.equal('all');
      expect((await load('own@ex.com')).grant(meta('Customer'), 'select')).to.equal('owner');
      expect((await load('plain@ex.com')).grant(meta('Customer'), 'select')).to.equal(undefined);
    });

    it('gives a child table the rights of the DocType holding it, permlevels included', async () => {
      const item = meta('Sales Order Item');
      const sales = await load('sales@ex.com');
      expect(sales.grant(item, 'read')).to.equal('all');
      expect([sales.fieldReadable(item, 1), sales.fieldWritable(item, 0)]).to.deep.equal([false, true]);
      expect((await load('own@ex.com')).grant(item, 'read')).to.equal('owner');
      expect((await load('northmgr@ex.com')).fieldWritable(item, 1)).to.equal(true);
      expect((await load('plain@ex.com')).rights(item).grants.size).to.equal(0);
    });

    it('gives a child table held by two parents the union of their rights ("all" wins over "owner")', async () => {
      const line = meta('AC Line');
      const quoter = await load('quoter@ex.com');
      expect([quoter.grant(line, 'read'), quoter.grant(line, 'delete'), quoter.fieldReadable(line, 1), quoter.fieldWritable(line, 1)]).to.deep.equal(['all', undefined, true, false]);
      const biller = await load('biller@ex.com');
      expect([biller.grant(line, 'read'), biller.grant(line, 'delete'), biller.fieldWritable(line, 1)]).to.deep.equal(['owner', 'owner', true]);
      const both = await load('both@ex.com');
      expect([both.grant(line, 'read'), both.grant(line, 'write'), both.grant(line, 'delete'), both.fieldWritable(line, 1)]).to.deep.equal(['all', 'all', 'owner', true]);
    });

    it('gives a child table that no DocType holds no rights', async () => {
      expect((await load('both@ex.com')).rights(meta('AC Orphan Row')).grants.size).to.equal(0);
    });
  });

  describe('scope(): own documents and User Permissions', () => {
    it('is unrestricted for a role granting all documents and no User Permissions', async () => {
      expect(await (await load('sales@ex.com')).scope(meta('Customer'), 'read')).to.deep.equal({ restrictions: [] });
    });

    it('names the user as owner when only if_owner rows grant the right', async () => {
      const scope = await (await load('own@ex.com')).scope(meta('Customer'), 'write');
      // Only `owner` marks a Customer as the user's own (no owner_fields on it).
      expect(scope).to.deep.equal({ owner: 'own@ex.com', ownerColumns: ['owner'], restrictions: [] });
    });

    it('throws PermissionError for a right the roles do not grant', async () => {
      await rejectsWith((await load('sales@ex.com')).scope(meta('Customer'), 'delete'), PermissionError);
      await rejectsWith((await load('plain@ex.com')).scope(meta('Customer'), 'read'), PermissionError);
    });

    it('restricts every Link to the allowed DocType, allowing empty values, and expands a group node to its descendants', async () => {
      const scope = await (await load('north@ex.com')).scope(meta('Customer'), 'read');
      expect(scope.owner).to.equal(undefined);
      expect(scope.restrictions.map((r) => ({ ...r, values: [...r.values].sort() }))).to.deep.equal([{ fieldname: 'territory', allow: 'Territory', values: NORTH, allowEmpty: true }]);
    });

    it('restricts the allowed DocType itself by name (no empty names), skipping links that ignore User Permissions', async () => {
      const scope = await (await load('north@ex.com')).scope(meta('Territory'), 'read');
      expect(scope.restrictions.map((r) => ({ ...r, values: [...r.values].sort() }))).to.deep.equal([{ fieldname: 'name', allow: 'Territory', values: NORTH, allowEmpty: false }]);
    });

    it('allows only the node itself with hide_descendants', async () => {
      const scope = await (await load('hidden@ex.com')).scope(meta('Customer'), 'read');
      expect(scope.restrictions.map((r) => r.values)).to.deep.equal([['North']]);
    });

    it('allows the whole tree below a root node', async () => {
      const scope = await (await load('top@ex.com')).scope(meta('Customer'), 'read');
      expect([...scope.restrictions[0]!.values].sort()).to.deep.equal(ALL_TERRITORIES);
    });

    it('applies an applicable_for row only to that DocType; apply_to_all_doctypes rows to all', async () => {
      const custonly = await load('custonly@ex.com');
      expect((await custonly.scope(meta('Customer'), 'read')).restrictions.map((r) => [r.fieldname, r.values])).to.deep.equal([['territory', ['South']]]);
      expect((await custonly.scope(meta('Sales Order'), 'read')).restrictions).to.deep.equal([]);
      expect((await custonly.scope(meta('Territory'), 'read')).restrictions).to.deep.equal([]);
      const mixed = await load('mixed@ex.com');
      expect([...(await mixed.scope(meta('Customer'), 'read')).restrictions[0]!.values].sort()).to.deep.equal(['North', 'North East', 'South']);
      expect([...(await mixed.scope(meta('Sales Order'), 'read')).restrictions[0]!.values].sort()).to.deep.equal(NORTH);
    });

    it('leaves out Link fields marked ignore_user_permissions', async () => {
      const scope = await (await load('north@ex.com')).scope(meta('Visit'), 'read');
      expect(scope.restrictions.map((r) => r.fieldname)).to.deep.equal(['territory']);
    });

    it('answers the default value of an is_default User Permission', async () => {
      expect((await load('north@ex.com')).defaultValue('Territory')).to.equal('North');
      expect((await load('northmgr@ex.com')).defaultValue('Territory')).to.equal(undefined);
    });
  });

  describe('assert() on documents', () => {
    const actions = ['read', 'write', 'create'] as const;

    it('passes for documents inside the User Permissions, a descendant node or an empty link included', async () => {
      const north = await load('north@ex.com');
      for (const action of actions)
        for (const territory of ['North', 'North East', 'north', null, ''])
          await north.assert({ user: 'north@ex.com' }, meta('Customer'), action, { name: 'C', customer_name: 'C', territory });
    });

    it('throws PermissionError naming the field for documents outside them', async () => {
      const north = await load('north@ex.com');
      for (const action of actions)
        for (const territory of ['South', 'All Territories']) {
          const error = await rejectsWith(Promise.resolve(north.assert({ user: 'north@ex.com' }, meta('Customer'), action, { name: 'C', territory })), PermissionError);
          expect(error.errors.map((e) => e.fieldname), `${action} ${territory}`).to.deep.equal(['territory']);
        }
    });

    it('refuses delete without the delete right even inside the scope, and allows it with it only inside', async () => {
      await rejectsWith(Promise.resolve((await load('north@ex.com')).assert({ user: 'north@ex.com' }, meta('Customer'), 'delete', { name: 'C', territory: 'North' })), PermissionError);
      const manager = await load('northmgr@ex.com');
      await manager.assert({ user: 'northmgr@ex.com' }, meta('Customer'), 'delete', { name: 'C', territory: 'North East' });
      await rejectsWith(Promise.resolve(manager.assert({ user: 'northmgr@ex.com' }, meta('Customer'), 'delete', { name: 'C', territory: 'South' })), PermissionError);
    });

    it('checks only the restricted links: a Link that ignores User Permissions may point anywhere', async () => {
      const north = await load('north@ex.com');
      await north.assert({ user: 'north@ex.com' }, meta('Visit'), 'write', { name: 'V', territory: 'North', home_territory: 'South' });
      await rejectsWith(Promise.resolve(north.assert({ user: 'north@ex.com' }, meta('Visit'), 'write', { name: 'V', territory: 'South', home_territory: 'North' })), PermissionError);
    });

    it('passes an if_owner user on own documents and refuses documents of others', async () => {
      const own = await load('own@ex.com');
      for (const action of actions) {
        await own.assert({ user: 'own@ex.com' }, meta('Customer'), action, { name: 'C', owner: 'own@ex.com' });
        const error = await rejectsWith(Promise.resolve(own.assert({ user: 'own@ex.com' }, meta('Customer'), action, { name: 'C', owner: 'sales@ex.com' })), PermissionError);
        expect(error.errors[0]?.fieldname).to.equal('owner');
      }
    });

    it('checks only the right when no document is given', async () => {
      await (await load('sales@ex.com')).assert({ user: 'sales@ex.com' }, meta('Customer'), 'create');
      await rejectsWith(Promise.resolve((await load('sales@ex.com')).assert({ user: 'sales@ex.com' }, meta('Sales Order'), 'submit')), PermissionError);
    });
  });

  describe('the scope as SQL (applyScope, applyParentScope)', () => {
    async function customersIn(scope: Scope): Promise<string[]> {
      const q = site.db.knex('tabCustomer').select('name');
      applyScope(q, 'tabCustomer', scope);
      return ((await q) as { name: string }[]).map((r) => r.name).sort();
    }

    it('keeps rows whose link is allowed or empty (NULL or "")', async () => {
      expect(await customersIn(await (await load('north@ex.com')).scope(meta('Customer'), 'read'))).to.deep.equal(['C Blank', 'C North', 'C North East', 'C Null']);
      expect(await customersIn(await (await load('hidden@ex.com')).scope(meta('Customer'), 'read'))).to.deep.equal(['C Blank', 'C North', 'C Null']);
    });

    it('keeps only the user\'s own rows for an if_owner scope', async () => {
      expect(await customersIn(await (await load('own@ex.com')).scope(meta('Customer'), 'read'))).to.deep.equal(['C Own']);
    });

    it('keeps every row for an unrestricted scope', async () => {
      expect(await customersIn(await (await load('sales@ex.com')).scope(meta('Customer'), 'read'))).to.have.length(7);
    });

    it('keeps the child rows whose parent is in scope', async () => {
      const scope = await (await load('north@ex.com')).scope(meta('Sales Order'), 'read');
      const q = site.db.knex('tabSales Order Item').select('item_code');
      applyParentScope(q, 'tabSales Order Item', meta('Sales Order'), scope);
      expect(((await q) as { item_code: string }[]).map((r) => r.item_code)).to.deep.equal(['N-1']);
    });
  });

  describe('child rows are reached through their parent document', () => {
    /** A stored Sales Order Item row, as the document layer hands it to assert(). */
    async function rowOf(itemCode: string): Promise<Record<string, unknown>> {
      return (await site.db.knex('tabSales Order Item').where('item_code', itemCode).first()) as Record<string, unknown>;
    }

    it('reading a row needs read on the parent document: inside the User Permissions it passes, outside it is refused', async () => {
      const north = await load('north@ex.com');
      await north.assert({ user: 'north@ex.com' }, meta('Sales Order Item'), 'read', await rowOf('N-1'));
      const error = await rejectsWith(Promise.resolve(north.assert({ user: 'north@ex.com' }, meta('Sales Order Item'), 'read', await rowOf('S-1'))), PermissionError);
      expect(error.errors[0]?.fieldname).to.equal('territory');
    });

    it('an if_owner user reads only rows of their own parents', async () => {
      const own = await load('own@ex.com');
      const store = site.documents.as({ user: 'own@ex.com' }, own);
      const order = await store.insert('Sales Order', { customer: 'C Own', territory: 'South', items: [{ item_code: 'OWN-1', qty: 1 }] });
      await own.assert({ user: 'own@ex.com' }, meta('Sales Order Item'), 'read', await rowOf('OWN-1'));
      await rejectsWith(Promise.resolve(own.assert({ user: 'own@ex.com' }, meta('Sales Order Item'), 'read', await rowOf('N-1'))), PermissionError);
      await site.documents.delete('Sales Order', String(order.name));
    });

    it('refuses to change a row on its own (rows change by saving the parent), even inside the scope', async () => {
      const sales = await load('sales@ex.com');
      for (const action of ['write', 'create', 'delete'] as const)
        await rejectsWith(Promise.resolve(sales.assert({ user: 'sales@ex.com' }, meta('Sales Order Item'), action, await rowOf('N-1'))), PermissionError);
    });

    it('refuses a row whose parent is missing or does not hold that table', async () => {
      const sales = await load('sales@ex.com');
      const row = await rowOf('N-1');
      for (const forged of [{ parent: 'SO-99999' }, { parenttype: 'Customer' }, { parentfield: 'lines' }, { parenttype: undefined }])
        await rejectsWith(Promise.resolve(sales.assert({ user: 'sales@ex.com' }, meta('Sales Order Item'), 'read', { ...row, ...forged })), PermissionError);
    });

    it('lets the Administrator read and change any row', async () => {
      const admin = await load('Administrator');
      for (const action of ['read', 'write', 'delete'] as const) await admin.assert({ user: 'Administrator' }, meta('Sales Order Item'), action, await rowOf('S-1'));
    });
  });

  describe('checks inside a write transaction', () => {
    it('a user restricted on a tree DocType inserts and saves through the store (no query waits for the transaction\'s connection)', async () => {
      const access = await load('north@ex.com');
      const store = site.documents.as({ user: 'north@ex.com' }, access);
      const doc = await store.insert('Customer', { customer_name: 'C Tx', territory: 'North East' });
      expect(doc.territory).to.equal('North East');
      await store.save('Customer', 'C Tx', { territory: 'North' });
      await rejectsWith(store.save('Customer', 'C Tx', { territory: 'South' }), PermissionError);
      expect((await site.documents.get('Customer', 'C Tx')).territory).to.equal('North');
      await site.documents.delete('Customer', 'C Tx');
    });

    it('reading a child row inside a transaction checks its parent on the same connection', async () => {
      const access = await load('north@ex.com');
      const store = site.documents.as({ user: 'north@ex.com' }, access);
      const [north] = (await site.db.knex('tabSales Order Item').where({ item_code: 'N-1' }).pluck('name')) as string[];
      const [south] = (await site.db.knex('tabSales Order Item').where({ item_code: 'S-1' }).pluck('name')) as string[];
      const row = await store.transaction((s) => s.get('Sales Order Item', north!));
      expect(row.item_code).to.equal('N-1');
      await rejectsWith(store.transaction((s) => s.get('Sales Order Item', south!)), PermissionError);
    });
  });

  describe('permlevel masks', () => {
    const order = {
      name: 'SO-1',
      customer: 'C North',
      territory: 'North',
      items: [
        { name: 'row-1', item_code: 'A', qty: 1, discount_percentage: 10 },
        { name: 'row-2', item_code: 'B', qty: 2, discount_percentage: 20 },
      ],
    };

    it('maskRead removes fields above the user\'s read levels, in child rows too', async () => {
      const sales = await load('sales@ex.com');
      expect(sales.maskRead(meta('Customer'), { name: 'C', owner: 'x', customer_name: 'C', credit_limit: 10 })).to.deep.equal({ name: 'C', owner: 'x', customer_name: 'C' });
      expect(sales.maskRead(meta('Sales Order'), order).items).to.deep.equal([
        { name: 'row-1', item_code: 'A', qty: 1 },
        { name: 'row-2', item_code: 'B', qty: 2 },
      ]);
    });

    it('maskRead keeps them for a user whose role reads that level', async () => {
      const manager = await load('northmgr@ex.com');
      expect(manager.maskRead(meta('Customer'), { name: 'C', credit_limit: 10 })).to.deep.equal({ name: 'C', credit_limit: 10 });
      expect(manager.maskRead(meta('Sales Order'), order)).to.deep.equal(order);
    });

    it('maskWrite drops fields the user may not write and adds nothing that was not sent', async () => {
      const sales = await load('sales@ex.com');
      expect(sales.maskWrite(meta('Customer'), { customer_name: 'C', credit_limit: 99 })).to.deep.equal({ customer_name: 'C' });
      expect(sales.maskWrite(meta('Customer'), { territory: 'North' })).to.deep.equal({ territory: 'North' });
    });

    it('maskWrite keeps the stored value of an unwritable child field in rows that exist, and drops it from new rows', async () => {
      const sales = await load('sales@ex.com');
      const input = {
        items: [
          { name: 'row-1', item_code: 'A2', qty: 5, discount_percentage: 90 },
          { name: 'row-new', item_code: 'C', qty: 1, discount_percentage: 50 },
          { item_code: 'D', qty: 1, discount_percentage: 60 },
        ],
      };
      expect(sales.maskWrite(meta('Sales Order'), input, order)).to.deep.equal({
        items: [
          { name: 'row-1', item_code: 'A2', qty: 5, discount_percentage: 10 },
          { name: 'row-new', item_code: 'C', qty: 1 },
          { item_code: 'D', qty: 1 },
        ],
      });
    });

    it('maskWrite leaves child rows alone for a user who may write every level of them', async () => {
      const manager = await load('northmgr@ex.com');
      const input = { items: [{ name: 'row-1', item_code: 'A', discount_percentage: 90 }] };
      expect(manager.maskWrite(meta('Sales Order'), input, order)).to.deep.equal(input);
    });
  });
});
