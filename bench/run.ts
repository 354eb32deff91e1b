/**
 * Document-engine benchmark: how close the engine's write and read paths come to plain knex doing
 * the same work on the same database. Prints timings and ratios for SQLite (a file) and MariaDB
 * (when reachable). Sizes: BENCH_DOCS (bulk, default 20000), BENCH_SINGLE (one by one, default 1000).
 *
 *   npm run bench
 */
import { readConfig } from '../core/config';
import { formatDatetime } from '../core/document';
import type { DocTypeDef } from '../core/meta';
import { migrate, openSite, type Site } from '../core/site';
import { onBothDatabases } from './databases';

const BULK = Number(process.env.BENCH_DOCS ?? 20000);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 1000);
const LINES = 3;

const DOCTYPES: DocTypeDef[] = [
  { name: 'Bench Group', autoname: 'field:group_name', fields: [{ fieldname: 'group_name', fieldtype: 'Data', reqd: 1 }] },
  {
    name: 'Bench Line',
    istable: 1,
    fields: [
      { fieldname: 'item', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'qty', fieldtype: 'Float' },
      { fieldname: 'rate', fieldtype: 'Currency' },
      { fieldname: 'amount', fieldtype: 'Currency' },
    ],
  },
  {
    name: 'Bench Order',
    autoname: 'BO-.#######',
    is_submittable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'group', fieldtype: 'Link', options: 'Bench Group' },
      { fieldname: 'transaction_date', fieldtype: 'Date', reqd: 1 },
      { fieldname: 'status', fieldtype: 'Select', options: 'Draft\nOpen\nClosed' },
      { fieldname: 'total', fieldtype: 'Currency' },
      { fieldname: 'lines', fieldtype: 'Table', options: 'Bench Line' },
    ],
  },
];

function order(i: number) {
  return {
    customer: `Customer ${i % 997}`,
    group: `Group ${i % 7}`,
    transaction_date: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    status: 'Open',
    total: 30,
    lines: Array.from({ length: LINES }, (_, j) => ({ item: `Item ${j}`, qty: 1, rate: 10, amount: 10 })),
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The same rows written with plain knex: the floor the engine is measured against. */
async function rawInsert(site: Site, count: number, offset: number): Promise<void> {
  const now = formatDatetime(new Date());
  const common = { owner: 'Administrator', modified_by: 'Administrator', creation: now, modified: now, docstatus: 0 };
  await site.db.knex.transaction(async (trx) => {
    for (let start = 0; start < count; start += 500) {
      const parents: Record<string, unknown>[] = [];
      const lines: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const { lines: rows, ...values } = order(i);
        const name = `RAW-${offset + i}`;
        parents.push({ name, ...common, idx: 0, ...values });
        rows.forEach((row, j) => lines.push({ name: `${name}-${j}`, parent: name, parenttype: 'Bench Order', parentfield: 'lines', idx: j + 1, ...common, ...row }));
      }
      await trx('tabBench Order').insert(parents);
      for (let i = 0; i < lines.length; i += 500) await trx('tabBench Line').insert(lines.slice(i, i + 500));
    }
  });
}

async function benchOne(label: string, dbUrl: string): Promise<void> {
  const site = await openSite({ ...readConfig({}), dbUrl, apps: ['core'] }, { extraDoctypes: DOCTYPES.map((def) => ({ app: 'bench', def })) });
  try {
    await migrate(site);
    for (let g = 0; g < 7; g++) await site.documents.insert('Bench Group', { group_name: `Group ${g}` });
    const rows: [string, number, number][] = [];

    const bulk = await timed(() => site.documents.bulkInsert('Bench Order', Array.from({ length: BULK }, (_, i) => order(i))));
    const raw = await timed(() => rawInsert(site, BULK, 0));
    rows.push([`bulk insert ${BULK} orders x ${LINES} lines`, bulk, raw]);

    const single = await timed(async () => {
      for (let i = 0; i < SINGLE; i++) await site.documents.insert('Bench Order', order(i));
    });
    const rawSingle = await timed(async () => {
      for (let i = 0; i < SINGLE; i++) await rawInsert(site, 1, BULK + i);
    });
    rows.push([`insert ${SINGLE} orders one by one`, single, rawSingle]);

    const names = (await site.db.knex('tabBench Order').where('name', 'like', 'BO-%').limit(SINGLE).pluck('name')) as string[];
    const get = await timed(async () => {
      for (const name of names) await site.documents.get('Bench Order', name);
    });
    const rawGet = await timed(async () => {
      for (const name of names) {
        await site.db.knex('tabBench Order').where('name', name).first();
        await site.db.knex('tabBench Line').where({ parent: name, parenttype: 'Bench Order', parentfield: 'lines' }).orderBy('idx');
      }
    });
    rows.push([`get ${names.length} orders with lines`, get, rawGet]);

    console.log(`\n${label}`);
    console.log(`${'operation'.padEnd(40)} ${'engine ms'.padStart(10)} ${'knex ms'.padStart(10)} ${'ratio'.padStart(7)} ${'engine/s'.padStart(10)}`);
    for (const [what, engine, floor] of rows) {
      const count = Number(/\d+/.exec(what)?.[0] ?? 1);
      console.log(`${what.padEnd(40)} ${engine.toFixed(0).padStart(10)} ${floor.toFixed(0).padStart(10)} ${(engine / floor).toFixed(2).padStart(7)} ${((count / engine) * 1000).toFixed(0).padStart(10)}`);
    }
  } finally {
    await site.close();
  }
}

await onBothDatabases('bench', benchOne);
