/**
 * Customer ABC Classification (reports/customer_abc_classification) through
 * frappe.desk.query_report.run and the CSV export, against rows computed by hand. The period is June
 * 2026 (30 days), so the previous period is 2026-05-02..2026-05-31. June's revenue is 1,000: shares
 * of 50, 30, 5, 5, 5, 5 % put one customer exactly on the A line (80 % before it) and one exactly on
 * the B line (95 %), with a tie in revenue broken by name; customers with earlier orders only are D;
 * the previous period's ranking gives every movement; drafts, cancelled orders and orders after
 * to_date are ignored; the Fixed Amount method holds its amounts exactly; an empty period makes
 * everyone D; a user restricted to Germany is ranked among Germany's customers only.
 */
import { expect } from 'chai';
import { paretoChart } from '../../reports/customer_abc_classification/summary';
import { EXPORT, SalesHistory, type Row } from '../fixtures/reports/sales-history';

const REPORT = 'Customer ABC Classification';
const JUNE = { from_date: '2026-06-01', to_date: '2026-06-30' };

describe('report: Customer ABC Classification', () => {
  let h: SalesHistory;

  before(async () => {
    h = await SalesHistory.start('rep_abc');
    const customers: [string, string, [string, number][]?][] = [
      ['Ant', 'Germany', [['Bob', 100]]],
      ['Bee', 'France', [['Alice', 60], ['Bob', 40]]],
      ['Cat', 'Germany'],
      ['Dog', 'United States', [['Carol', 100]]],
      ['Eel', 'United Kingdom'],
      ['Fox', 'Germany'],
      ['Gnu', 'Germany'],
      ['Hen', 'United Kingdom'],
      ['Jay', 'Germany'],
      ['Ivy', 'France'],
    ];
    for (const [name, territory, team] of customers) await h.customer(name, { territory, group: 'Commercial', team });
    // [customer, date, amount, state]
    const orders: [string, string, number, ('draft' | 'cancelled')?][] = [
      ['Ant', '2026-05-31', 100], ['Ant', '2026-06-05', 300], ['Ant', '2026-06-20', 200], ['Ant', '2026-06-25', 9999, 'cancelled'], ['Ant', '2026-07-02', 700],
      ['Bee', '2026-05-02', 400], ['Bee', '2026-06-30', 300], ['Bee', '2026-06-15', 5000, 'draft'],
      ['Cat', '2026-05-20', 300], ['Cat', '2026-06-01', 50],
      ['Dog', '2026-04-01', 30], ['Dog', '2026-06-10', 50],
      ['Eel', '2026-05-15', 100], ['Eel', '2026-06-11', 50],
      ['Fox', '2026-06-12', 50],
      ['Gnu', '2026-05-10', 500],
      ['Hen', '2026-01-15', 80],
      ['Jay', '2026-05-01', 40],
      ['Ivy', '2026-06-03', 100, 'draft'], ['Ivy', '2026-06-04', 100, 'cancelled'],
    ];
    for (const [name, date, amount, state] of orders) await h.order(name, date, amount, state);
  });
  after(() => h?.close());

  const run = (filters: Row, client = h.admin) => h.run(REPORT, filters, client);
  const rows = async (filters: Row, client = h.admin): Promise<Row[]> => (await run({ ...JUNE, ...filters }, client)).result;
  /** [name, class, previous class, movement] per row, in rank order. */
  const classes = (list: Row[]) => list.map((r) => [r.customer_name, r.class, r.previous_class, r.movement]);

  const TERRITORY: Record<string, string> = { Ant: 'Germany', Bee: 'France', Cat: 'Germany', Dog: 'United States', Eel: 'United Kingdom', Fox: 'Germany', Gnu: 'Germany', Hen: 'United Kingdom', Jay: 'Germany' };
  const SALES_PERSON: Record<string, string> = { Ant: 'Bob', Bee: 'Alice', Dog: 'Carol' };
  const row = (rank: number, name: string, orders: number, revenue: number, share: number, cumulative: number, cls: string, previous: string | null, movement: string, last: string): Row => ({
    rank,
    customer: h.c[name],
    customer_name: name,
    territory: TERRITORY[name],
    sales_person: SALES_PERSON[name] ?? null,
    orders,
    revenue,
    share,
    cumulative_share: cumulative,
    class: cls,
    previous_class: previous,
    movement,
    last_order_date: last,
  });

  describe('cumulative share', () => {
    it('ranks by revenue (ties by name), classes on the share before each customer, D after all by name, with the previous class and the movement', async () => {
      expect(await rows({})).to.deep.equal([
        row(1, 'Ant', 2, 500, 50, 50, 'A', 'B', 'Up', '2026-06-20'),
        row(2, 'Bee', 1, 300, 30, 80, 'A', 'A', 'Same', '2026-06-30'),
        // 80 % before Cat: not below the A line.
        row(3, 'Cat', 1, 50, 5, 85, 'B', 'A', 'Down', '2026-06-01'),
        row(4, 'Dog', 1, 50, 5, 90, 'B', 'D', 'Up', '2026-06-10'),
        row(5, 'Eel', 1, 50, 5, 95, 'B', 'B', 'Same', '2026-06-11'),
        // 95 % before Fox: C; its first order is in the period: New.
        row(6, 'Fox', 1, 50, 5, 100, 'C', null, 'New', '2026-06-12'),
        row(7, 'Gnu', 0, 0, 0, 100, 'D', 'A', 'Lost', '2026-05-10'),
        row(8, 'Hen', 0, 0, 0, 100, 'D', 'D', 'Same', '2026-01-15'),
        // Jay's only order is the day before the previous period: D there too.
        row(9, 'Jay', 0, 0, 0, 100, 'D', 'D', 'Same', '2026-05-01'),
      ]);
    });

    it('keeps the customer that crosses the A line in A, and moves the lines with the filters', async () => {
      // A at 60 %: Bee (50 % before it, 80 % after) is still A.
      expect(classes(await rows({ a_share: 60 })).map((c) => c[1])).to.deep.equal(['A', 'A', 'B', 'B', 'B', 'C', 'D', 'D', 'D']);
      expect(classes(await rows({ a_share: 80.01, b_share: 95.01 })).map((c) => c[1])).to.deep.equal(['A', 'A', 'A', 'B', 'B', 'B', 'D', 'D', 'D']);
      // The top customer is always A.
      expect(classes(await rows({ a_share: 1, b_share: 1 })).map((c) => c[1])).to.deep.equal(['A', 'C', 'C', 'C', 'C', 'C', 'D', 'D', 'D']);
    });

    it('makes every customer with earlier orders D in an empty period (the previous one had Ant\'s July order)', async () => {
      expect(classes(await rows({ from_date: '2026-08-01', to_date: '2026-08-31' }))).to.deep.equal([
        ['Ant', 'D', 'A', 'Lost'],
        ['Bee', 'D', 'D', 'Same'],
        ['Cat', 'D', 'D', 'Same'],
        ['Dog', 'D', 'D', 'Same'],
        ['Eel', 'D', 'D', 'Same'],
        ['Fox', 'D', 'D', 'Same'],
        ['Gnu', 'D', 'D', 'Same'],
        ['Hen', 'D', 'D', 'Same'],
        ['Jay', 'D', 'D', 'Same'],
      ]);
      const answer = await run({ from_date: '2026-08-01', to_date: '2026-08-31' });
      expect(answer.result.map((r: Row) => [r.rank, r.share, r.cumulative_share, r.revenue])).to.deep.include([1, 0, 0, 0]);
    });

    it('lists nobody before the first order', async () => {
      expect(await rows({ from_date: '2025-01-01', to_date: '2025-12-31' })).to.deep.equal([]);
    });

    it('defaults to the last full month, compared with the equally long period before it', async () => {
      const now = new Date();
      const last = new Date(now.getFullYear(), now.getMonth(), 0);
      const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const first = new Date(last.getFullYear(), last.getMonth(), 1);
      const previousFrom = new Date(first.getFullYear(), first.getMonth(), 1 - last.getDate());
      const previousTo = new Date(first.getFullYear(), first.getMonth(), 0);
      const answer = await run({});
      expect(answer.message).to.equal(`Period ${iso(first)} to ${iso(last)}; previous period ${iso(previousFrom)} to ${iso(previousTo)}`);
    });
  });

  describe('fixed amount', () => {
    it('classes by revenue at or above each minimum; below C (or no revenue) is D', async () => {
      expect(classes(await rows({ method: 'Fixed Amount', a_min: 300, b_min: 100, c_min: 50 }))).to.deep.equal([
        ['Ant', 'A', 'B', 'Up'],
        ['Bee', 'A', 'A', 'Same'],
        ['Cat', 'C', 'A', 'Down'],
        ['Dog', 'C', 'D', 'Up'],
        ['Eel', 'C', 'B', 'Down'],
        ['Fox', 'C', null, 'New'],
        ['Gnu', 'D', 'A', 'Lost'],
        ['Hen', 'D', 'D', 'Same'],
        ['Jay', 'D', 'D', 'Same'],
      ]);
      expect(classes(await rows({ method: 'Fixed Amount', a_min: 500, b_min: 300, c_min: 50.01 }))).to.deep.equal([
        ['Ant', 'A', 'C', 'Up'],
        ['Bee', 'B', 'B', 'Same'],
        ['Cat', 'D', 'B', 'Lost'],
        ['Dog', 'D', 'D', 'Same'],
        ['Eel', 'D', 'C', 'Lost'],
        ['Fox', 'D', null, 'New'],
        ['Gnu', 'D', 'A', 'Lost'],
        ['Hen', 'D', 'D', 'Same'],
        ['Jay', 'D', 'D', 'Same'],
      ]);
    });
  });

  describe('filters and permissions', () => {
    it('ranks within the territory, customer group or sales person subtree', async () => {
      expect(classes(await rows({ territory: 'Americas' }))).to.deep.equal([['Dog', 'A', 'D', 'Up']]);
      expect((await rows({ territory: 'Europe' })).map((r) => r.customer_name)).to.deep.equal(['Ant', 'Bee', 'Cat', 'Eel', 'Fox', 'Gnu', 'Hen', 'Jay']);
      // North Team: Ant (Bob) and Bee (Alice, Bob): 500 and 300 of 800.
      expect((await rows({ sales_person: 'North Team' })).map((r) => [r.customer_name, r.share, r.cumulative_share, r.class])).to.deep.equal([
        ['Ant', 62.5, 62.5, 'A'],
        ['Bee', 37.5, 100, 'A'],
      ]);
      expect(await rows({ customer_group: 'Individual' })).to.deep.equal([]);
    });

    it('a user restricted to Germany is ranked among Germany\'s customers only', async () => {
      expect((await rows({}, h.germany)).map((r) => [r.customer_name, r.share, r.cumulative_share, r.class, r.previous_class, r.movement])).to.deep.equal([
        ['Ant', 83.33, 83.33, 'A', 'B', 'Up'],
        ['Cat', 8.33, 91.67, 'B', 'A', 'Down'],
        ['Fox', 8.33, 100, 'B', null, 'New'],
        ['Gnu', 0, 100, 'D', 'A', 'Lost'],
        ['Jay', 0, 100, 'D', 'D', 'Same'],
      ]);
    });
  });

  describe('summary, chart and export', () => {
    it('sums customers and revenue per class, counts movements, and draws the Pareto of shares', async () => {
      const answer = await run(JUNE);
      expect(answer.report_summary.map((s: Row) => [s.label, s.value])).to.deep.equal([
        ['Class A Customers', 2], ['Class A Revenue', 800],
        ['Class B Customers', 3], ['Class B Revenue', 150],
        ['Class C Customers', 1], ['Class C Revenue', 50],
        ['Class D Customers', 3], ['Class D Revenue', 0],
        ['Moved Up', 2], ['Moved Down', 1], ['Moved New', 1], ['Moved Lost', 1],
      ]);
      expect(answer.chart).to.deep.equal({
        type: 'axis-mixed',
        fieldtype: 'Percent',
        data: {
          labels: ['Ant', 'Bee', 'Cat', 'Dog', 'Eel', 'Fox'],
          datasets: [
            { name: 'Revenue Share %', chartType: 'bar', values: [50, 30, 5, 5, 5, 5] },
            { name: 'Cumulative Share %', chartType: 'line', values: [50, 80, 85, 90, 95, 100] },
          ],
        },
      });
    });

    it('exports the same rows as CSV', async () => {
      const filters = encodeURIComponent(JSON.stringify({ ...JUNE, territory: 'Americas' }));
      const response = await h.admin.raw(`${EXPORT}?report_name=${encodeURIComponent(REPORT)}&file_format_type=CSV&filters=${filters}`);
      expect(response.status).to.equal(200);
      const text = (await response.text()).replace(/^\uFEFF/, '');
      expect(text.trim().split(/\r?\n/)).to.deep.equal([
        'Rank,Customer,Customer Name,Territory,Sales Person,Orders,Revenue,Share %,Cumulative Share %,Class,Previous Class,Movement,Last Order',
        `1,${h.c.Dog},Dog,United States,Carol,1,50.00,100.00,100.00,A,D,Up,2026-06-10`,
      ]);
    });
  });

  describe('Pareto chart of many customers', () => {
    it('draws the first 20 customers and the rest of the revenue as Others', () => {
      // 25 customers with 4 % each; then one D customer.
      const ranked = Array.from({ length: 25 }, (_, i) => ({ customer_name: `C${i + 1}`, revenue: 40, share: 4, cumulative_share: 4 * (i + 1), class: 'A', movement: 'Same' }));
      const chart = paretoChart([...ranked, { customer_name: 'Z', revenue: 0, share: 0, cumulative_share: 100, class: 'D', movement: 'Same' }]);
      expect(chart.data.labels).to.deep.equal([...ranked.slice(0, 20).map((r) => r.customer_name), 'Others']);
      expect(chart.data.datasets[0]!.values.slice(-2)).to.deep.equal([4, 20]);
      expect(chart.data.datasets[1]!.values.slice(-2)).to.deep.equal([80, 100]);
    });
  });

  describe('bad filters', () => {
    const refused = (filters: Row, field: string) => h.refused(REPORT, filters, field);

    it('refuses a method outside the list and shares out of order or range', async () => {
      await refused({ ...JUNE, method: 'Pareto' }, 'method');
      await refused({ ...JUNE, a_share: 0 }, 'a_share');
      await refused({ ...JUNE, b_share: 70 }, 'b_share');
      await refused({ ...JUNE, b_share: 101 }, 'b_share');
    });

    it('refuses Fixed Amount without its minimums or with them out of order', async () => {
      await refused({ ...JUNE, method: 'Fixed Amount', b_min: 100, c_min: 10 }, 'a_min');
      await refused({ ...JUNE, method: 'Fixed Amount', a_min: 100, b_min: 200, c_min: 10 }, 'b_min');
      await refused({ ...JUNE, method: 'Fixed Amount', a_min: 300, b_min: 200, c_min: 250 }, 'c_min');
      await refused({ ...JUNE, method: 'Fixed Amount', a_min: -1, b_min: 0, c_min: 0 }, 'a_min');
    });

    it('refuses half a period, a period ending before it starts, and a date that is not one', async () => {
      await refused({ from_date: '2026-06-01' }, 'to_date');
      await refused({ to_date: '2026-06-30' }, 'from_date');
      // The engine checks that a from_date / to_date period does not run backwards.
      await refused({ from_date: '2026-06-30', to_date: '2026-06-01' }, 'from_date');
      await refused({ from_date: 'June', to_date: '2026-06-30' }, 'from_date');
    });
  });
});
