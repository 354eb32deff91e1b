/**
 * getCount (filters, or_filters), getGroupByCount (sidebar counts: count desc, NULL as a group) and
 * searchLink (name, title and search fields; exact, then prefix, then the rest; disabled records left
 * out; page_length).
 */
import { expect } from 'chai';
import { getCount, getGroupByCount, searchLink, type QueryContext } from '../../../core/query';
import { adminContext, CUSTOMER, DOCTYPES, ORDER, ORDER_ITEM, seed } from '../../fixtures/query/fixture';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: counts and link search', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_counts' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  describe('getCount', () => {
    it('counts every row without filters, and the matching rows with them', async () => {
      expect(await getCount(ctx, ORDER, {})).to.equal(6);
      expect(await getCount(ctx, ORDER, { filters: { status: 'Open' } })).to.equal(3);
      expect(await getCount(ctx, ORDER, { filters: '[["customer", "!=", "Alice"]]' })).to.equal(5);
      expect(await getCount(ctx, ORDER, { filters: { customer: ['is', 'not set'] } })).to.equal(2);
    });

    it('or_filters, alone and with filters', async () => {
      expect(await getCount(ctx, ORDER, { or_filters: [['status', '=', 'Closed'], ['priority', '>=', 5]] })).to.equal(2);
      expect(await getCount(ctx, ORDER, { or_filters: [['status', '=', 'Closed'], ['priority', '>=', 3]], filters: { urgent: 0 } })).to.equal(2);
    });

    it('child filters count parents, not child rows', async () => {
      expect(await getCount(ctx, ORDER, { filters: [[ORDER_ITEM, 'qty', '>', 0]] })).to.equal(5);
      expect(await getCount(ctx, ORDER, { or_filters: [[ORDER_ITEM, 'item_code', '=', 'C'], ['name', '=', 'SO-003']] })).to.equal(3);
    });

    it('ignores paging and fields', async () => {
      expect(await getCount(ctx, ORDER, { limit: 1, limit_start: 4, fields: ['customer'] })).to.equal(6);
    });
  });

  describe('getGroupByCount', () => {
    it('counts per value, most common first, then by value; NULL is a group of its own', async () => {
      expect(await getGroupByCount(ctx, ORDER, {}, 'status')).to.deep.equal([
        { name: 'Open', count: 3 },
        { name: null, count: 1 },
        { name: 'Cancelled', count: 1 },
        { name: 'Closed', count: 1 },
      ]);
    });

    it('counts only the rows the filters keep', async () => {
      expect(await getGroupByCount(ctx, ORDER, { filters: { urgent: 0 } }, 'status')).to.deep.equal([
        { name: 'Open', count: 2 },
        { name: null, count: 1 },
        { name: 'Closed', count: 1 },
      ]);
      expect(await getGroupByCount(ctx, ORDER, { filters: [[ORDER_ITEM, 'item_code', '=', 'A']] }, 'status')).to.deep.equal([
        { name: 'Open', count: 2 },
        { name: 'Closed', count: 1 },
      ]);
    });

    it('on a Link and on an Int, answering typed values', async () => {
      expect(await getGroupByCount(ctx, ORDER, {}, 'region')).to.deep.equal([
        { name: null, count: 1 },
        { name: 'Bavaria', count: 1 },
        { name: 'Europe', count: 1 },
        { name: 'France', count: 1 },
        { name: 'Germany', count: 1 },
        { name: 'Japan', count: 1 },
      ]);
      expect(await getGroupByCount(ctx, ORDER, {}, 'priority')).to.deep.equal([
        { name: 3, count: 2 },
        { name: 0, count: 1 },
        { name: 1, count: 1 },
        { name: 2, count: 1 },
        { name: 5, count: 1 },
      ]);
    });
  });

  describe('searchLink', () => {
    const values = async (request: Parameters<typeof searchLink>[1]) => (await searchLink(ctx, request)).map((o) => o.value);

    it('matches the name, the title field and the search fields; exact name first, then prefix, then the rest', async () => {
      // ACME (exact), ACME-2 (prefix), then BACME (name), GLOBEX (city Acmeville), ZETA (title "Zeta Acme Holdings").
      expect(await values({ doctype: CUSTOMER, txt: 'acme' })).to.deep.equal(['ACME', 'ACME-2', 'BACME', 'GLOBEX', 'ZETA']);
      expect(await values({ doctype: CUSTOMER, txt: 'ACME' })).to.deep.equal(['ACME', 'ACME-2', 'BACME', 'GLOBEX', 'ZETA']);
    });

    it('answers the title as label and the search fields as description', async () => {
      const options = await searchLink(ctx, { doctype: CUSTOMER, txt: 'acme' });
      expect(options[0]).to.deep.equal({ value: 'ACME', label: 'Acme Corporation', description: 'Berlin' });
      expect(options.find((o) => o.value === 'GLOBEX')).to.deep.equal({ value: 'GLOBEX', label: 'Globex', description: 'Acmeville' });
    });

    it('matches by a search field alone', async () => {
      expect(await values({ doctype: CUSTOMER, txt: 'paris' })).to.deep.equal(['ACME-2']);
      expect(await values({ doctype: CUSTOMER, txt: 'holdings' })).to.deep.equal(['ZETA']);
    });

    it('leaves out disabled records, even on an exact name', async () => {
      expect(await values({ doctype: CUSTOMER, txt: 'vienna' })).to.deep.equal([]);
      expect(await values({ doctype: CUSTOMER, txt: 'OLD-ACME' })).to.deep.equal([]);
      expect(await values({ doctype: CUSTOMER, txt: '' })).to.not.include('OLD-ACME');
    });

    it('without text answers every enabled record (up to the page length)', async () => {
      expect(await values({ doctype: CUSTOMER, txt: '' })).to.deep.equal(['ACME', 'ACME-2', 'BACME', 'GLOBEX', 'INITECH', 'ZETA']);
    });

    it('respects page_length', async () => {
      expect(await values({ doctype: CUSTOMER, txt: '', page_length: 2 })).to.have.length(2);
      // Ranked before the page is cut: a small page keeps the best matches.
      expect(await values({ doctype: CUSTOMER, txt: 'acme', page_length: 1 })).to.deep.equal(['ACME']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', page_length: 3 })).to.deep.equal(['ACME', 'ACME-2', 'BACME']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', page_length: 2, start: 2 })).to.deep.equal(['BACME', 'GLOBEX']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', page_length: 100 })).to.have.length(5);
    });

    it('takes filters, as objects or JSON text, on top of the text', async () => {
      expect(await values({ doctype: CUSTOMER, txt: 'acme', filters: { city: 'Paris' } })).to.deep.equal(['ACME-2']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', filters: '{"city": "Rome"}' })).to.deep.equal(['BACME']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', filters: { city: ['like', 'Par%'] } })).to.deep.equal(['ACME-2']);
      expect(await values({ doctype: CUSTOMER, txt: 'acme', filters: { city: ['not set'] } })).to.not.include('ACME-2');
      expect(await values({ doctype: CUSTOMER, txt: '', filters: [['city', 'like', 'A%']] })).to.deep.equal(['GLOBEX', 'INITECH']);
    });

    it('a record whose title is its name has no label', async () => {
      const orders = await searchLink(ctx, { doctype: ORDER, txt: 'SO-002' });
      expect(orders).to.deep.equal([{ value: 'SO-002' }]);
    });
  });
});
