/**
 * List-API benchmark: the query layer (filters, permission scope in SQL, value conversion) against
 * the hand-written knex query that answers the same rows, in process (the SQL part), plus the whole
 * HTTP request end to end (auth, JSON). Customers: BENCH_CUSTOMERS (default 50000) over a 51-node
 * territory tree; the restricted user sees one region (a subtree) through a User Permission.
 *
 *   npm run bench:api
 */
import type { AddressInfo } from 'node:net';
import { createApiState, createServer } from '../core/api';
import { generateKeys } from '../core/auth';
import { readConfig } from '../core/config';
import type { DocTypeDef } from '../core/meta';
import { UserAccess } from '../core/permissions';
import { getCount, getList, type QueryContext } from '../core/query';
import { migrate, openSite, type Site } from '../core/site';
import { onBothDatabases } from './databases';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const REGIONS = 5;
const COUNTRIES = 9;

const DOCTYPES: DocTypeDef[] = [
  { name: 'Bench Territory', autoname: 'field:territory_name', is_tree: 1, fields: [{ fieldname: 'territory_name', fieldtype: 'Data', reqd: 1 }], permissions: [{ role: 'Bench User', read: 1 }] },
  {
    name: 'Bench Customer',
    autoname: 'BC-.#######',
    fields: [
      { fieldname: 'customer_name', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'territory', fieldtype: 'Link', options: 'Bench Territory' },
      { fieldname: 'status', fieldtype: 'Select', options: 'Active\nDormant' },
      { fieldname: 'credit_limit', fieldtype: 'Currency' },
    ],
    permissions: [{ role: 'Bench User', read: 1, write: 1 }],
  },
];

const country = (r: number, c: number) => `Country ${r}-${c}`;

async function seed(site: Site): Promise<void> {
  const d = site.documents;
  await d.insert('Bench Territory', { territory_name: 'All Territories', is_group: 1 });
  for (let r = 0; r < REGIONS; r++) {
    await d.insert('Bench Territory', { territory_name: `Region ${r}`, parent_bench_territory: 'All Territories', is_group: 1 });
    for (let c = 0; c < COUNTRIES; c++) await d.insert('Bench Territory', { territory_name: country(r, c), parent_bench_territory: `Region ${r}` });
  }
  const rows = Array.from({ length: CUSTOMERS }, (_, i) => ({
    customer_name: `Customer ${i}`,
    territory: country(i % REGIONS, Math.floor(i / REGIONS) % COUNTRIES),
    status: i % 3 === 0 ? 'Dormant' : 'Active',
    credit_limit: (i % 100) * 1000,
  }));
  await d.bulkInsert('Bench Customer', rows, { batchSize: 1000 });
  await d.insert('Role', { role_name: 'Bench User' });
  await d.insert('User', { email: 'bench@example.com', first_name: 'Bench', roles: [{ role: 'Bench User' }] });
  await d.insert('User Permission', { user: 'bench@example.com', allow: 'Bench Territory', for_value: 'Region 2' });
}

type Timing = { p50: number; p95: number };

function summarise(times: number[]): Timing {
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

/** Median and p95 of `runs` back-to-back calls after a warm-up in the same burst. */
async function burst(work: () => Promise<unknown>, runs = RUNS): Promise<Timing> {
  for (let i = 0; i < 20; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

/** The engine and its floor alternately, so both see the same machine (the box is shared). */
async function pair(engine: () => Promise<unknown>, floor: () => Promise<unknown>, runs = RUNS): Promise<[Timing, Timing]> {
  for (let i = 0; i < 20; i++) {
    await engine();
    await floor();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await engine();
    a.push(performance.now() - started);
    started = performance.now();
    await floor();
    b.push(performance.now() - started);
  }
  return [summarise(a), summarise(b)];
}

async function benchOne(label: string, dbUrl: string): Promise<void> {
  const site = await openSite({ ...readConfig({}), dbUrl, apps: ['core'] }, { extraDoctypes: DOCTYPES.map((def) => ({ app: 'bench', def })) });
  const server = createServer(site, createApiState({ ...site, config: { ...site.config, api: { ...site.config.api, requestsPerMinute: 0 } } })).listen(0, '127.0.0.1');
  try {
    await migrate(site);
    const seeded = performance.now();
    await seed(site);
    console.log(`\n${label}: seeded ${CUSTOMERS} customers in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const k = site.db.knex;
    const admin: QueryContext = { k, registry: site.registry, access: await UserAccess.load(k, site.registry, 'Administrator') };
    const user: QueryContext = { ...admin, access: await UserAccess.load(k, site.registry, 'bench@example.com') };
    const subtree = [`Region 2`, ...Array.from({ length: COUNTRIES }, (_, c) => country(2, c))];
    const request = { fields: ['name', 'customer_name', 'territory', 'status'], filters: [['status', '=', 'Active']], limit: 20 };
    const floorList = (scoped: boolean) => {
      const q = k('tabBench Customer').select('name', 'customer_name', 'territory', 'status').where('status', 'Active');
      if (scoped) q.where((w) => w.whereIn('territory', subtree).orWhereNull('territory').orWhere('territory', ''));
      return q.orderBy('modified', 'desc').orderBy('name', 'desc').limit(20);
    };
    const floorCount = () =>
      k('tabBench Customer')
        .where((w) => w.whereIn('territory', subtree).orWhereNull('territory').orWhere('territory', ''))
        .count({ n: '*' });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const keysAdmin = await generateKeys(k, 'Administrator');
    const keysUser = await generateKeys(k, 'bench@example.com');
    const url = `${base}/api/resource/Bench%20Customer?fields=${encodeURIComponent(JSON.stringify(request.fields))}&filters=${encodeURIComponent(JSON.stringify(request.filters))}&limit=20`;
    const http = (keys: { api_key: string; api_secret: string }) => async () => {
      const response = await fetch(url, { headers: { Authorization: `token ${keys.api_key}:${keys.api_secret}` } });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
      await response.json();
    };
    // Fresh bulk-loaded tables: let MariaDB settle its statistics before timing.
    if (site.db.dialect === 'mysql') await k.raw('ANALYZE TABLE ??', ['tabBench Customer']);
    const results: [string, Timing, Timing | undefined][] = [
      ['list 20 (Administrator)', ...(await pair(() => getList(admin, 'Bench Customer', request), () => floorList(false)))],
      ['list 20 (one region, User Permission)', ...(await pair(() => getList(user, 'Bench Customer', request), () => floorList(true)))],
      ['count (one region)', ...(await pair(() => getCount(user, 'Bench Customer', {}), floorCount, 50))],
      ['HTTP GET list 20 (Administrator)', await burst(http(keysAdmin)), undefined],
      ['HTTP GET list 20 (one region)', await burst(http(keysUser)), undefined],
    ];
    console.log(`${'operation'.padEnd(42)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'knex p50'.padStart(9)} ${'ratio'.padStart(6)}`);
    for (const [what, engine, floor] of results)
      console.log(`${what.padEnd(42)} ${engine.p50.toFixed(2).padStart(8)} ${engine.p95.toFixed(2).padStart(8)} ${(floor ? floor.p50.toFixed(2) : '-').padStart(9)} ${(floor ? (engine.p50 / floor.p50).toFixed(2) : '-').padStart(6)}`);
  } finally {
    server.close();
    await site.close();
  }
}

await onBothDatabases('bench_api', benchOne);
