import { expect } from 'chai';
import { listTables, openDatabase, planSync, SchemaSyncError, syncSchema, type Database } from '../../core/db';
import type { DocFieldDef, DocTypeDef } from '../../core/meta';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { indexesOn, registryOf } from '../fixtures/sync/live';

async function syncFails(db: Database, registry: ReturnType<typeof registryOf>, log: string[] = []): Promise<SchemaSyncError> {
  let caught: unknown;
  await syncSchema(db, registry, (line) => log.push(line)).catch((e: unknown) => (caught = e));
  expect(caught, 'syncSchema should reject').to.be.instanceOf(SchemaSyncError);
  return caught as SchemaSyncError;
}

describe('schema sync: failures leave no half-made tables', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    testDb = await createTestDatabase('sync-failure');
    db = await openDatabase(testDb.url);
  });
  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('a table whose index cannot be built is not left behind', async () => {
    // 65 unique fields: MariaDB refuses the 64th key of a table (the primary key counts); on SQLite the
    // unique index of f1 collides with a table that already has its name (SQLite shares one namespace).
    const fields: DocFieldDef[] = Array.from({ length: 65 }, (_, i) => ({ fieldname: `f${i + 1}`, fieldtype: 'Data', unique: 1 }));
    const registry = registryOf({ name: 'Too Many Keys', fields });
    if (db.dialect === 'sqlite') await db.knex.raw('CREATE TABLE "tabToo Many Keys__unique_f1" (x text)');
    const log: string[] = [];
    const error = await syncFails(db, registry, log);
    expect(error.step.kind).to.equal('create-table');
    expect(error.message).to.match(/^create table tabToo Many Keys .* failed: /);
    expect(error.cause).to.be.instanceOf(Error);
    expect(log.at(-1)).to.match(/^\[sync\] create table tabToo Many Keys \(\d+ columns, 66 indexes\)$/);
    expect((await listTables(db)).has('tabToo Many Keys')).to.equal(false);
    // The system tables made before the failure stay; the next plan tries the table again.
    expect((await listTables(db)).has('tabSeries')).to.equal(true);
    const plan = await planSync(db, registry);
    expect(plan.steps.map((s) => s.kind)).to.deep.equal(['create-table']);
  });

  it('a table that fails keeps the tables created before it and after a retry all exist', async () => {
    const good: DocTypeDef = { name: 'Aaa Good', fields: [{ fieldname: 'code', fieldtype: 'Data', unique: 1 }] };
    const bad: DocTypeDef = { name: 'Bbb Bad', fields: Array.from({ length: 65 }, (_, i) => ({ fieldname: `f${i + 1}`, fieldtype: 'Data', unique: 1 as const })) };
    if (db.dialect === 'sqlite') await db.knex.raw('CREATE TABLE "tabBbb Bad__unique_f1" (x text)');
    await syncFails(db, registryOf(good, bad));
    const tables = await listTables(db);
    expect(tables.has('tabAaa Good')).to.equal(true);
    expect(tables.has('tabBbb Bad')).to.equal(false);
    // Fixed DocType (fewer unique fields, no clash): the next sync creates it.
    if (db.dialect === 'sqlite') await db.knex.raw('DROP TABLE "tabBbb Bad__unique_f1"');
    await syncSchema(db, registryOf(good, { ...bad, fields: bad.fields.slice(0, 10) }));
    expect((await listTables(db)).has('tabBbb Bad')).to.equal(true);
    expect((await indexesOn(db, 'tabBbb Bad', 'f10'))[0]?.unique).to.equal(true);
  });

  it('a unique index over duplicate data is refused, and the data and the table stay as they were', async () => {
    const v1 = registryOf({ name: 'Dup Codes', fields: [{ fieldname: 'code', fieldtype: 'Data' }, { fieldname: 'label', fieldtype: 'Data' }] });
    await syncSchema(db, v1);
    await db.knex('tabDup Codes').insert([
      { name: 'a', code: 'X', label: 'first' },
      { name: 'b', code: 'X', label: 'second' },
    ]);
    const v2 = registryOf({
      name: 'Dup Codes',
      fields: [
        { fieldname: 'code', fieldtype: 'Data', unique: 1 },
        { fieldname: 'label', fieldtype: 'Data' },
      ],
    });
    const error = await syncFails(db, v2);
    expect(error.step).to.deep.include({ kind: 'add-index', table: 'tabDup Codes' });
    expect(error.message).to.match(/^add unique index tabDup Codes\(code\) failed: /);
    expect(await indexesOn(db, 'tabDup Codes', 'code')).to.deep.equal([]);
    expect(await db.knex('tabDup Codes').select('name', 'code', 'label').orderBy('name')).to.deep.equal([
      { name: 'a', code: 'X', label: 'first' },
      { name: 'b', code: 'X', label: 'second' },
    ]);
    // Still pending, so the next migrate tries again; once the data is fixed it succeeds.
    expect((await planSync(db, v2)).steps.map((s) => s.kind)).to.deep.equal(['add-index']);
    await db.knex('tabDup Codes').where({ name: 'b' }).update({ code: 'Y' });
    await syncSchema(db, v2);
    expect((await indexesOn(db, 'tabDup Codes', 'code')).map((i) => i.unique)).to.deep.equal([true]);
  });
});
