/**
 * A tree whose parent field the framework adds (not written in the JSON): a user allowed one branch
 * still sees the branch's top node, whose parent lies outside it.
 */
import { expect } from 'chai';
import type { DocTypeDef } from '../../../core/meta';
import { UserAccess } from '../../../core/permissions';
import { getList } from '../../../core/query';
import { createTestSite, type TestSite } from '../../support/site';
import { addUser, restrict } from '../../fixtures/permissions/crm';

const ZONE: DocTypeDef = {
  name: 'Zone',
  autoname: 'field:zone_name',
  is_tree: 1,
  fields: [{ fieldname: 'zone_name', fieldtype: 'Data', reqd: 1 }],
  permissions: [{ role: 'All', read: 1 }],
};

describe('permissions: a tree with the implied parent field', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'perm_tree_parent', doctypes: [ZONE] });
    const docs = site.documents;
    await docs.insert('Zone', { zone_name: 'World', is_group: 1 });
    await docs.insert('Zone', { zone_name: 'North', parent_zone: 'World', is_group: 1 });
    await docs.insert('Zone', { zone_name: 'Fjords', parent_zone: 'North' });
    await docs.insert('Zone', { zone_name: 'South', parent_zone: 'World' });
    await addUser(docs, 'north@ex.com');
    await restrict(docs, 'north@ex.com', 'Zone', 'North');
  });
  after(() => site.destroy());

  it('the implied parent field ignores User Permissions', () => {
    expect(site.registry.get('Zone').getField('parent_zone')!.is('ignore_user_permissions')).to.equal(true);
  });

  it('lists the allowed node and its descendants, not the rest of the tree', async () => {
    const access = await UserAccess.load(site.db.knex, site.registry, 'north@ex.com');
    const result = await getList({ k: site.db.knex, registry: site.registry, access }, 'Zone', { fields: ['name'], order_by: 'name asc' });
    expect(result.rows.map((r) => r.name)).to.deep.equal(['Fjords', 'North']);
  });
});
