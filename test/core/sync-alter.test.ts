import { expect } from 'chai';
import { describeStep, describeTable, openDatabase, planSync, syncSchema, type Database, type SyncPlan } from '../../core/db';
import type { DocFieldDef, DocTypeDef } from '../../core/meta';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { columnDetails, indexesOn, registryOf } from '../fixtures/sync/live';

const TABLE = 'tabAlter Me';
const target: DocTypeDef = { name: 'Alter Target', fields: [{ fieldname: 'label', fieldtype: 'Data' }] };

function version(fields: DocFieldDef[]) {
  return registryOf(target, { name: 'Alter Me', fields });
}

const v1 = version([
  { fieldname: 'title', fieldtype: 'Data' },
  { fieldname: 'code', fieldtype: 'Data' },
  { fieldname: 'note', fieldtype: 'Data' },
  { fieldname: 'amount', fieldtype: 'Int' },
  { fieldname: 'flag', fieldtype: 'Check' },
  { fieldname: 'summary', fieldtype: 'Small Text' },
  { fieldname: 'ref', fieldtype: 'Data' },
  { fieldname: 'score', fieldtype: 'Rating' },
  { fieldname: 'legacy', fieldtype: 'Data' },
]);

const v2 = version([
  { fieldname: 'title', fieldtype: 'Small Text' }, // varchar(140) -> text: widened
  { fieldname: 'code', fieldtype: 'Data', unique: 1 }, // gets a unique index (its data is unique)
  { fieldname: 'note', fieldtype: 'Data', length: 255 }, // varchar(140) -> varchar(255): widened
  { fieldname: 'amount', fieldtype: 'Check' }, // int(11) -> int(1): narrowing, never applied
  { fieldname: 'flag', fieldtype: 'Int' }, // int(1) -> int(11): widened
  { fieldname: 'summary', fieldtype: 'Data' }, // text -> varchar(140): narrowing, never applied
  { fieldname: 'ref', fieldtype: 'Date' }, // varchar -> date: a type change that needs a data patch
  { fieldname: 'score', fieldtype: 'Float' }, // decimal(3,2) NULL -> decimal(21,9) NOT NULL: widened, empty values become 0
  { fieldname: 'due', fieldtype: 'Date' }, // new column
  { fieldname: 'target', fieldtype: 'Link', options: 'Alter Target' }, // new column + index
  { fieldname: 'serial', fieldtype: 'Data', unique: 1 }, // new column + unique index
  { fieldname: 'quantity', fieldtype: 'Float', default: '1.5' }, // new NOT NULL column: existing rows get the default
  // legacy is gone: its column and data stay
]);

const stepKeys = (plan: SyncPlan) =>
  plan.steps.map((s) => (s.kind === 'add-index' ? `${s.kind} ${s.index.columns.join(',')}${s.index.unique ? ' unique' : ''}` : s.kind === 'create-table' || s.kind === 'create-system-table' ? `${s.kind} ${s.table}` : `${s.kind} ${s.column.name}`));
const driftKeys = (plan: SyncPlan) => plan.drift.map((d) => `${d.kind} ${d.column}`);

