/**
 * Every filter shape Frappe accepts, given parsed or as JSON text, on the DocType's own columns and on
 * its child table (same-row semantics, or_filters, no duplicated parents).
 */
import { expect } from 'chai';
import { getCount, getList, type QueryContext } from '../../../core/query';
import { adminContext, ALL_ORDERS, DOCTYPES, names, namesOf, ORDER, ORDER_ITEM, seed } from '../../fixtures/query/fixture';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: filter shapes', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_shapes' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  const OPEN = ['SO-001', 'SO-003', 'SO-006'];
  const PRIORITY_ABOVE_2 = ['SO-001', 'SO-004', 'SO-006'];

  describe('the shapes', () => {
    it('{field: value} means equals', async () => {
      expect(await names(ctx, { filters: { status: 'Open' } })).to.deep.equal(OPEN);
    });

    it('{field: [operator, value]}', async () => {
      expect(await names(ctx, { filters: { priority: ['>', 2] } })).to.deep.equal(PRIORITY_ABOVE_2);
    });

    it('[[field, operator, value]]', async () => {
      expect(await names(ctx, { filters: [['priority', '>', 2]] })).to.deep.equal(PRIORITY_ABOVE_2);
    });

    it('[[doctype, field, operator, value]] on the DocType itself', async () => {
      expect(await names(ctx, { filters: [[ORDER, 'priority', '>', 2]] })).to.deep.equal(PRIORITY_ABOVE_2);
    });

    it('[[child doctype, field, operator, value]] filters parents through their rows', async () => {
      expect(await names(ctx, { filters: [[ORDER_ITEM, 'item_code', '=', 'C']] })).to.deep.equal(['SO-004', 'SO-005']);
    });

    it("v16's [[field, value]] means equals", async () => {
      expect(await names(ctx, { filters: [['status', 'Open']] })).to.deep.equal(OPEN);
    });

    it('a single flat [field, operator, value]', async () => {
      expect(await names(ctx, { filters: ['priority', '>', 2] })).to.deep.equal(PRIORITY_ABOVE_2);
    });

    it('a fifth element (the desk\'s hidden flag) is ignored', async () => {
      expect(await names(ctx, { filters: [[ORDER, 'status', '=', 'Open', false]] })).to.deep.equal(OPEN);
    });

    it('several conditions are AND-ed, mixing own and child columns', async () => {
      expect(await names(ctx, { filters: [['status', '=', 'Open'], [ORDER_ITEM, 'item_code', '=', 'A']] })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await names(ctx, { filters: { status: 'Open', urgent: 1 } })).to.deep.equal(['SO-001']);
    });

    it('== and <> are read as = and !=', async () => {
      expect(await names(ctx, { filters: [['status', '==', 'Open']] })).to.deep.equal(OPEN);
      expect(await names(ctx, { filters: [['priority', '<>', 3]] })).to.deep.equal(['SO-002', 'SO-003', 'SO-004', 'SO-005']);
    });
  });

  describe('JSON text and parsed values', () => {
    it('an object given as JSON text answers as the parsed object', async () => {
      expect(await names(ctx, { filters: '{"status": "Open"}' })).to.deep.equal(OPEN);
      expect(await names(ctx, { filters: '{"priority": [">", 2]}' })).to.deep.equal(PRIORITY_ABOVE_2);
    });

    it('a list given as JSON text answers as the parsed list, numbers given as text are cast', async () => {
      expect(await names(ctx, { filters: '[["priority", ">", "2"]]' })).to.deep.equal(PRIORITY_ABOVE_2);
      expect(await names(ctx, { filters: '[["QT Order Item", "qty", ">=", "5"]]' })).to.deep.equal(['SO-001', 'SO-004', 'SO-006']);
    });

    it('empty filters in every spelling return every row', async () => {
      for (const filters of [undefined, null, '', '  ', '[]', '{}', [], {}]) expect(await names(ctx, { filters }), JSON.stringify(filters)).to.deep.equal(ALL_ORDERS);
    });

    it('or_filters accept the same shapes, as text too', async () => {
      expect(await names(ctx, { or_filters: '{"status": "Closed", "priority": 5}' })).to.deep.equal(['SO-002', 'SO-004']);
      expect(await names(ctx, { or_filters: [['status', '=', 'Closed'], ['priority', '=', 5]] })).to.deep.equal(['SO-002', 'SO-004']);
    });
  });

  describe('child-table filters', () => {
    it('two conditions on the same child DocType must hold on the same row', async () => {
      // SO-001 has an A row (qty 2) and a qty-5 row (B): not the same row, so it is left out.
      expect(await names(ctx, { filters: [[ORDER_ITEM, 'item_code', '=', 'A'], [ORDER_ITEM, 'qty', '=', 5]] })).to.deep.equal(['SO-006']);
      expect(await names(ctx, { filters: [[ORDER_ITEM, 'item_code', '=', 'B'], [ORDER_ITEM, 'rate', '=', 20], [ORDER_ITEM, 'qty', '<', 3]] })).to.deep.equal(['SO-005']);
    });

    it('a child condition reached through the table field (items.qty) is a child filter too', async () => {
      expect(await names(ctx, { filters: [['items.item_code', '=', 'A'], ['items.qty', '=', 5]] })).to.deep.equal(['SO-006']);
      expect(await names(ctx, { filters: { '`tabQT Order Item`.`item_code`': 'C' } })).to.deep.equal(['SO-004', 'SO-005']);
    });

    it('a child filter matching several rows of one parent answers that parent once', async () => {
      const result = await getList(ctx, ORDER, { filters: [[ORDER_ITEM, 'item_code', 'in', ['A', 'B']]], limit: 0 });
      expect(result.rows.map((r) => r.name).sort()).to.deep.equal(['SO-001', 'SO-002', 'SO-005', 'SO-006']);
      expect(await getCount(ctx, ORDER, { filters: [[ORDER_ITEM, 'item_code', 'in', ['A', 'B']]] })).to.equal(4);
    });

    it('a child filter that no row matches leaves out parents without rows', async () => {
      expect(await names(ctx, { filters: [[ORDER_ITEM, 'qty', '>', 100]] })).to.deep.equal([]);
      // SO-003 has no items at all: no row of it can satisfy a child condition.
      expect(await names(ctx, { filters: [[ORDER_ITEM, 'qty', '>=', 0]] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004', 'SO-005', 'SO-006']);
    });

    it('in or_filters each child condition stands alone (any row)', async () => {
      expect(await names(ctx, { or_filters: [[ORDER_ITEM, 'item_code', '=', 'A'], [ORDER_ITEM, 'qty', '=', 5]] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004', 'SO-006']);
    });

    it('or_filters mix child and own conditions, and are AND-ed with filters', async () => {
      const or_filters = [[ORDER_ITEM, 'item_code', '=', 'C'], ['customer', '=', 'Alice']];
      expect(await names(ctx, { or_filters })).to.deep.equal(['SO-001', 'SO-004', 'SO-005']);
      expect(await names(ctx, { or_filters, filters: { urgent: 1 } })).to.deep.equal(['SO-001', 'SO-004']);
    });

    it('a child column in fields joins its rows: one row per child row', async () => {
      const result = await getList(ctx, ORDER, { fields: ['name', 'items.item_code', 'items.qty'], filters: { name: 'SO-001' }, order_by: 'items.qty asc' });
      expect(result.rows).to.deep.equal([
        { name: 'SO-001', item_code: 'A', qty: 2 },
        { name: 'SO-001', item_code: 'B', qty: 5 },
      ]);
    });
  });

  it('filters on name and on standard columns', async () => {
    expect(await names(ctx, { filters: { name: ['in', ['SO-002', 'SO-005', 'SO-999']] } })).to.deep.equal(['SO-002', 'SO-005']);
    expect(await names(ctx, { filters: { owner: 'Administrator', docstatus: 0 } })).to.deep.equal(ALL_ORDERS);
    expect(namesOf((await getList(ctx, ORDER, { filters: { name: ['like', 'SO-00%'] }, limit: 0 })).rows)).to.deep.equal(ALL_ORDERS);
  });
});
