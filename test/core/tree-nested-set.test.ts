/**
 * Nested sets (is_tree): lft/rgt after inserts, moves, deletes; recursion and group checks; and
 * "descendants of" as a lft/rgt range. Every change is followed by a full invariant check.
 */
import { expect } from 'chai';
import { LinkValidationError, NestedSetRecursionError, ValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'TN Place', autoname: 'field:place_name', is_tree: 1, fields: [{ fieldname: 'place_name', fieldtype: 'Data', reqd: 1 }] },
  {
    name: 'TN Account',
    autoname: 'field:account_name',
    is_tree: 1,
    nsm_parent_field: 'parent_account',
    fields: [
      { fieldname: 'account_name', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'parent_account', fieldtype: 'Link', options: 'TN Account', label: 'Parent Account' },
    ],
  },
];

interface Node {
  name: string;
  parent: string | null;
  lft: number;
  rgt: number;
}

describe('trees: nested sets', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'trees' });
  });
  after(() => site.destroy());

  async function nodes(doctype = 'TN Place', parentField = 'parent_tn_place'): Promise<Map<string, Node>> {
    const rows = (await site.db.knex(`tab${doctype}`).select('name', parentField, 'lft', 'rgt')) as Record<string, unknown>[];
    return new Map(rows.map((r) => [String(r.name), { name: String(r.name), parent: (r[parentField] as string) || null, lft: Number(r.lft), rgt: Number(r.rgt) }]));
  }

  /** lft < rgt; bounds are exactly 1..2n; every node inside its parent; the ranges agree with the parent chain. */
  async function assertNestedSet(doctype = 'TN Place', parentField = 'parent_tn_place'): Promise<Map<string, Node>> {
    const all = await nodes(doctype, parentField);
    const bounds = [...all.values()].flatMap((n) => [n.lft, n.rgt]).sort((a, b) => a - b);
    expect(bounds, 'bounds are 1..2n').to.deep.equal(Array.from({ length: all.size * 2 }, (_, i) => i + 1));
    for (const node of all.values()) {
      expect(node.lft, `${node.name}: lft < rgt`).to.be.below(node.rgt);
      expect((node.rgt - node.lft + 1) / 2, `${node.name}: width`).to.equal(1 + chainDescendants(all, node.name).size);
      if (node.parent) {
        const parent = all.get(node.parent)!;
        expect(parent, `${node.name}: parent ${node.parent} exists`).to.not.equal(undefined);
        expect(node.lft > parent.lft && node.rgt < parent.rgt, `${node.name} inside ${parent.name}`).to.equal(true);
      }
      expect(rangeDescendants(all, node.name)).to.deep.equal(chainDescendants(all, node.name));
    }
    return all;
  }

  function chainDescendants(all: Map<string, Node>, name: string): Set<string> {
    const found = new Set<string>();
    for (const node of all.values()) {
      for (let p = node.parent; p; p = all.get(p)?.parent ?? null) if (p === name) found.add(node.name);
    }
    return new Set([...found].sort());
  }

  function rangeDescendants(all: Map<string, Node>, name: string): Set<string> {
    const { lft, rgt } = all.get(name)!;
    return new Set([...all.values()].filter((n) => n.lft > lft && n.rgt < rgt).map((n) => n.name).sort());
  }

  /** "Descendants of" as the query layer runs it: one range condition on lft/rgt. */
  async function descendantsOf(name: string): Promise<string[]> {
    const node = (await site.db.knex('tabTN Place').where('name', name).first('lft', 'rgt')) as { lft: number; rgt: number };
    const rows = await site.db.knex('tabTN Place').where('lft', '>', node.lft).andWhere('rgt', '<', node.rgt).orderBy('lft').select('name');
    return rows.map((r: { name: string }) => r.name);
  }

  const place = (place_name: string, parent?: string, is_group = 1) =>
    site.documents.insert('TN Place', { place_name, parent_tn_place: parent ?? null, is_group });

  it('numbers roots one after another', async () => {
    const world = await place('World');
    const moon = await place('Moon');
    expect([world.lft, world.rgt, moon.lft, moon.rgt]).to.deep.equal([1, 2, 3, 4]);
    await assertNestedSet();
  });

  it('nests children inside their parents, in insertion order', async () => {
    await place('Europe', 'World');
    await place('Asia', 'World');
    await place('France', 'Europe');
    await place('Paris', 'France', 0);
    await place('Lyon', 'France', 0);
    await place('Japan', 'Asia');
    await place('Crater', 'Moon', 0);
    const all = await assertNestedSet();
    expect([all.get('World')!.lft, all.get('World')!.rgt]).to.deep.equal([1, 14]);
    expect(await descendantsOf('World')).to.deep.equal(['Europe', 'France', 'Paris', 'Lyon', 'Asia', 'Japan']);
    expect(await descendantsOf('France')).to.deep.equal(['Paris', 'Lyon']);
    expect(await descendantsOf('Paris')).to.deep.equal([]);
    const fetched = await site.documents.get('TN Place', 'Japan');
    expect(fetched).to.include({ parent_tn_place: 'Asia', lft: all.get('Japan')!.lft, rgt: all.get('Japan')!.rgt });
  });

  it('ignores lft/rgt sent by a client', async () => {
    const doc = await site.documents.insert('TN Place', { place_name: 'Mars', lft: 100, rgt: 1 });
    expect(doc.lft).to.be.below(doc.rgt as number);
    await site.documents.save('TN Place', 'Mars', { lft: 1, rgt: 2 });
    await assertNestedSet();
  });

  it('a parent must exist and be a group', async () => {
    await rejectsWith(place('Atlantis', 'Ocean'), LinkValidationError);
    const error = await rejectsWith(place('Louvre', 'Paris'), ValidationError);
    expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['parent_tn_place']);
    expect(await site.documents.exists('TN Place', 'Louvre')).to.equal(false);
    await assertNestedSet();
  });

  it('moves a subtree under another parent when the parent changes', async () => {
    const moved = await site.documents.save('TN Place', 'France', { parent_tn_place: 'Asia' });
    expect(moved.old_parent).to.equal('Europe');
    await assertNestedSet();
    expect(await descendantsOf('Asia')).to.deep.equal(['Japan', 'France', 'Paris', 'Lyon']);
    expect(await descendantsOf('Europe')).to.deep.equal([]);
  });

  it('moves a subtree to the root and back', async () => {
    await site.documents.save('TN Place', 'France', { parent_tn_place: '' });
    let all = await assertNestedSet();
    expect(all.get('France')!.parent).to.equal(null);
    expect(await descendantsOf('Asia')).to.deep.equal(['Japan']);
    await site.documents.save('TN Place', 'France', { parent_tn_place: 'Europe' });
    all = await assertNestedSet();
    expect(await descendantsOf('World')).to.include.members(['France', 'Paris', 'Lyon']);
  });

  it('refuses to move a node under itself or one of its descendants, leaving the tree as it was', async () => {
    const before = await nodes();
    await rejectsWith(site.documents.save('TN Place', 'Europe', { parent_tn_place: 'France' }), NestedSetRecursionError);
    await rejectsWith(site.documents.save('TN Place', 'World', { parent_tn_place: 'Europe' }), NestedSetRecursionError);
    await rejectsWith(site.documents.save('TN Place', 'Europe', { parent_tn_place: 'Europe' }), NestedSetRecursionError);
    expect(await nodes()).to.deep.equal(before);
  });

  it('refuses to move a node under a non-group node', async () => {
    await rejectsWith(site.documents.save('TN Place', 'Japan', { parent_tn_place: 'Crater' }), ValidationError);
    expect((await site.documents.get('TN Place', 'Japan')).parent_tn_place).to.equal('Asia');
    await assertNestedSet();
  });

  it('a node with children cannot become a leaf (is_group 0)', async () => {
    const error = await rejectsWith(site.documents.save('TN Place', 'France', { is_group: 0 }), ValidationError);
    expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['is_group']);
    expect((await site.documents.get('TN Place', 'France')).is_group).to.equal(1);
    expect((await site.documents.save('TN Place', 'Japan', { is_group: 0 })).is_group).to.equal(0);
  });

  it('deleting a leaf closes the gap', async () => {
    await site.documents.delete('TN Place', 'Lyon');
    const all = await assertNestedSet();
    expect(all.has('Lyon')).to.equal(false);
    expect(await descendantsOf('France')).to.deep.equal(['Paris']);
  });

  it('refuses to delete a node that has children', async () => {
    const before = await nodes();
    await rejectsWith(site.documents.delete('TN Place', 'Europe'), ValidationError);
    expect(await nodes()).to.deep.equal(before);
  });

  it('a node that was moved away from can be deleted (old_parent does not hold it back)', async () => {
    await place('Iberia', 'Europe');
    await place('Spain', 'Iberia');
    await site.documents.save('TN Place', 'Spain', { parent_tn_place: 'Europe' });
    await site.documents.delete('TN Place', 'Iberia');
    await assertNestedSet();
  });

  it('keeps the invariants through a longer sequence of inserts, moves and deletes', async () => {
    for (let i = 0; i < 6; i++) await place(`R${i}`, i % 2 ? 'World' : 'Asia');
    for (let i = 0; i < 6; i++) await place(`R${i}-c`, `R${i}`, 0);
    for (let i = 0; i < 6; i += 2) await site.documents.save('TN Place', `R${i}`, { parent_tn_place: `R${i + 1}` });
    await site.documents.delete('TN Place', 'R3-c');
    await site.documents.save('TN Place', 'R1', { parent_tn_place: 'Moon' });
    const all = await assertNestedSet();
    expect(rangeDescendants(all, 'Moon')).to.have.all.keys('Crater', 'R0', 'R0-c', 'R1', 'R1-c');
  });

  it('works with a custom nsm_parent_field', async () => {
    await site.documents.insert('TN Account', { account_name: 'Assets', is_group: 1 });
    await site.documents.insert('TN Account', { account_name: 'Bank', parent_account: 'assets', is_group: 1 });
    const cash = await site.documents.insert('TN Account', { account_name: 'Cash', parent_account: 'Bank' });
    expect(cash.parent_account).to.equal('Bank');
    const all = await assertNestedSet('TN Account', 'parent_account');
    expect(all.get('Bank')!.parent).to.equal('Assets');
  });
});
