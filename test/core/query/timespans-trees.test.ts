/**
 * Relative date filters (timespan, previous, next) on a Date and a Datetime, against events placed on
 * the edges of every period around today, so the expectations hold whatever the day; and the tree
 * operators on a Link to a tree and on the tree's own name.
 */
import { expect } from 'chai';
import { intervalRange, TIMESPANS, timespanRange, type QueryContext } from '../../../core/query';
import {
  adminContext,
  allOrdersBut,
  ALL_ORDERS,
  DOCTYPES,
  EVENT,
  eventDays,
  eventsWithin,
  names,
  periods,
  ymd,
  REGION,
  seed,
  type Timespan,
} from '../../fixtures/query/fixture';
import { createTestSite, type TestSite } from '../../support/site';

describe('query: timespans and trees', () => {
  let site: TestSite;
  let ctx: QueryContext;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'query_dates' });
    await seed(site);
    ctx = await adminContext(site);
  });
  after(() => site.destroy());

  const events = (filters: unknown) => names(ctx, { filters }, EVENT);

  describe('timespan', () => {
    it('knows every timespan the spec lists', () => {
      expect([...TIMESPANS].sort()).to.deep.equal((Object.keys(periods()) as string[]).sort());
    });

    it('today, yesterday and tomorrow are single days', async () => {
      const days = eventDays();
      expect(await events({ day: ['timespan', 'today'] })).to.include('today').and.to.not.include('yesterday').and.to.not.include('tomorrow');
      expect(await events({ day: ['timespan', 'yesterday'] })).to.deep.equal(eventsWithin(days, periods().yesterday));
      expect(await events({ day: ['timespan', 'tomorrow'] })).to.deep.equal(eventsWithin(days, periods().tomorrow));
    });

    // last / this / next are whole calendar periods (weeks from Monday), as in Frappe.
    for (const span of TIMESPANS.filter((s) => !['today', 'yesterday', 'tomorrow'].includes(s))) {
      it(`${span}: from its first to its last day, not a day more (Date)`, async () => {
        const found = await events({ day: ['timespan', span] });
        expect(found).to.include(`${span} start`).and.to.include(`${span} end`);
        expect(found).to.not.include(`${span} before`).and.to.not.include(`${span} after`);
        expect(found).to.deep.equal(eventsWithin(eventDays(), periods()[span as Timespan]));
      });
    }

    it('on a Datetime a timespan covers whole days, first to last microsecond', async () => {
      const found = await events({ at: ['timespan', 'today'] });
      expect(found).to.include('today first instant').and.to.include('today last instant').and.to.include('today');
      expect(found).to.not.include('yesterday').and.to.not.include('tomorrow');
      const month = await events({ at: ['timespan', 'this month'] });
      expect(month).to.include('this month start').and.to.include('this month end').and.to.include('today last instant');
      expect(month).to.not.include('this month before').and.to.not.include('this month after');
    });

    it('rows with no date are in no timespan', async () => {
      for (const span of ['today', 'this year', 'last 6 months']) expect(await events({ day: ['timespan', span] }), span).to.not.include('today first instant');
    });
  });

  describe('previous / next', () => {
    const SAME_AS: [interval: string, period: string][] = [
      ['1 week', 'week'],
      ['1 month', 'month'],
      ['3 months', 'quarter'],
      ['6 months', '6 months'],
      ['1 year', 'year'],
    ];
    for (const [interval, period] of SAME_AS) {
      it(`previous ${interval} is last ${period}; next ${interval} is next ${period}`, async () => {
        const days = eventDays();
        expect(await events({ day: ['previous', interval] })).to.deep.equal(eventsWithin(days, periods()[`last ${period}` as Timespan]));
        expect(await events({ day: ['next', interval] })).to.deep.equal(eventsWithin(days, periods()[`next ${period}` as Timespan]));
      });
    }

    it('on a Datetime too, never including today for previous 1 week', async () => {
      const found = await events({ at: ['previous', '1 week'] });
      expect(found).to.include('last week start').and.to.include('last week end');
      expect(found).to.not.include('today').and.to.not.include('today last instant');
    });
  });

  describe('the ranges on awkward days (core/query/dates.ts with a fixed today)', () => {
    it('on Monday 1 January 2024 (year, quarter, month and week all start)', () => {
      const t = new Date(2024, 0, 1);
      expect(timespanRange('last week', t)).to.deep.equal(['2023-12-25', '2023-12-31']);
      expect(timespanRange('this week', t)).to.deep.equal(['2024-01-01', '2024-01-07']);
      expect(timespanRange('last month', t)).to.deep.equal(['2023-12-01', '2023-12-31']);
      expect(timespanRange('last quarter', t)).to.deep.equal(['2023-10-01', '2023-12-31']);
      expect(timespanRange('last 6 months', t)).to.deep.equal(['2023-07-01', '2023-12-31']);
      expect(timespanRange('next 6 months', t)).to.deep.equal(['2024-04-01', '2024-09-30']);
      expect(timespanRange('last year', t)).to.deep.equal(['2023-01-01', '2023-12-31']);
      expect(timespanRange('yesterday', t)).to.deep.equal(['2023-12-31', '2023-12-31']);
      expect(intervalRange('previous', '3 months', t)).to.deep.equal(['2023-10-01', '2023-12-31']);
    });

    it('on Sunday 31 March 2024 and on 29 February (month ends, leap day)', () => {
      const sunday = new Date(2024, 2, 31);
      expect(timespanRange('this week', sunday)).to.deep.equal(['2024-03-25', '2024-03-31']);
      expect(timespanRange('next month', sunday)).to.deep.equal(['2024-04-01', '2024-04-30']);
      expect(timespanRange('last month', sunday)).to.deep.equal(['2024-02-01', '2024-02-29']);
      expect(timespanRange('next quarter', sunday)).to.deep.equal(['2024-04-01', '2024-06-30']);
      const leap = new Date(2024, 1, 29);
      expect(timespanRange('this month', leap)).to.deep.equal(['2024-02-01', '2024-02-29']);
      expect(intervalRange('next', '1 year', leap)).to.deep.equal(['2025-01-01', '2025-12-31']);
      expect(intervalRange('previous', '1 week', leap)).to.deep.equal(['2024-02-19', '2024-02-25']);
    });

    it('agrees with the fixture\'s own calendar arithmetic on every day of a year', () => {
      for (let d = new Date(2023, 0, 1); d.getFullYear() === 2023; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
        const expected = periods(d);
        for (const span of TIMESPANS) {
          const [from, to] = expected[span as Timespan];
          expect(timespanRange(span, d), `${span} on ${ymd(d)}`).to.deep.equal([ymd(from), ymd(to)]);
        }
      }
    });
  });

  describe('tree operators on a Link to the tree (region)', () => {
    const where = (filters: unknown) => names(ctx, { filters });

    it('descendants of: the node\'s subtree, without the node', async () => {
      expect(await where({ region: ['descendants of', 'Europe'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-003']);
      expect(await where({ region: ['descendants of', 'Germany'] })).to.deep.equal(['SO-003']);
      expect(await where({ region: ['descendants of', 'All Regions'] })).to.deep.equal(allOrdersBut('SO-005'));
    });

    it('descendants of (inclusive): with the node', async () => {
      expect(await where({ region: ['descendants of (inclusive)', 'Europe'] })).to.deep.equal(['SO-001', 'SO-002', 'SO-003', 'SO-006']);
      expect(await where({ region: ['descendants of (inclusive)', 'France'] })).to.deep.equal(['SO-001']);
    });

    it('not descendants of: everything else, rows without a region included', async () => {
      expect(await where({ region: ['not descendants of', 'Europe'] })).to.deep.equal(['SO-004', 'SO-005', 'SO-006']);
    });

    it('ancestors of: the nodes above, without the node', async () => {
      expect(await where({ region: ['ancestors of', 'Bavaria'] })).to.deep.equal(['SO-002', 'SO-006']);
      expect(await where({ region: ['ancestors of', 'All Regions'] })).to.deep.equal([]);
    });

    it('not ancestors of: everything else, rows without a region included', async () => {
      expect(await where({ region: ['not ancestors of', 'Bavaria'] })).to.deep.equal(['SO-001', 'SO-003', 'SO-004', 'SO-005']);
    });

    it('an unknown node has no descendants or ancestors', async () => {
      expect(await where({ region: ['descendants of', 'Atlantis'] })).to.deep.equal([]);
      expect(await where({ region: ['ancestors of', 'Atlantis'] })).to.deep.equal([]);
      expect(await where({ region: ['not descendants of', 'Atlantis'] })).to.deep.equal(ALL_ORDERS);
      expect(await where({ region: ['not ancestors of', 'Atlantis'] })).to.deep.equal(ALL_ORDERS);
    });

    it('combines with other conditions and in or_filters', async () => {
      expect(await where([['region', 'descendants of (inclusive)', 'Europe'], ['status', '=', 'Open']])).to.deep.equal(['SO-001', 'SO-003', 'SO-006']);
      expect(await names(ctx, { or_filters: [['region', 'descendants of', 'Asia'], ['region', 'descendants of', 'Germany']] })).to.deep.equal(['SO-003', 'SO-004']);
    });
  });

  describe('tree operators on the tree\'s own name', () => {
    const regions = (filters: unknown) => names(ctx, { filters }, REGION);

    it('descendants of / (inclusive) / not descendants of', async () => {
      expect(await regions({ name: ['descendants of', 'Europe'] })).to.deep.equal(['Bavaria', 'France', 'Germany']);
      expect(await regions({ name: ['descendants of (inclusive)', 'Europe'] })).to.deep.equal(['Bavaria', 'Europe', 'France', 'Germany']);
      expect(await regions({ name: ['not descendants of', 'Europe'] })).to.deep.equal(['All Regions', 'Asia', 'Europe', 'Japan', 'Oceania']);
    });

    it('ancestors of / not ancestors of', async () => {
      expect(await regions({ name: ['ancestors of', 'Bavaria'] })).to.deep.equal(['All Regions', 'Europe', 'Germany']);
      expect(await regions({ name: ['not ancestors of', 'Bavaria'] })).to.deep.equal(['Asia', 'Bavaria', 'France', 'Japan', 'Oceania']);
      expect(await regions({ name: ['ancestors of', 'Japan'] })).to.deep.equal(['All Regions', 'Asia']);
    });

    it('an unknown node', async () => {
      expect(await regions({ name: ['descendants of (inclusive)', 'Atlantis'] })).to.deep.equal([]);
      expect(await regions({ name: ['not ancestors of', 'Atlantis'] })).to.have.length(8);
    });

    it('the parent link of the tree takes tree operators too', async () => {
      expect(await regions({ parent_qt_region: ['descendants of (inclusive)', 'Europe'] })).to.deep.equal(['Bavaria', 'France', 'Germany']);
    });
  });
});
