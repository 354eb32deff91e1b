/** Series counters in tabSeries: per-prefix counting, no gaps on failure, give-back on delete, concurrency. */
import { expect } from 'chai';
import { currentSeriesValue, defineController, formatDate } from '../../core/document';
import { InvalidNameError, MandatoryError, ValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { TEST_DIALECT } from '../support/database';
import { createTestSite, type TestSite } from '../support/site';

/** Inserts of Ser Load between before_insert and on_change right now, and the most seen at once. */
const load = { inFlight: 0, max: 0 };

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'Ser Invoice',
    autoname: 'format:INV-{fy}-{###}',
    fields: [
      { fieldname: 'fy', fieldtype: 'Data' },
      { fieldname: 'customer', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'title', fieldtype: 'Data' },
    ],
  },
  { name: 'Ser Number', autoname: 'NUM-.fy..####', fields: [{ fieldname: 'fy', fieldtype: 'Data' }] },
  { name: 'Ser Suffix', autoname: 'format:FS-{###}-{branch}', fields: [{ fieldname: 'branch', fieldtype: 'Data' }] },
  { name: 'Ser Small', autoname: 'SM-.##', fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  {
    name: 'Ser Order',
    autoname: 'naming_series:',
    is_submittable: 1,
    fields: [{ fieldname: 'naming_series', fieldtype: 'Select', options: 'ORD-\nORD-.YYYY.-' }, { fieldname: 'title', fieldtype: 'Data' }],
  },
  { name: 'Ser Load', autoname: 'LOAD-.#####', fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
];

describe('naming: series counters', () => {
  let site: TestSite;
  const year = formatDate(new Date()).slice(0, 4);

  before(async () => {
    site = await createTestSite({
      label: 'naming_series',
      doctypes: DOCTYPES,
      controllers: {
        'Ser Load': defineController({
          before_insert() {
            load.max = Math.max(load.max, ++load.inFlight);
          },
          on_change() {
            load.inFlight--;
          },
        }),
        'Ser Invoice': defineController({
          validate(doc) {
            if (doc.title === 'reject') throw new ValidationError('rejected by validate', [{ fieldname: 'title', message: 'no' }]);
          },
          after_insert(doc) {
            if (doc.title === 'late-fail') throw new Error('after_insert failed');
          },
        }),
      },
    });
  });
  after(() => site.destroy());

  const insert = (doctype: string, values: Record<string, unknown>) => site.documents.insert(doctype, values);
  const counter = (prefix: string) => currentSeriesValue(site.db.knex, prefix);
  const twoInvoices = async (fy: string) => [(await insert('Ser Invoice', { fy, customer: 'c' })).name, (await insert('Ser Invoice', { fy, customer: 'c' })).name];

  describe('one counter per expanded prefix', () => {
    it('restarts at 1 for each new prefix (a year change) and continues the old one', async () => {
      const first = await insert('Ser Invoice', { fy: '2024', customer: 'a' });
      const second = await insert('Ser Invoice', { fy: '2024', customer: 'a' });
      const nextYear = await insert('Ser Invoice', { fy: '2025', customer: 'a' });
      const back = await insert('Ser Invoice', { fy: '2024', customer: 'a' });
      expect([first.name, second.name, nextYear.name, back.name]).to.deep.equal(['INV-2024-001', 'INV-2024-002', 'INV-2025-001', 'INV-2024-003']);
    });

    it('keeps the expanded prefix as the tabSeries key', async () => {
      const rows = (await site.db.knex('tabSeries').where('name', 'like', 'INV-%').orderBy('name')) as { name: string; current: number }[];
      expect(rows.map((r) => [r.name, Number(r.current)])).to.deep.equal([
        ['INV-2024-', 3],
        ['INV-2025-', 1],
      ]);
    });

    it('a naming_series with a date part counts under the expanded key', async () => {
      const doc = await insert('Ser Order', { naming_series: 'ORD-.YYYY.-' });
      expect(doc.name).to.equal(`ORD-${year}-00001`);
      expect(await counter(`ORD-${year}-`)).to.equal(1);
      expect(await counter('ORD-')).to.equal(0);
    });

    it('continues from a counter already in tabSeries (e.g. imported data)', async () => {
      await site.db.knex('tabSeries').insert({ name: 'INV-2030-', current: 41 });
      expect((await insert('Ser Invoice', { fy: '2030', customer: 'a' })).name).to.equal('INV-2030-042');
    });

    it('goes past the padding width when the counter outgrows it', async () => {
      await site.db.knex('tabSeries').insert({ name: 'SM-', current: 99 });
      expect((await insert('Ser Small', {})).name).to.equal('SM-100');
    });

    it('refuses a prefix longer than the 100 characters tabSeries keys hold, on both databases', async () => {
      const fy = 'y'.repeat(95); // 'INV-' + 95 + '-' = 100 characters
      expect((await insert('Ser Invoice', { fy, customer: 'a' })).name).to.equal(`INV-${fy}-001`);
      const error = await rejectsWith(insert('Ser Invoice', { fy: `${fy}y`, customer: 'a' }), InvalidNameError);
      expect(error.errors[0]!.fieldname).to.equal('name');
    });
  });

  describe('a failed insert consumes no number', () => {
    it('when a reqd field is missing', async () => {
      await insert('Ser Invoice', { fy: '2026', customer: 'a' });
      await rejectsWith(insert('Ser Invoice', { fy: '2026' }), MandatoryError);
      expect(await counter('INV-2026-')).to.equal(1);
      expect((await insert('Ser Invoice', { fy: '2026', customer: 'b' })).name).to.equal('INV-2026-002');
    });

    it('when a validate hook throws', async () => {
      await rejectsWith(insert('Ser Invoice', { fy: '2027', customer: 'a', title: 'reject' }), ValidationError);
      expect(await counter('INV-2027-')).to.equal(0);
      expect((await insert('Ser Invoice', { fy: '2027', customer: 'a' })).name).to.equal('INV-2027-001');
    });

    it('when a hook after the row was written throws', async () => {
      let caught: unknown;
      await insert('Ser Invoice', { fy: '2028', customer: 'a', title: 'late-fail' }).catch((e: unknown) => (caught = e));
      expect((caught as Error).message).to.equal('after_insert failed');
      expect(await site.documents.exists('Ser Invoice', 'INV-2028-001')).to.equal(false);
      expect((await insert('Ser Invoice', { fy: '2028', customer: 'a' })).name).to.equal('INV-2028-001');
    });
  });

  describe('deleting gives the newest number back', () => {
    it('deleting the newest document decrements the counter; the next insert reuses its number', async () => {
      const [a, b] = await twoInvoices('2031');
      expect([a, b]).to.deep.equal(['INV-2031-001', 'INV-2031-002']);
      await site.documents.delete('Ser Invoice', b!);
      expect(await counter('INV-2031-')).to.equal(1);
      expect((await insert('Ser Invoice', { fy: '2031', customer: 'c' })).name).to.equal('INV-2031-002');
    });

    it('deleting an older document leaves the counter alone', async () => {
      const [a] = await twoInvoices('2032');
      await site.documents.delete('Ser Invoice', a!);
      expect(await counter('INV-2032-')).to.equal(2);
      expect((await insert('Ser Invoice', { fy: '2032', customer: 'c' })).name).to.equal('INV-2032-003');
    });

    it('finds the counter when the prefix ends in digits (NUM-2025 + 0001)', async () => {
      await insert('Ser Number', { fy: '2025' });
      const newest = await insert('Ser Number', { fy: '2025' });
      expect(newest.name).to.equal('NUM-20250002');
      await site.documents.delete('Ser Number', newest.name!);
      expect(await counter('NUM-2025')).to.equal(1);
    });

    it('finds the counter when text follows it (FS-002-x)', async () => {
      await insert('Ser Suffix', { branch: 'x' });
      const newest = await insert('Ser Suffix', { branch: 'x' });
      expect(newest.name).to.equal('FS-002-x');
      await site.documents.delete('Ser Suffix', newest.name!);
      expect(await counter('FS-')).to.equal(1);
      expect((await insert('Ser Suffix', { branch: 'y' })).name).to.equal('FS-002-y');
    });

    it('finds the counter after it outgrew its width (SM-100)', async () => {
      const newest = await insert('Ser Small', {});
      expect(newest.name).to.equal('SM-101');
      await site.documents.delete('Ser Small', 'SM-101');
      expect(await counter('SM-')).to.equal(100);
    });

    it('deleting an amendment does not touch the series of its original', async () => {
      const original = await insert('Ser Order', { title: 'o' });
      expect(original.name).to.equal('ORD-00001');
      await site.documents.submit('Ser Order', 'ORD-00001');
      await site.documents.cancel('Ser Order', 'ORD-00001');
      const amended = await site.documents.amend('Ser Order', 'ORD-00001');
      expect(amended.name).to.equal('ORD-00001-1');
      expect(await counter('ORD-')).to.equal(1);
      await site.documents.delete('Ser Order', 'ORD-00001-1');
      expect(await counter('ORD-')).to.equal(1);
      expect(await counter('ORD-00001-')).to.equal(0);
    });
  });

  describe('concurrency', () => {
    it('40 parallel inserts get 40 distinct consecutive names', async () => {
      const docs = await Promise.all(Array.from({ length: 40 }, (_, i) => insert('Ser Load', { title: `t${i}` })));
      const sorted = docs.map((d) => String(d.name)).sort();
      expect(sorted).to.deep.equal(Array.from({ length: 40 }, (_, i) => `LOAD-${String(i + 1).padStart(5, '0')}`));
      expect(await counter('LOAD-')).to.equal(40);
      const stored = (await site.db.knex('tabSer Load').count({ n: '*' }).first()) as { n: number | string };
      expect(Number(stored.n)).to.equal(40);
      // MariaDB really ran them side by side (10 connections); SQLite's one connection serialises them.
      if (TEST_DIALECT === 'mariadb') expect(load.max).to.be.greaterThan(1);
      else expect(load.max).to.equal(1);
    });

    it('parallel inserts under two prefixes, some failing, leave no gaps in either', async () => {
      const jobs = Array.from({ length: 30 }, (_, i) =>
        insert('Ser Invoice', { fy: i % 2 ? '2040' : '2041', ...(i % 5 === 0 ? {} : { customer: 'c' }) }).then(
          (d) => String(d.name),
          (e: unknown) => (e instanceof MandatoryError ? 'failed' : String(e)),
        ),
      );
      const results = await Promise.all(jobs);
      const ok = results.filter((r) => r !== 'failed');
      expect(results.length - ok.length).to.equal(6);
      for (const fy of ['2040', '2041']) {
        const mine = ok.filter((n) => n.startsWith(`INV-${fy}-`)).sort();
        expect(mine).to.deep.equal(mine.map((_, i) => `INV-${fy}-${String(i + 1).padStart(3, '0')}`));
        expect(await counter(`INV-${fy}-`)).to.equal(mine.length);
      }
    });
  });
});
