/**
 * What the query layer refuses, before any SQL runs: unknown fields, SQL fragments wherever a client
 * writes an identifier, operators a field type does not take, values of the wrong type, bad JSON and
 * bad paging (ValidationError 417 naming the parameter or field); unknown DocTypes (404), Singles,
 * and child tables listed without their parent.
 */
import { expect } from 'chai';
import { DoesNotExistError, ValidationError } from '../../../core/errors';
import { getCount, getGroupByCount, getList, searchLink, type ListRequest, type QueryContext } from '../../../core/query';
import { FILTER_LIMITS } from '../../../core/query/filters';
import { SELECT_LIMITS } from '../../../core/query/select';
import { adminContext, ALL_ORDERS, DOCTYPES, expectNamed, names, ORDER, ORDER_ITEM, REGION, seed, SETTINGS, userContext } from '../../fixtures/query/fixture';
import { rejectsWith } from '../../support/reject';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: refusals', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_refusals' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  /** The request must be refused with a ValidationError whose errors[] name `fieldname`. */
  async function refused(request: ListRequest, fieldname: string, doctype = ORDER): Promise<ValidationError> {
    const error = await rejectsWith(getList(ctx, doctype, request), ValidationError, { exact: true });
    expectNamed(error, fieldname);
    return error;
  }

  describe('unknown fields', () => {
    it('in fields', async () => {
      await refused({ fields: ['name', 'nope'] }, 'fields');
      await refused({ fields: ['items.nope'] }, 'fields');
      await refused({ fields: ['tabOther.name'] }, 'fields');
      await refused({ fields: ['sum(nope)'] }, 'fields');
    });

    it('in filters, every shape', async () => {
      await refused({ filters: { nope: 1 } }, 'filters');
      await refused({ filters: [['nope', '=', 1]] }, 'filters');
      await refused({ filters: [[ORDER, 'nope', '=', 1]] }, 'filters');
      await refused({ filters: [[ORDER_ITEM, 'nope', '=', 1]] }, 'filters');
      await refused({ filters: [['No Such DocType', 'name', '=', 1]] }, 'filters');
      // A DocType that is not a child table of the one listed.
      await refused({ filters: [[REGION, 'name', '=', 'Europe']] }, 'filters');
    });

    it('in or_filters, named as or_filters', async () => {
      await refused({ or_filters: [['nope', '=', 1]] }, 'or_filters');
      await refused({ or_filters: { nope: 1 } }, 'or_filters');
    });

    it('in order_by and group_by', async () => {
      await refused({ order_by: 'nope desc' }, 'order_by');
      await refused({ order_by: 'name asc, nope' }, 'order_by');
      await refused({ fields: ['count(*) as n'], group_by: 'nope' }, 'group_by');
    });

    it('a layout field holds no value', async () => {
      const error = await rejectsWith(getList(ctx, 'User', { fields: ['column_break_1'] }), ValidationError, { exact: true });
      expectNamed(error, 'fields');
    });
  });

  describe('SQL fragments', () => {
    const FRAGMENTS = ['name; drop table x', 'sleep(1)', 'name desc, (select 1)', '1=1', '`name` /*', 'modified desc limit 1', 'name) union select password from `tabUser` --'];

    it('are refused in fields', async () => {
      for (const fragment of FRAGMENTS) await refused({ fields: [fragment] }, 'fields');
      await refused({ fields: 'name, sleep(1)' }, 'fields');
    });

    it('are refused in order_by', async () => {
      for (const fragment of FRAGMENTS) await refused({ order_by: fragment }, 'order_by');
    });

    it('are refused in group_by', async () => {
      for (const fragment of FRAGMENTS) await refused({ fields: ['count(*) as n'], group_by: fragment }, 'group_by');
    });

    it('are refused as a filter field', async () => {
      for (const fragment of FRAGMENTS) {
        await refused({ filters: [[fragment, '=', 1]] }, 'filters');
        await refused({ filters: { [fragment]: 1 } }, 'filters');
      }
    });

    it('in a value they are only text to compare with', async () => {
      expect(await names(ctx, { filters: { customer: "x' or '1'='1" } })).to.deep.equal([]);
      expect(await names(ctx, { filters: { customer: ['like', "%' or 1=1 --"] } })).to.deep.equal([]);
      expect(await names(ctx, { filters: { customer: ['in', ["') or 1=1 --"]] } })).to.deep.equal([]);
      expect(await names(ctx, {})).to.deep.equal(ALL_ORDERS);
    });

    it('an alias must be a plain name', async () => {
      await refused({ fields: ['customer as `a b`'] }, 'fields');
      await refused({ fields: ['count(*) as n; drop table x'] }, 'fields');
    });
  });

  describe('operators a field type does not take', () => {
    it('like on an Int, > on a Check, timespan on Data', async () => {
      await refused({ filters: { priority: ['like', '%1%'] } }, 'priority');
      await refused({ filters: [['urgent', '>', 0]] }, 'urgent');
      await refused({ filters: { customer: ['timespan', 'today'] } }, 'customer');
    });

    it('between on Data, tree operators off a tree, an unknown operator', async () => {
      await refused({ filters: { customer: ['between', ['a', 'b']] } }, 'customer');
      await refused({ filters: { customer: ['descendants of', 'Europe'] } }, 'customer');
      await refused({ filters: [['status', 'ancestors of', 'Open']] }, 'status');
      await refused({ filters: [['customer', 'regexp', '.*']] }, 'customer');
      await refused({ filters: [['customer', 1, 'x']] }, 'customer');
    });
  });

  describe('values of the wrong type', () => {
    it('text for an Int or a Currency', async () => {
      await refused({ filters: { priority: 'abc' } }, 'priority');
      await refused({ filters: { amount: ['>', 'lots'] } }, 'amount');
      await refused({ filters: { priority: ['in', [1, 'two']] } }, 'priority');
    });

    it('a date that is not a calendar day, a datetime or time out of range', async () => {
      await refused({ filters: { order_date: '2024-13-45' } }, 'order_date');
      await refused({ filters: { order_date: '2024-02-30' } }, 'order_date');
      await refused({ filters: { order_date: ['>', 'yesterday'] } }, 'order_date');
      await refused({ filters: { due_at: 'noon' } }, 'due_at');
      await refused({ filters: { due_at: '2024-01-01 24:00:00' } }, 'due_at');
      await refused({ filters: { slot: '25:00' } }, 'slot');
      await refused({ filters: { order_date: ['between', ['2024-01-01', '2024-02-31']] } }, 'order_date');
    });

    it('the wrong shape for the operator', async () => {
      await refused({ filters: { amount: ['between', 5] } }, 'amount');
      await refused({ filters: { amount: ['between', [1, 2, 3]] } }, 'amount');
      await refused({ filters: { order_date: ['timespan', 'fortnight'] } }, 'order_date');
      await refused({ filters: { order_date: ['previous', '2 weeks'] } }, 'order_date');
      await refused({ filters: { customer: ['is', 'maybe'] } }, 'customer');
      await refused({ filters: { customer: { nested: 1 } } }, 'customer');
      await refused({ filters: { customer: ['like', null] } }, 'customer');
      await refused({ filters: { region: ['descendants of', ''] } }, 'region');
    });
  });

  describe('malformed parameters', () => {
    it('bad JSON names the parameter', async () => {
      await refused({ filters: '[["status", "=", "Open"]' }, 'filters');
      await refused({ or_filters: '{bad' }, 'or_filters');
      await refused({ fields: '["name"' }, 'fields');
    });

    it('filters that are neither a list nor an object', async () => {
      await refused({ filters: 42 }, 'filters');
      await refused({ filters: [42] }, 'filters');
      await refused({ filters: [['status']] }, 'filters');
      await refused({ filters: [['a', 'b', 'c', 'd', 'e', 'f']] }, 'filters');
      await refused({ fields: [1, 2] }, 'fields');
      await refused({ order_by: ['name'] }, 'order_by');
    });

    it('bad limits: negative, not a number, not whole', async () => {
      await refused({ limit: -1 }, 'limit');
      await refused({ limit: 'abc' }, 'limit');
      await refused({ limit: 1.5 }, 'limit');
      await refused({ limit_page_length: '1.5' }, 'limit_page_length');
      await refused({ limit_start: -1 }, 'limit_start');
      await refused({ limit_start: 'x' }, 'limit_start');
    });

    it('more conditions, values or pattern than any database takes (417, never a 500 on SQLite)', async () => {
      const many = (n: number) => Array.from({ length: n }, (_, i) => ['customer', '!=', `x${i}`]);
      await refused({ filters: many(FILTER_LIMITS.conditions + 1) }, 'filters');
      await refused({ or_filters: many(FILTER_LIMITS.conditions + 1) }, 'or_filters');
      const values = Array.from({ length: FILTER_LIMITS.values + 1 }, (_, i) => `v${i}`);
      await refused({ filters: { customer: ['in', values] } }, 'filters');
      await refused({ filters: [['customer', 'not in', values.slice(0, 6000)], ['status', 'in', values.slice(0, 6000)]] }, 'filters');
      await refused({ filters: { customer: ['like', 'a'.repeat(FILTER_LIMITS.pattern + 1)] } }, 'customer');
    });

    it('more fields, order_by or group_by terms than any request needs', async () => {
      await refused({ fields: Array.from({ length: SELECT_LIMITS.fields + 1 }, () => 'name') }, 'fields');
      await refused({ order_by: Array.from({ length: SELECT_LIMITS.terms + 1 }, () => 'name asc').join(', ') }, 'order_by');
      await refused({ group_by: Array.from({ length: SELECT_LIMITS.terms + 1 }, () => 'status').join(', ') }, 'group_by');
    });

    it('right at those bounds the query runs', async () => {
      const many = Array.from({ length: FILTER_LIMITS.conditions }, (_, i) => ['customer', '!=', `x${i}`]);
      expect(await names(ctx, { filters: many, or_filters: many })).to.deep.equal(ALL_ORDERS);
      const values = Array.from({ length: FILTER_LIMITS.values - 1 }, (_, i) => `v${i}`);
      expect(await names(ctx, { filters: { customer: ['in', [...values, 'Bob']] } })).to.deep.equal(['SO-002']);
      // Every row matches a pattern of nothing but %, NULL and '' included.
      expect(await names(ctx, { filters: { customer: ['like', '%'.repeat(FILTER_LIMITS.pattern)] } })).to.deep.equal(ALL_ORDERS);
      expect(await names(ctx, { filters: { customer: ['not like', '%'.repeat(FILTER_LIMITS.pattern)] } })).to.deep.equal([]);
    });

    it('an aggregate that needs a number, and two columns under one key', async () => {
      await refused({ fields: ['sum(customer)'] }, 'fields');
      await refused({ fields: ['avg(order_date)'] }, 'fields');
      await refused({ fields: ['name', 'customer as name'] }, 'fields');
    });
  });

  describe('DocTypes that cannot be listed', () => {
    it('an unknown DocType is a 404 DoesNotExistError', async () => {
      for (const call of [getList(ctx, 'No Such DocType', {}), getCount(ctx, 'No Such DocType', {}), searchLink(ctx, { doctype: 'No Such DocType', txt: 'x' })]) {
        const error = await rejectsWith(call, DoesNotExistError);
        expect(error.httpStatus).to.equal(404);
      }
    });

    it('a Single DocType has no list', async () => {
      expectNamed(await rejectsWith(getList(ctx, SETTINGS, {}), ValidationError, { exact: true }), 'doctype');
      expectNamed(await rejectsWith(getCount(ctx, SETTINGS, {}), ValidationError, { exact: true }), 'doctype');
      expectNamed(await rejectsWith(searchLink(ctx, { doctype: SETTINGS, txt: '' }), ValidationError, { exact: true }), 'doctype');
    });

    it('a child DocType listed by a user other than Administrator needs parent', async () => {
      const reader = await userContext(site, 'reader@example.com');
      expectNamed(await rejectsWith(getList(reader, ORDER_ITEM, { fields: ['item_code'] }), ValidationError, { exact: true }), 'parent');
      expectNamed(await rejectsWith(getList(reader, ORDER_ITEM, { parent: REGION }), ValidationError, { exact: true }), 'parent');
      const rows = (await getList(reader, ORDER_ITEM, { parent: ORDER, fields: ['parent', 'item_code', 'qty'], filters: { item_code: 'C' }, order_by: 'parent asc' })).rows;
      expect(rows).to.deep.equal([
        { parent: 'SO-004', item_code: 'C', qty: 5 },
        { parent: 'SO-005', item_code: 'C', qty: 1 },
      ]);
      // The reader may list the orders themselves.
      expect(await names(reader, {})).to.deep.equal(ALL_ORDERS);
    });

    it('Administrator may list a child DocType without parent', async () => {
      const result = await getList(ctx, ORDER_ITEM, { fields: ['item_code', 'count(*) as n'], group_by: 'item_code', order_by: 'item_code asc' });
      expect(result.rows).to.deep.equal([
        { item_code: 'A', n: 3 },
        { item_code: 'B', n: 2 },
        { item_code: 'C', n: 2 },
      ]);
    });

    it('group-by counts refuse unknown and child fields', async () => {
      expectNamed(await rejectsWith(getGroupByCount(ctx, ORDER, {}, 'nope'), ValidationError, { exact: true }), 'field');
      expectNamed(await rejectsWith(getGroupByCount(ctx, ORDER, {}, 'items.qty'), ValidationError, { exact: true }), 'field');
    });
  });

  it('after all of that, the tables are intact', async () => {
    expect(await getCount(ctx, ORDER, {})).to.equal(6);
    expect(await getCount(ctx, 'User', {})).to.be.at.least(2);
  });
});