describe('schema sync: changing a DocType', () => {
  let testDb: TestDatabase;
  let db: Database;
  let plan: SyncPlan;
  const log: string[] = [];

  before(async () => {
    testDb = await createTestDatabase('sync-alter');
    db = await openDatabase(testDb.url);
    await syncSchema(db, v1);
    await db.knex(TABLE).insert([
      { name: 'r1', title: 'First', code: 'A', note: 'n1', amount: 7, flag: 1, summary: 'long text', ref: '2024-01-31', score: 0.8, legacy: 'old data 1' },
      { name: 'r2', title: 'Second', code: 'B', note: 'n2', amount: 0, flag: 0, summary: 's', ref: 'not a date', legacy: 'old data 2' },
    ]);
    plan = await planSync(db, v2);
    await syncSchema(db, v2, (line) => log.push(line));
  });
  after(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('plans only additions and widenings', () => {
    const widen = db.dialect === 'mysql' ? ['widen-column title', 'widen-column note', 'widen-column flag', 'widen-column score'] : [];
    expect(stepKeys(plan)).to.have.members([
      ...widen,
      'add-column due',
      'add-column target',
      'add-column serial',
      'add-column quantity',
      'add-index code unique',
      'add-index target',
      'add-index serial unique',
    ]);
  });

  it('reports what it will not do as drift: narrowing, type changes, orphan columns', () => {
    // SQLite stores Int and Check alike (integer), so only MariaDB sees amount narrowing.
    const amount = db.dialect === 'mysql' ? ['narrower-column amount'] : [];
    expect(driftKeys(plan)).to.have.members([...amount, 'narrower-column summary', 'type-change ref', 'orphan-column legacy']);
    const orphan = plan.drift.find((d) => d.kind === 'orphan-column')!;
    expect(orphan).to.include({ table: TABLE, column: 'legacy' });
  });

  it('logs a line per step, and a line per drift', () => {
    expect(log.slice(0, plan.steps.length)).to.deep.equal(plan.steps.map(describeStep));
    expect(log).to.include('[sync] add column tabAlter Me.due date');
    expect(log).to.include(`[sync] add unique index ${TABLE}(serial)`);
    expect(log.filter((l) => l.startsWith('[sync] left as is: '))).to.have.length(plan.drift.length);
    expect(log).to.include(`[sync] left as is: ${TABLE}.legacy has no field any more; its data is kept`);
    if (db.dialect === 'mysql') expect(log).to.include(`[sync] widen column ${TABLE}.note varchar(140) -> varchar(255)`);
  });

  it('adds the new columns, with defaults for existing rows', async () => {
    const columns = await columnDetails(db, TABLE);
    for (const name of ['due', 'target', 'serial', 'quantity']) expect(columns.has(name), name).to.equal(true);
    const rows = await db.knex(TABLE).select('name', 'due', 'target', 'quantity').orderBy('name');
    expect(rows).to.deep.equal([
      { name: 'r1', due: null, target: null, quantity: 1.5 },
      { name: 'r2', due: null, target: null, quantity: 1.5 },
    ]);
  });

  it('widens on MariaDB; narrowing and type changes are never applied', async () => {
    const columns = await columnDetails(db, TABLE);
    if (db.dialect === 'mysql') {
      expect(columns.get('title')!.type).to.equal('text');
      expect(columns.get('note')!.type).to.equal('varchar(255)');
      expect(columns.get('flag')).to.include({ type: 'int(11)', nullable: false });
      expect(columns.get('amount')!.type).to.equal('int(11)');
      expect(columns.get('summary')!.type).to.equal('text');
      expect(columns.get('ref')!.type).to.equal('varchar(140)');
      expect(columns.get('score')).to.include({ type: 'decimal(21,9)', nullable: false, defaultValue: 0 });
    } else {
      expect(columns.get('amount')!.type).to.equal('integer');
      expect(columns.get('summary')!.type).to.equal('text');
      expect(columns.get('ref')!.type).to.equal('varchar(140)');
    }
  });

  it('keeps every value, including those of the removed field', async () => {
    const rows = await db.knex(TABLE).select('name', 'title', 'note', 'amount', 'flag', 'summary', 'ref', 'score', 'legacy').orderBy('name');
    // A column made NOT NULL gives its empty values the default (MariaDB); SQLite keeps the column as it was.
    const emptyScore = db.dialect === 'mysql' ? 0 : null;
    expect(rows).to.deep.equal([
      { name: 'r1', title: 'First', note: 'n1', amount: 7, flag: 1, summary: 'long text', ref: '2024-01-31', score: 0.8, legacy: 'old data 1' },
      { name: 'r2', title: 'Second', note: 'n2', amount: 0, flag: 0, summary: 's', ref: 'not a date', score: emptyScore, legacy: 'old data 2' },
    ]);
  });

  it('a widened column takes longer values', async () => {
    await db.knex(TABLE).insert({ name: 'r3', title: 't'.repeat(500), note: 'n'.repeat(255), code: 'C' });
    const row = await db.knex(TABLE).where({ name: 'r3' }).first();
    expect([row.title.length, row.note.length]).to.deep.equal([500, 255]);
  });

  it('the new unique indexes hold', async () => {
    expect((await indexesOn(db, TABLE, 'code')).map((i) => i.unique)).to.deep.equal([true]);
    expect((await indexesOn(db, TABLE, 'serial')).map((i) => i.unique)).to.deep.equal([true]);
    expect((await indexesOn(db, TABLE, 'target')).map((i) => i.unique)).to.deep.equal([false]);
    let error: unknown;
    await db.knex(TABLE).insert({ name: 'dup', code: 'A' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });

  it('running sync again is a no-op: no steps, the same drift', async () => {
    const again = await planSync(db, v2);
    expect(again.steps).to.deep.equal([]);
    expect(driftKeys(again)).to.have.members(driftKeys(plan));
    const lines: string[] = [];
    await syncSchema(db, v2, (line) => lines.push(line));
    expect(lines.filter((l) => !l.startsWith('[sync] left as is: '))).to.deep.equal(['[sync] schema is up to date']);
    const before = [...(await describeTable(db, TABLE)).columns.values()];
    await syncSchema(db, v2);
    expect([...(await describeTable(db, TABLE)).columns.values()]).to.deep.equal(before);
  });

  it('going back to the first version drops nothing: the v2-only columns become orphans', async () => {
    const back = await planSync(db, v1);
    expect(back.steps.filter((s) => s.kind !== 'add-index')).to.deep.equal([]);
    expect(driftKeys(back).filter((d) => d.startsWith('orphan-column'))).to.have.members(
      ['due', 'target', 'serial', 'quantity'].map((c) => `orphan-column ${c}`),
    );
    await syncSchema(db, v1);
    expect((await describeTable(db, TABLE)).columns.has('serial')).to.equal(true);
  });
});
