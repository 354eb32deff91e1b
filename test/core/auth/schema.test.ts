/** migrate creates the auth tables (__Auth, tabSessions) with their keys, on both databases. */
import { expect } from 'chai';
import { describeTable, listTables, planSync } from '../../../core/db';
import { createTestSite, type TestSite } from '../../support/site';

describe('auth: tables created by migrate', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'auth_schema' });
  });
  after(() => site.destroy());

  const k = () => site.db.knex;

  it('creates __Auth and tabSessions, and a second sync has nothing left to do', async () => {
    const tables = await listTables(site.db);
    expect(tables.has('__Auth')).to.equal(true);
    expect(tables.has('tabSessions')).to.equal(true);
    expect((await planSync(site.db, site.registry)).steps).to.deep.equal([]);
  });

  it('__Auth has the columns Frappe uses, keyed by (doctype, name, fieldname)', async () => {
    const table = await describeTable(site.db, '__Auth');
    expect([...table.columns.keys()]).to.deep.equal(['doctype', 'name', 'fieldname', 'password', 'encrypted']);
    expect(table.columns.get('password')!.type).to.match(/text/);
    await k()('__Auth').insert({ doctype: 'User', name: 'x@example.com', fieldname: 'password', password: 'h1' });
    await k()('__Auth').insert({ doctype: 'User', name: 'x@example.com', fieldname: 'api_secret', password: 'h2' });
    expect(Number((await k()('__Auth').where('password', 'h1').first('encrypted')).encrypted)).to.equal(0);
    let duplicate: unknown;
    await k()('__Auth')
      .insert({ doctype: 'User', name: 'x@example.com', fieldname: 'password', password: 'h3' })
      .catch((error: unknown) => (duplicate = error));
    expect(duplicate, 'a second row for the same key').to.be.instanceOf(Error);
    let missing: unknown;
    await k()('__Auth')
      .insert({ doctype: 'User', name: 'y@example.com', fieldname: 'password', password: null })
      .catch((error: unknown) => (missing = error));
    expect(missing, 'password is NOT NULL').to.be.instanceOf(Error);
  });

  it('tabSessions is keyed by sid, with an index on user', async () => {
    const table = await describeTable(site.db, 'tabSessions');
    expect([...table.columns.keys()]).to.deep.equal(['sid', 'user', 'csrf_token', 'ip', 'user_agent', 'created', 'last_seen', 'expires_at']);
    expect(table.columns.get('expires_at')!.type).to.match(/bigint/);
    expect(table.indexes.some((i) => i.columns.length === 1 && i.columns[0] === 'user' && !i.unique)).to.equal(true);
    const expires = 4_102_444_800_000; // 2100-01-01: beyond 32 bits
    await k()('tabSessions').insert({ sid: 's1', user: 'x@example.com', csrf_token: 't', expires_at: expires });
    expect(Number((await k()('tabSessions').where('sid', 's1').first('expires_at')).expires_at)).to.equal(expires);
    let duplicate: unknown;
    await k()('tabSessions')
      .insert({ sid: 's1', user: 'y@example.com', csrf_token: 't', expires_at: 1 })
      .catch((error: unknown) => (duplicate = error));
    expect(duplicate, 'a second session with the same sid').to.be.instanceOf(Error);
  });
});
