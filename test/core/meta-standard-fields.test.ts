import { expect } from 'chai';
import { resolve } from 'node:path';
import { loadDocTypesOrThrow, STANDARD_FIELDNAMES, treeParentField, type DocTypeDef, type DocTypeMeta } from '../../core/meta';

const EVERY = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx'];
const CHILD = ['parent', 'parentfield', 'parenttype'];
const NON_CHILD = ['_user_tags', '_comments', '_assign', '_liked_by'];
const TREE = ['lft', 'rgt', 'is_group', 'old_parent'];

function load(...defs: DocTypeDef[]) {
  return loadDocTypesOrThrow([], defs.map((def) => ({ app: 't', def }))).registry;
}
const standardNames = (meta: DocTypeMeta) => meta.standardFields.map((f) => f.fieldname);
const ownNames = (meta: DocTypeMeta) => meta.fields.map((f) => f.fieldname);

describe('meta: standard and implied fields', () => {
  it('a plain DocType gets the standard columns and the non-child extras, marked standard', () => {
    const meta = load({ name: 'Note', fields: [{ fieldname: 'title', fieldtype: 'Data' }] }).get('Note');
    expect(standardNames(meta)).to.have.members([...EVERY, ...NON_CHILD]);
    expect(meta.standardFields.every((f) => f.standard)).to.equal(true);
    expect(meta.getField('title')!.standard).to.equal(false);
    for (const name of CHILD) expect(meta.hasField(name), name).to.equal(false);
    expect(meta.getField('docstatus')!.fieldtype).to.equal('Int');
    expect(meta.getField('owner')!.options).to.equal('User');
    expect(meta.getField('creation')!.fieldtype).to.equal('Datetime');
    expect(meta.getField('_assign')!.type.column).to.equal('text');
    // The standard fields are not the DocType's own: they do not show in fields or valueFields.
    expect(ownNames(meta)).to.deep.equal(['title']);
    expect(meta.columnFields.map((f) => f.fieldname)).to.deep.equal([...EVERY, ...NON_CHILD, 'title']);
  });

  it('a child table gets parent, parentfield and parenttype instead of the _ columns', () => {
    const meta = load({ name: 'Note Row', istable: 1, fields: [{ fieldname: 'text', fieldtype: 'Data' }] }).get('Note Row');
    expect(standardNames(meta)).to.have.members([...EVERY, ...CHILD]);
    for (const name of NON_CHILD) expect(meta.hasField(name), name).to.equal(false);
    expect(meta.getField('parent')!.type.column).to.equal('varchar');
  });

  it('track_seen adds _seen', () => {
    const registry = load({ name: 'Seen', track_seen: 1, fields: [] }, { name: 'Unseen', fields: [] });
    expect(registry.get('Seen').hasField('_seen')).to.equal(true);
    expect(registry.get('Unseen').hasField('_seen')).to.equal(false);
  });

  it('STANDARD_FIELDNAMES lists every name the framework adds', () => {
    expect([...STANDARD_FIELDNAMES]).to.have.members([...EVERY, ...CHILD, ...NON_CHILD, '_seen']);
  });

  describe('trees', () => {
    it('get lft, rgt, is_group, old_parent and parent_<scrub(name)> when the JSON lacks them', () => {
      const meta = load({ name: 'Sales-Territory Group', is_tree: 1, fields: [{ fieldname: 'territory_name', fieldtype: 'Data' }] }).get('Sales-Territory Group');
      expect(meta.treeParentField).to.equal('parent_sales_territory_group');
      expect(ownNames(meta)).to.deep.equal(['territory_name', 'parent_sales_territory_group', 'is_group', 'lft', 'rgt', 'old_parent']);
      const parent = meta.getField('parent_sales_territory_group')!;
      expect([parent.fieldtype, parent.options]).to.deep.equal(['Link', 'Sales-Territory Group']);
      expect(meta.getField('lft')!.fieldtype).to.equal('Int');
      expect(meta.getField('rgt')!.is('search_index')).to.equal(true);
      expect(meta.getField('is_group')!.fieldtype).to.equal('Check');
      expect(meta.getField('old_parent')!.options).to.equal('Sales-Territory Group');
      // They are the DocType's fields (columns, Link targets), not framework-standard ones.
      expect(meta.getField('lft')!.standard).to.equal(false);
      expect(meta.linkFields.map((f) => f.fieldname)).to.have.members(['parent_sales_territory_group', 'old_parent']);
    });

    it('use nsm_parent_field when given', () => {
      const def: DocTypeDef = { name: 'Account Node', is_tree: 1, nsm_parent_field: 'parent_account', fields: [] };
      expect(treeParentField(def)).to.equal('parent_account');
      const meta = load(def).get('Account Node');
      expect(meta.getField('parent_account')!.options).to.equal('Account Node');
      expect(meta.hasField('parent_account_node')).to.equal(false);
    });

    it('keep the tree fields the JSON defines, in its order, without duplicates', () => {
      const meta = load({
        name: 'Place',
        is_tree: 1,
        fields: [
          { fieldname: 'place_name', fieldtype: 'Data' },
          { fieldname: 'parent_place', fieldtype: 'Link', options: 'Place', label: 'Parent Place (mine)' },
          { fieldname: 'is_group', fieldtype: 'Check', default: '1' },
          { fieldname: 'lft', fieldtype: 'Int', label: 'Left (mine)', read_only: 1 },
        ],
      }).get('Place');
      expect(ownNames(meta)).to.deep.equal(['place_name', 'parent_place', 'is_group', 'lft', 'rgt', 'old_parent']);
      expect(meta.getField('parent_place')!.label).to.equal('Parent Place (mine)');
      expect(meta.getField('lft')!.label).to.equal('Left (mine)');
      expect(meta.getField('is_group')!.def.default).to.equal('1');
    });

    it('a non-tree gets none of them', () => {
      const meta = load({ name: 'Flat', fields: [] }).get('Flat');
      for (const name of [...TREE, 'parent_flat']) expect(meta.hasField(name), name).to.equal(false);
    });
  });

  describe('submittable DocTypes', () => {
    it('get amended_from, a Link to themselves', () => {
      const meta = load({ name: 'Invoice', is_submittable: 1, fields: [{ fieldname: 'total', fieldtype: 'Currency' }] }).get('Invoice');
      const amended = meta.getField('amended_from')!;
      expect([amended.fieldtype, amended.options, amended.readOnly, amended.is('no_copy')]).to.deep.equal(['Link', 'Invoice', true, true]);
      expect(ownNames(meta)).to.deep.equal(['total', 'amended_from']);
      expect(meta.isSubmittable).to.equal(true);
    });

    it('keep their own amended_from', () => {
      const meta = load({
        name: 'Order',
        is_submittable: 1,
        fields: [{ fieldname: 'amended_from', fieldtype: 'Link', options: 'Order', label: 'Amended (mine)' }, { fieldname: 'total', fieldtype: 'Currency' }],
      }).get('Order');
      expect(ownNames(meta)).to.deep.equal(['amended_from', 'total']);
      expect(meta.getField('amended_from')!.label).to.equal('Amended (mine)');
    });

    it('others do not get it', () => {
      expect(load({ name: 'Draft Only', fields: [] }).get('Draft Only').hasField('amended_from')).to.equal(false);
    });
  });

  it('the shipped core DocTypes load with the same standard fields', () => {
    const { registry } = loadDocTypesOrThrow([{ app: 'core', folder: resolve(import.meta.dirname, '../../core/doctypes') }]);
    for (const meta of registry.all()) {
      const expected = meta.istable ? [...EVERY, ...CHILD] : [...EVERY, ...NON_CHILD];
      expect(standardNames(meta).filter((n) => n !== '_seen'), meta.name).to.have.members(expected);
    }
    expect(registry.all().some((m) => m.istable)).to.equal(true);
  });
});
