/**
 * Every comparison, membership, null-test and range operator on each field type, with Frappe's
 * ifnull() semantics for empty values (NULL and ''), and proof from the generated SQL that `=` and
 * `in` leave the column bare (no ifnull/coalesce, no OR IS NULL) so an index still serves them.
 */
import { expect } from 'chai';
import { applyCondition } from '../../../core/query/conditions';
import { parseFilters } from '../../../core/query/filters';
import { ReferenceResolver } from '../../../core/query/references';
import type { QueryContext } from '../../../core/query';
import { adminContext, allOrdersBut, ALL_ORDERS, DOCTYPES, names, ORDER, seed } from '../../fixtures/query/fixture';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: operators', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_ops' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  const where = (filters: unknown) => names(ctx, { filters });

  describe('comparison on text (customer: Alice, Bob, \'\', NULL, Carol, alice b)', () => {
    it('= matches the value only; = \'\' and = null match both \'\' and NULL', async () => {
      expect(await where({ customer: 'Bob' })).to.deep.equal(['SO-002']);
      expect(await where({ customer: '' })).to.deep.equal(['SO-003', 'SO-004']);
      expect(await where({ customer: null })).to.deep.equal(['SO-003', 'SO-004']);
    });

    it('!= includes the rows whose value is NULL or \'\'', async () => {
      expect(await where({ customer: ['!=', 'Alice'] })).to.deep.equal(allOrdersBut('SO-001'));
    });

    it('!= \'\' leaves out both NULL and \'\'', async () => {
      expect(await where({ customer: ['!=', ''] })).to.deep.equal(['SO-001', 'SO-002', 'SO-005', 'SO-006']);
    });

    it('like uses the pattern verbatim (the client writes the %)', async () => {
      expect(await where({ customer: ['like', '%li%'] })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await where({ customer: ['like', 'Bo'] })).to.deep.equal([]);
      expect(await where({ customer: ['like', 'Bo_'] })).to.deep.equal(['SO-002']);
      expect(await where({ notes: ['like', '%call first%'] })).to.deep.equal(['SO-001', 'SO-003']);
    });

    it('not like includes NULL and \'\'; like \'%\' matches them too', async () => {
      expect(await where({ customer: ['not like', '%li%'] })).to.deep.equal(['SO-002', 'SO-003', 'SO-004', 'SO-005']);
      expect(await where({ customer: ['like', '%'] })).to.deep.equal(ALL_ORDERS);
    });

    it('comparison on a Select, NULL status counting as \'\'', async () => {
      expect(await where({ status: 'Open' })).to.deep.equal(['SO-001', 'SO-003', 'SO-006']);
      expect(await where({ status: ['!=', 'Open'] })).to.deep.equal(['SO-002', 'SO-004', 'SO-005']);
      expect(await where({ status: ['like', 'C%'] })).to.deep.equal(['SO-002', 'SO-004']);
    });
  });

  describe('in / not in', () => {
    it('in takes a list or comma-separated text', async () => {
      expect(await where({ customer: ['in', ['Alice', 'Bob']] })).to.deep.equal(['SO-001', 'SO-002']);
      expect(await where({ customer: ['in', 'Alice, Bob'] })).to.deep.equal(['SO-001', 'SO-002']);
      expect(await where({ amount: ['in', '100,75'] })).to.deep.equal(['SO-001', 'SO-004', 'SO-006']);
    });

    it('in with \'\' among the values matches NULL too', async () => {
      expect(await where({ customer: ['in', ['Alice', '']] })).to.deep.equal(['SO-001', 'SO-003', 'SO-004']);
    });

    it('not in includes NULL and \'\', in list and text forms', async () => {
      expect(await where({ customer: ['not in', ['Alice', 'Bob']] })).to.deep.equal(['SO-003', 'SO-004', 'SO-005', 'SO-006']);
      expect(await where({ customer: ['not in', 'Alice,Bob'] })).to.deep.equal(['SO-003', 'SO-004', 'SO-005', 'SO-006']);
      expect(await where({ region: ['not in', ['France', 'Germany', 'Bavaria', 'Japan']] })).to.deep.equal(['SO-005', 'SO-006']);
    });

    it('an empty list: in matches nothing, not in everything', async () => {
      expect(await where({ customer: ['in', []] })).to.deep.equal([]);
      expect(await where({ customer: ['not in', []] })).to.deep.equal(ALL_ORDERS);
    });

    it('in / not in on a Check and an Int', async () => {
      expect(await where({ urgent: ['in', [1]] })).to.deep.equal(['SO-001', 'SO-004']);
      expect(await where({ priority: ['not in', '3,5'] })).to.deep.equal(['SO-002', 'SO-003', 'SO-005']);
    });
  });

  describe('numbers', () => {
    it('= > < >= <= != on an Int', async () => {
      expect(await where({ priority: 3 })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await where({ priority: ['>', 3] })).to.deep.equal(['SO-004']);
      expect(await where({ priority: ['<', 2] })).to.deep.equal(['SO-002', 'SO-003']);
      expect(await where({ priority: ['>=', 3] })).to.deep.equal(['SO-001', 'SO-004', 'SO-006']);
      expect(await where({ priority: ['<=', 1] })).to.deep.equal(['SO-002', 'SO-003']);
      expect(await where({ priority: ['!=', 3] })).to.deep.equal(['SO-002', 'SO-003', 'SO-004', 'SO-005']);
    });

    it('Currency and Float compare as decimals', async () => {
      expect(await where({ amount: ['>', 100] })).to.deep.equal(['SO-002', 'SO-005']);
      expect(await where({ amount: 250.5 })).to.deep.equal(['SO-002']);
      expect(await where({ weight: ['>=', 1.5] })).to.deep.equal(['SO-001', 'SO-003', 'SO-005']);
    });

    it('= and != on a Check', async () => {
      expect(await where({ urgent: 1 })).to.deep.equal(['SO-001', 'SO-004']);
      expect(await where({ urgent: ['!=', 1] })).to.deep.equal(['SO-002', 'SO-003', 'SO-005', 'SO-006']);
      expect(await where({ urgent: true })).to.deep.equal(['SO-001', 'SO-004']);
    });

    it('NULL in a nullable number (Rating) compares as 0', async () => {
      // rating: 0.8, 0.4, NULL, 0.2, NULL, 0
      expect(await where({ rating: ['<', 0.5] })).to.deep.equal(['SO-002', 'SO-003', 'SO-004', 'SO-005', 'SO-006']);
      expect(await where({ rating: 0 })).to.deep.equal(['SO-003', 'SO-005', 'SO-006']);
      expect(await where({ rating: ['>', 0.3] })).to.deep.equal(['SO-001', 'SO-002']);
      expect(await where({ rating: ['!=', 0.4] })).to.deep.equal(allOrdersBut('SO-002'));
      expect(await where({ rating: ['>=', 0] })).to.deep.equal(ALL_ORDERS);
    });

    it('NULL in a nullable Duration compares as 0', async () => {
      // duration: 3600, 0, NULL, 120, 60, NULL
      expect(await where({ duration: ['>=', 60] })).to.deep.equal(['SO-001', 'SO-004', 'SO-005']);
      expect(await where({ duration: ['<=', 0] })).to.deep.equal(['SO-002', 'SO-003', 'SO-006']);
    });

    it('between on numbers is inclusive, and NULL counts as 0', async () => {
      expect(await where({ weight: ['between', [0, 2]] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004', 'SO-006']);
      expect(await where({ rating: ['between', [0.2, 0.4]] })).to.deep.equal(['SO-002', 'SO-004']);
      expect(await where({ rating: ['between', [0, 0.2]] })).to.deep.equal(['SO-003', 'SO-004', 'SO-005', 'SO-006']);
      expect(await where({ amount: ['between', '[75, 100]'] })).to.deep.equal(['SO-001', 'SO-004', 'SO-006']);
    });
  });

  describe('is set / is not set', () => {
    it('on text: \'\' and NULL are not set', async () => {
      expect(await where({ customer: ['is', 'set'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-005', 'SO-006']);
      expect(await where({ customer: ['is', 'not set'] })).to.deep.equal(['SO-003', 'SO-004']);
      expect(await where({ region: ['is', 'not set'] })).to.deep.equal(['SO-005']);
    });

    it('"set" and "not set" may also be given as the operator', async () => {
      expect(await where([['customer', 'not set', null]])).to.deep.equal(['SO-003', 'SO-004']);
      expect(await where({ customer: ['not set'] })).to.deep.equal(['SO-003', 'SO-004']);
      expect(await where([['customer', 'set', null]])).to.deep.equal(['SO-001', 'SO-002', 'SO-005', 'SO-006']);
    });

    it('on an Int (never NULL): 0 is not set, and set / not set split the rows', async () => {
      expect(await where({ priority: ['is', 'set'] })).to.deep.equal(allOrdersBut('SO-003'));
      expect(await where({ priority: ['is', 'not set'] })).to.deep.equal(['SO-003']);
    });

    it('on a nullable Rating: NULL and 0 are not set', async () => {
      expect(await where({ rating: ['is', 'set'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004']);
      expect(await where({ rating: ['is', 'not set'] })).to.deep.equal(['SO-003', 'SO-005', 'SO-006']);
    });

    it('on dates, datetimes and times: NULL is not set', async () => {
      expect(await where({ order_date: ['is', 'not set'] })).to.deep.equal(['SO-003']);
      expect(await where({ order_date: ['is', 'set'] })).to.deep.equal(allOrdersBut('SO-003'));
      expect(await where({ due_at: ['is', 'not set'] })).to.deep.equal(['SO-003']);
      expect(await where({ slot: ['is', 'set'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004', 'SO-006']);
    });
  });

  describe('dates, datetimes and times', () => {
    it('comparisons on a Date; < includes NULL (read as 0001-01-01), > does not', async () => {
      expect(await where({ order_date: '2024-01-10' })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await where({ order_date: ['<', '2024-01-01'] })).to.deep.equal(['SO-003', 'SO-005']);
      expect(await where({ order_date: ['>', '2024-01-10'] })).to.deep.equal(['SO-002', 'SO-004']);
      expect(await where({ order_date: ['>=', '2024-01-10'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-004', 'SO-006']);
      expect(await where({ order_date: ['!=', '2024-01-10'] })).to.deep.equal(['SO-002', 'SO-003', 'SO-004', 'SO-005']);
    });

    it('between on a Date is inclusive', async () => {
      expect(await where({ order_date: ['between', ['2024-01-10', '2024-02-15']] })).to.deep.equal(['SO-001', 'SO-002', 'SO-006']);
      expect(await where({ order_date: ['between', '["2023-12-31", "2024-01-10"]'] })).to.deep.equal(['SO-001', 'SO-005', 'SO-006']);
    });

    it('between on a Datetime with date-only bounds covers the whole of both days', async () => {
      expect(await where({ due_at: ['between', ['2024-01-10', '2024-01-10']] })).to.deep.equal(['SO-001']);
      expect(await where({ due_at: ['between', ['2024-02-15', '2024-02-15']] })).to.deep.equal(['SO-002']);
      expect(await where({ due_at: ['between', ['2024-01-11', '2024-03-01']] })).to.deep.equal(['SO-002', 'SO-004', 'SO-006']);
    });

    it('between on a Datetime with full bounds is exact at both ends', async () => {
      expect(await where({ due_at: ['between', ['2024-01-10 10:00:00', '2024-01-11 00:00:00']] })).to.deep.equal(['SO-006']);
      expect(await where({ due_at: ['between', ['2024-01-10 09:00:01', '2024-01-10 23:59:59']] })).to.deep.equal([]);
    });

    it('= and > on a Datetime read the value as the full timestamp (same answer on every database)', async () => {
      expect(await where({ due_at: '2024-03-01 00:00:00' })).to.deep.equal(['SO-004']);
      expect(await where({ due_at: '2024-03-01T00:00' })).to.deep.equal(['SO-004']);
      // A date-only value is midnight: SO-004 is due exactly then, so not after it.
      expect(await where({ due_at: ['>', '2024-03-01'] })).to.deep.equal([]);
      expect(await where({ due_at: ['>=', '2024-03-01'] })).to.deep.equal(['SO-004']);
      expect(await where({ due_at: ['<', '2024-01-11'] })).to.deep.equal(['SO-001', 'SO-003', 'SO-005']);
    });

    it('Time values are compared as HH:MM:SS whatever the spelling; NULL reads as 00:00:00', async () => {
      expect(await where({ slot: '09:00:00' })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await where({ slot: '9:00' })).to.deep.equal(['SO-001', 'SO-006']);
      expect(await where({ slot: ['>', '09:00'] })).to.deep.equal(['SO-002', 'SO-004']);
      expect(await where({ slot: ['<', '10:00'] })).to.deep.equal(['SO-001', 'SO-003', 'SO-005', 'SO-006']);
      expect(await where({ slot: ['between', ['14:00', '18:00:00']] })).to.deep.equal(['SO-002', 'SO-004']);
    });
  });

  describe('the generated SQL', () => {
    function sqlFor(filters: unknown): string {
      const meta = site.registry.get(ORDER);
      const [cond] = parseFilters(filters, new ReferenceResolver(site.registry, meta));
      const q = site.db.knex(meta.tableName).select('name');
      applyCondition(q, `${meta.tableName}.${cond!.ref.field.fieldname}`, cond!, undefined, new Map());
      return q.toSQL().sql.toLowerCase();
    }

    it('= and in on a nullable column leave it bare: no ifnull, no coalesce, no OR IS NULL', () => {
      for (const filters of [{ customer: 'Bob' }, { customer: ['in', ['Alice', 'Bob']] }, { order_date: '2024-01-10' }, { rating: ['in', [0.4, 0.8]] }]) {
        const sql = sqlFor(filters);
        expect(sql, JSON.stringify(filters)).to.not.match(/ifnull|coalesce|is null/);
        expect(sql, JSON.stringify(filters)).to.match(/(=|in) \(?\?/);
      }
    });

    it('!=, not in, not like and < on a date add OR IS NULL instead of wrapping the column', () => {
      for (const filters of [{ customer: ['!=', 'Bob'] }, { customer: ['not in', ['Bob']] }, { customer: ['not like', 'B%'] }, { order_date: ['<', '2024-01-01'] }]) {
        const sql = sqlFor(filters);
        expect(sql, JSON.stringify(filters)).to.not.match(/ifnull|coalesce/);
        expect(sql, JSON.stringify(filters)).to.match(/is null/);
      }
    });

    it('a NOT NULL column (Int) never gets OR IS NULL', () => {
      for (const filters of [{ priority: ['!=', 3] }, { priority: ['<', 3] }, { priority: 0 }]) expect(sqlFor(filters), JSON.stringify(filters)).to.not.match(/ifnull|coalesce|is null/);
    });

    it('every value is a bound parameter', () => {
      const sql = sqlFor({ customer: ['like', "%'; drop table x; --"] });
      expect(sql).to.not.contain('drop table');
      expect(sql).to.contain('?');
    });
  });
});
