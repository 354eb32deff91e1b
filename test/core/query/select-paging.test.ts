/**
 * What a list answers: fields (`*`, aliases, child columns), aggregates with group_by, order_by (by
 * field, alias, several keys, the DocType's default), paging, and the `truncated` mark when the
 * server cap cuts an answer short.
 */
import { expect } from 'chai';
import { getList, type QueryContext } from '../../../core/query';
import { adminContext, ALL_ORDERS, DOCTYPES, ORDER, seed } from '../../fixtures/query/fixture';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: fields, aggregates, order and paging', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_select' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  const ordered = async (order_by: string, extra: Record<string, unknown> = {}) => (await getList(ctx, ORDER, { order_by, limit: 0, ...extra })).rows.map((r) => r.name);

  describe('fields', () => {
    it('defaults to name', async () => {
      const result = await getList(ctx, ORDER, { filters: { name: 'SO-002' } });
      expect(result.keys).to.deep.equal(['name']);
      expect(result.rows).to.deep.equal([{ name: 'SO-002' }]);
    });

    it('* answers every column with typed values (no table field)', async () => {
      const result = await getList(ctx, ORDER, { fields: ['*'], filters: { name: 'SO-002' } });
      expect(result.keys).to.include.members(['name', 'owner', 'creation', 'modified', 'docstatus', 'code', 'customer', 'region', 'status', 'priority', 'amount', 'weight', 'urgent', 'order_date', 'due_at', 'slot', 'notes', 'rating', 'duration']);
      expect(result.keys).to.not.include('items');
      expect(result.rows).to.have.length(1);
      expect(result.rows[0]).to.deep.include({
        name: 'SO-002', customer: 'Bob', region: 'Germany', status: 'Closed', priority: 1, amount: 250.5, weight: 0, urgent: 0,
        order_date: '2024-02-15', due_at: '2024-02-15 23:59:59.000000', slot: '14:30:00', notes: null, rating: 0.4, duration: 0,
      });
    });

    it('fields as JSON text or comma-separated text', async () => {
      expect((await getList(ctx, ORDER, { fields: '["name", "priority"]', filters: { name: 'SO-004' } })).rows).to.deep.equal([{ name: 'SO-004', priority: 5 }]);
      expect((await getList(ctx, ORDER, { fields: 'name, priority', filters: { name: 'SO-004' } })).rows).to.deep.equal([{ name: 'SO-004', priority: 5 }]);
    });

    it('as gives a column another key', async () => {
      const result = await getList(ctx, ORDER, { fields: ['name', 'customer as buyer', 'amount AS total'], filters: { name: 'SO-001' } });
      expect(result.keys).to.deep.equal(['name', 'buyer', 'total']);
      expect(result.rows).to.deep.equal([{ name: 'SO-001', buyer: 'Alice', total: 100 }]);
    });

    it('child columns by table field (items.qty) or by table (`tabQT Order Item`.`qty`)', async () => {
      const byField = await getList(ctx, ORDER, { fields: ['name', 'items.item_code', 'items.qty'], filters: { name: 'SO-005' }, order_by: 'items.item_code asc' });
      expect(byField.rows).to.deep.equal([
        { name: 'SO-005', item_code: 'B', qty: 2 },
        { name: 'SO-005', item_code: 'C', qty: 1 },
      ]);
      const byTable = await getList(ctx, ORDER, { fields: ['name', '`tabQT Order Item`.`qty` as q'], filters: { name: 'SO-002' } });
      expect(byTable.rows).to.deep.equal([{ name: 'SO-002', q: 1 }]);
    });

    it('a parent without child rows still answers once, with empty child columns', async () => {
      const result = await getList(ctx, ORDER, { fields: ['name', 'items.qty'], filters: { name: 'SO-003' } });
      expect(result.rows).to.deep.equal([{ name: 'SO-003', qty: 0 }]);
    });
  });

  describe('aggregates and group_by', () => {
    it('count(*) with group_by, ordered by its alias then the group', async () => {
      const result = await getList(ctx, ORDER, { fields: ['status', 'count(*) as n'], group_by: 'status', order_by: 'n desc, status asc' });
      expect(result.rows).to.deep.equal([
        { status: 'Open', n: 3 },
        { status: null, n: 1 },
        { status: 'Cancelled', n: 1 },
        { status: 'Closed', n: 1 },
      ]);
    });

    it('count(name) without group_by answers one row', async () => {
      const result = await getList(ctx, ORDER, { fields: ['count(name)'] });
      expect(result.keys).to.deep.equal(['count(name)']);
      expect(result.rows).to.deep.equal([{ 'count(name)': 6 }]);
    });

    it('sum, avg, min, max', async () => {
      const [row] = (await getList(ctx, ORDER, { fields: ['sum(amount) as total', 'avg(amount) as mean', 'min(order_date) as first', 'max(amount) as top', 'min(priority) as low'] })).rows;
      expect(row!.total).to.be.closeTo(1025.5, 1e-9);
      expect(row!.mean).to.be.closeTo(1025.5 / 6, 1e-6);
      expect(row).to.deep.include({ first: '2023-12-31', top: 500, low: 0 });
    });

    it('sum with group_by on a Check', async () => {
      const result = await getList(ctx, ORDER, { fields: ['urgent', 'sum(amount) as total'], group_by: 'urgent', order_by: 'urgent asc' });
      expect(result.rows).to.deep.equal([
        { urgent: 0, total: 850.5 },
        { urgent: 1, total: 175 },
      ]);
    });

    it('count(distinct f) leaves out NULL and counts each value once', async () => {
      const [row] = (await getList(ctx, ORDER, { fields: ['count(distinct status) as statuses', 'count(distinct priority) as priorities'] })).rows;
      expect(row).to.deep.equal({ statuses: 3, priorities: 5 });
    });

    it('an aggregate over a child column, grouped by parent', async () => {
      const result = await getList(ctx, ORDER, { fields: ['name', 'sum(items.qty) as q'], group_by: 'name', order_by: 'q desc, name asc' });
      expect(result.rows).to.deep.equal([
        { name: 'SO-001', q: 7 },
        { name: 'SO-004', q: 5 },
        { name: 'SO-006', q: 5 },
        { name: 'SO-005', q: 3 },
        { name: 'SO-002', q: 1 },
        { name: 'SO-003', q: null },
      ]);
    });

    it('group_by several fields', async () => {
      const result = await getList(ctx, ORDER, { fields: ['status', 'urgent', 'count(*) as n'], group_by: 'status, urgent', order_by: 'status asc, urgent asc' });
      expect(result.rows).to.deep.equal([
        { status: null, urgent: 0, n: 1 },
        { status: 'Cancelled', urgent: 1, n: 1 },
        { status: 'Closed', urgent: 0, n: 1 },
        { status: 'Open', urgent: 0, n: 2 },
        { status: 'Open', urgent: 1, n: 1 },
      ]);
    });

    it('aggregates respect filters', async () => {
      const result = await getList(ctx, ORDER, { fields: ['count(*) as n', 'sum(amount) as total'], filters: { status: 'Open' } });
      expect(result.rows).to.deep.equal([{ n: 3, total: 200 }]);
    });
  });

  describe('order_by', () => {
    it('by one field, ascending by default', async () => {
      // amount: 0, 75, 100, 100, 250.5, 500 (the two 100s in either order)
      const byAmount = await ordered('amount');
      expect(byAmount.slice(0, 2)).to.deep.equal(['SO-003', 'SO-004']);
      expect(byAmount.slice(2, 4).sort()).to.deep.equal(['SO-001', 'SO-006']);
      expect(byAmount.slice(4)).to.deep.equal(['SO-002', 'SO-005']);
      expect(await ordered('priority asc, name asc')).to.deep.equal(['SO-003', 'SO-002', 'SO-005', 'SO-001', 'SO-006', 'SO-004']);
    });

    it('several keys, each with its direction', async () => {
      expect(await ordered('amount desc, name asc')).to.deep.equal(['SO-005', 'SO-002', 'SO-001', 'SO-006', 'SO-004', 'SO-003']);
      expect(await ordered('amount desc, name desc')).to.deep.equal(['SO-005', 'SO-002', 'SO-006', 'SO-001', 'SO-004', 'SO-003']);
    });

    it('by a qualified column', async () => {
      expect(await ordered('`tabQT Order`.`priority` desc, `tabQT Order`.`name` asc')).to.deep.equal(['SO-004', 'SO-001', 'SO-006', 'SO-005', 'SO-002', 'SO-003']);
    });

    it('by an alias from fields', async () => {
      const rows = (await getList(ctx, ORDER, { fields: ['name', 'amount as total'], order_by: 'total desc, name desc', limit: 3 })).rows;
      expect(rows).to.deep.equal([
        { name: 'SO-005', total: 500 },
        { name: 'SO-002', total: 250.5 },
        { name: 'SO-006', total: 100 },
      ]);
    });

    it('the DocType\'s sort_field / sort_order by default (priority desc), then name', async () => {
      expect((await getList(ctx, ORDER, { limit: 0 })).rows.map((r) => r.name)).to.deep.equal(['SO-004', 'SO-006', 'SO-001', 'SO-005', 'SO-002', 'SO-003']);
    });
  });

  describe('paging', () => {
    it('limit and limit_start', async () => {
      expect(await ordered('name asc', { limit: 2 })).to.deep.equal(['SO-001', 'SO-002']);
      expect(await ordered('name asc', { limit: 2, limit_start: 2 })).to.deep.equal(['SO-003', 'SO-004']);
      expect(await ordered('name asc', { limit: '2', limit_start: '4' })).to.deep.equal(['SO-005', 'SO-006']);
      expect(await ordered('name asc', { limit: 2, limit_start: 6 })).to.deep.equal([]);
    });

    it('limit_page_length, and start / page_length', async () => {
      expect(await ordered('name asc', { limit: undefined, limit_page_length: 3, limit_start: 1 })).to.deep.equal(['SO-002', 'SO-003', 'SO-004']);
      expect(await ordered('name asc', { limit: undefined, page_length: 1, start: 5 })).to.deep.equal(['SO-006']);
    });

    it('without a limit: the default page length', async () => {
      const result = await getList(ctx, ORDER, { order_by: 'name asc' }, { defaultPageLength: 4, maxPageLength: 100 });
      expect(result.rows.map((r) => r.name)).to.deep.equal(['SO-001', 'SO-002', 'SO-003', 'SO-004']);
      expect(result.truncated).to.equal(undefined);
    });

    it('limit 0 means all, up to the cap: truncated only when more rows exist', async () => {
      const cut = await getList(ctx, ORDER, { limit: 0, order_by: 'name asc' }, { defaultPageLength: 20, maxPageLength: 4 });
      expect(cut.rows.map((r) => r.name)).to.deep.equal(['SO-001', 'SO-002', 'SO-003', 'SO-004']);
      expect(cut.truncated).to.deep.equal({ cap: 4 });
      const exact = await getList(ctx, ORDER, { limit: 0 }, { defaultPageLength: 20, maxPageLength: 6 });
      expect(exact.rows).to.have.length(6);
      expect(exact.truncated).to.equal(undefined);
      const narrowed = await getList(ctx, ORDER, { limit: 0, filters: { status: 'Open' } }, { defaultPageLength: 20, maxPageLength: 4 });
      expect(narrowed.rows).to.have.length(3);
      expect(narrowed.truncated).to.equal(undefined);
      const lastPage = await getList(ctx, ORDER, { limit: 0, limit_start: 3 }, { defaultPageLength: 20, maxPageLength: 4 });
      expect(lastPage.rows).to.have.length(3);
      expect(lastPage.truncated).to.equal(undefined);
    });

    it('a limit above the cap is capped and marked truncated when more rows exist', async () => {
      const cut = await getList(ctx, ORDER, { limit: 50, order_by: 'name asc' }, { defaultPageLength: 20, maxPageLength: 5 });
      expect(cut.rows.map((r) => r.name)).to.deep.equal(ALL_ORDERS.slice(0, 5));
      expect(cut.truncated).to.deep.equal({ cap: 5 });
      const whole = await getList(ctx, ORDER, { limit: 50 }, { defaultPageLength: 20, maxPageLength: 10 });
      expect(whole.rows).to.have.length(6);
      expect(whole.truncated).to.equal(undefined);
    });

    it('a limit the client chose is not "truncated", even with more rows left', async () => {
      const result = await getList(ctx, ORDER, { limit: 5 }, { defaultPageLength: 20, maxPageLength: 5 });
      expect(result.rows).to.have.length(5);
      expect(result.truncated).to.equal(undefined);
    });
  });
});
