import { expect } from 'chai';
import { describeTable, listTables, openDatabase, planSync, syncSchema, type Database } from '../../core/db';
import type { DocFieldDef } from '../../core/meta';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { columnDetails, indexesOn, registryOf } from '../fixtures/sync/live';

/** Each column field type and the MariaDB column Frappe gives it (frappe-spec section 1). */
const MARIADB_TYPES: Array<[fieldtype: string, column: string]> = [
  ['Data', 'varchar(140)'], ['Link', 'varchar(140)'], ['Dynamic Link', 'varchar(140)'], ['Select', 'varchar(140)'],
  ['Read Only', 'varchar(140)'], ['Color', 'varchar(140)'], ['Icon', 'varchar(140)'], ['Phone', 'varchar(140)'],
  ['Autocomplete', 'varchar(140)'], ['Int', 'int(11)'], ['Check', 'int(1)'], ['Float', 'decimal(21,9)'],
  ['Currency', 'decimal(21,9)'], ['Percent', 'decimal(21,9)'], ['Duration', 'decimal(21,9)'], ['Rating', 'decimal(3,2)'],
  ['Date', 'date'], ['Datetime', 'datetime(6)'], ['Time', 'time(6)'], ['Small Text', 'text'], ['Text', 'text'],
  ['Password', 'text'], ['Attach', 'text'], ['Attach Image', 'text'], ['Long Text', 'longtext'], ['Code', 'longtext'],
  ['Text Editor', 'longtext'], ['Markdown Editor', 'longtext'], ['HTML Editor', 'longtext'], ['Signature', 'longtext'],
  ['Barcode', 'longtext'], ['Geolocation', 'longtext'],
  ['JSON', 'longtext'], // MariaDB's json is longtext with a json_valid check
];
const SQLITE_TYPES: Record<string, string> = { 'varchar(140)': 'varchar(140)', 'int(11)': 'integer', 'int(1)': 'integer', 'decimal(21,9)': 'real', 'decimal(3,2)': 'real', date: 'date', 'datetime(6)': 'datetime', 'time(6)': 'time', text: 'text', longtext: 'text' };
const NOT_NULL = ['Int', 'Check', 'Float', 'Currency', 'Percent'];
const fieldOf = (fieldtype: string) => `f_${fieldtype.toLowerCase().replace(/ /g, '_')}`;

const everyType: DocFieldDef[] = [
  ...MARIADB_TYPES.map(([fieldtype]) => ({
    fieldname: fieldOf(fieldtype),
    fieldtype,
    ...(fieldtype === 'Link' ? { options: 'Sync Region' } : fieldtype === 'Dynamic Link' ? { options: 'f_data' } : {}),
  })),
  { fieldname: 'layout_break', fieldtype: 'Section Break' },
  { fieldname: 'lines', fieldtype: 'Table', options: 'Sync Line' },
  { fieldname: 'code', fieldtype: 'Data', unique: 1, length: 40 },
  { fieldname: 'wide', fieldtype: 'Data', length: 255, search_index: 1 },
  { fieldname: 'long_key', fieldtype: 'Data', length: 1000, unique: 1 },
  { fieldname: 'big', fieldtype: 'Int', length: 20 },
  { fieldname: 'qty', fieldtype: 'Int', default: '5' },
  { fieldname: 'active', fieldtype: 'Check', default: '1' },
  { fieldname: 'ratio', fieldtype: 'Float', default: '2.5' },
  { fieldname: 'rank', fieldtype: 'Int' },
];

describe('schema sync: creating tables', () => {
  let testDb: TestDatabase;
  let db: Database;
  const log: string[] = [];
  const registry = registryOf(
    { name: 'Sync Region', is_tree: 1, fields: [{ fieldname: 'region_name', fieldtype: 'Data' }] },
    { name: 'Sync Everything', sort_field: 'rank', is_submittable: 1, fields: everyType },
    { name: 'Sync Line', istable: 1, fields: [{ fieldname: 'item', fieldtype: 'Data' }, { fieldname: 'notes', fieldtype: 'Text', search_index: 1 }] },
    { name: 'Sync Settings', issingle: 1, fields: [{ fieldname: 'enabled', fieldtype: 'Check' }] },
    { name: 'Sync Counter', autoname: 'autoincrement', fields: [{ fieldname: 'label', fieldtype: 'Data' }] },
    { name: 'Sync Virtual', is_virtual: 1, fields: [{ fieldname: 'label', fieldtype: 'Data' }] },
    {
      name: 'Sync Long Names',
      fields: [
        { fieldname: `${'a'.repeat(63)}1`, fieldtype: 'Data', unique: 1, search_index: 1 },
        { fieldname: `${'a'.repeat(63)}2`, fieldtype: 'Data', unique: 1, search_index: 1 },
      ],
    },
  );
  const E = 'tabSync Everything';

  before(async () => {
    testDb = await createTestDatabase('sync-create');
    db = await openDatabase(testDb.url);
    await syncSchema(db, registry, (line) => log.push(line));
  });
  after(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('creates tabSeries, tabSingles and one table per stored DocType; none for singles and virtual ones', async () => {
    const tables = await listTables(db);
    for (const t of ['tabSeries', 'tabSingles', E, 'tabSync Line', 'tabSync Region', 'tabSync Counter', 'tabSync Long Names']) expect(tables.has(t), t).to.equal(true);
    expect(tables.has('tabSync Settings')).to.equal(false);
    expect(tables.has('tabSync Virtual')).to.equal(false);
  });

  it('gives each table exactly the standard columns plus one per value field', async () => {
    const own = everyType.filter((f) => f.fieldtype !== 'Section Break' && f.fieldtype !== 'Table').map((f) => f.fieldname);
    const standard = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', '_user_tags', '_comments', '_assign', '_liked_by'];
    expect([...(await describeTable(db, E)).columns.keys()]).to.have.members([...standard, ...own, 'amended_from']);
    const line = [...(await describeTable(db, 'tabSync Line')).columns.keys()];
    expect(line).to.have.members(['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', 'parent', 'parentfield', 'parenttype', 'item', 'notes']);
    const region = [...(await describeTable(db, 'tabSync Region')).columns.keys()];
    expect(region).to.include.members(['lft', 'rgt', 'is_group', 'old_parent', 'parent_sync_region']);
  });

  it('uses Frappe column types (MariaDB) or the matching SQLite affinities', async () => {
    const columns = await columnDetails(db, E);
    const want = (mariadb: string) => (db.dialect === 'mysql' ? mariadb : SQLITE_TYPES[mariadb]!);
    for (const [fieldtype, mariadb] of MARIADB_TYPES) expect(columns.get(fieldOf(fieldtype))?.type, fieldtype).to.equal(want(mariadb));
    const standard = { name: 'varchar(140)', owner: 'varchar(140)', modified_by: 'varchar(140)', creation: 'datetime(6)', modified: 'datetime(6)', _assign: 'text', _user_tags: 'text' };
    for (const [column, type] of Object.entries(standard)) expect(columns.get(column)?.type, column).to.equal(want(type));
    if (db.dialect === 'mysql') {
      expect(columns.get('docstatus')!.type).to.equal('int(1)');
      expect(columns.get('idx')!.type).to.equal('int(8)');
      expect(columns.get('wide')!.type).to.equal('varchar(255)');
      expect(columns.get('code')!.type).to.equal('varchar(40)');
      expect(columns.get('long_key')!.type).to.equal('varchar(1000)');
      expect(columns.get('big')!.type).to.equal('bigint(20)');
    } else {
      expect(columns.get('wide')!.type).to.equal('varchar(255)');
      expect(columns.get('big')!.type).to.equal('integer');
    }
  });

  it('makes Int, Check, Float, Currency and Percent NOT NULL with their default; everything else nullable', async () => {
    const columns = await columnDetails(db, E);
    for (const [fieldtype] of MARIADB_TYPES) {
      const column = columns.get(fieldOf(fieldtype))!;
      expect(column.nullable, fieldtype).to.equal(!NOT_NULL.includes(fieldtype));
      if (NOT_NULL.includes(fieldtype)) expect(column.defaultValue, fieldtype).to.equal(0);
    }
    expect(columns.get('qty')).to.include({ nullable: false, defaultValue: 5 });
    expect(columns.get('active')).to.include({ nullable: false, defaultValue: 1 });
    expect(columns.get('ratio')).to.include({ nullable: false, defaultValue: 2.5 });
    expect(columns.get('docstatus')).to.include({ nullable: false, defaultValue: 0 });
    expect(columns.get('idx')).to.include({ nullable: false, defaultValue: 0 });
  });

  it('a row inserted with only a name gets those defaults', async () => {
    await db.knex(E).insert({ name: 'defaults-only' });
    const row = await db.knex(E).where({ name: 'defaults-only' }).first();
    expect([row.qty, row.active, row.ratio, row.f_int, row.f_currency, row.docstatus, row.idx]).to.deep.equal([5, 1, 2.5, 0, 0, 0, 0]);
    expect([row.f_data, row.f_duration, row.f_date, row.f_rating, row.f_text]).to.deep.equal([null, null, null, null, null]);
  });

  it('indexes Link fields, search_index, sort_field and modified; unique fields get a unique index', async () => {
    const indexed = async (column: string, table = E) => (await indexesOn(db, table, column)).map((i) => (i.unique ? 'unique' : 'index'));
    expect(await indexed('f_link')).to.deep.equal(['index']);
    expect(await indexed('wide')).to.deep.equal(['index']);
    expect(await indexed('rank')).to.deep.equal(['index']);
    expect(await indexed('modified')).to.deep.equal(['index']);
    expect(await indexed('amended_from')).to.deep.equal(['index']);
    expect(await indexed('code')).to.deep.equal(['unique']);
    expect(await indexed('long_key')).to.deep.equal(['unique']);
    for (const plain of ['f_data', 'f_int', 'qty', 'f_dynamic_link', 'owner', 'creation']) expect(await indexed(plain), plain).to.deep.equal([]);
  });

  it('refuses duplicates in a unique column, however long', async () => {
    await db.knex(E).insert({ name: 'u1', code: 'C-1', long_key: 'k'.repeat(900) });
    await db.knex(E).insert({ name: 'u2', code: 'C-2', long_key: 'k'.repeat(899) });
    let error: unknown;
    await db.knex(E).insert({ name: 'u3', code: 'C-1' }).catch((e: unknown) => (error = e));
    expect(error, 'duplicate code').to.be.instanceOf(Error);
    error = undefined;
    await db.knex(E).insert({ name: 'u4', code: 'C-4', long_key: 'k'.repeat(900) }).catch((e: unknown) => (error = e));
    expect(error, 'duplicate long_key').to.be.instanceOf(Error);
  });

  it('indexes parent on child tables, lft/rgt and the parent link of trees; not text columns', async () => {
    expect((await indexesOn(db, 'tabSync Line', 'parent')).length).to.equal(1);
    expect(await indexesOn(db, 'tabSync Line', 'notes')).to.deep.equal([]);
    for (const column of ['lft', 'rgt', 'parent_sync_region', 'modified']) expect((await indexesOn(db, 'tabSync Region', column)).length, column).to.equal(1);
  });

  it('gives long fieldnames distinct index names', async () => {
    const live = await describeTable(db, 'tabSync Long Names');
    const names = live.indexes.map((i) => i.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const column of [`${'a'.repeat(63)}1`, `${'a'.repeat(63)}2`]) {
      const on = live.indexes.filter((i) => i.columns[0] === column);
      expect(on.some((i) => i.unique), column).to.equal(true);
      if (db.dialect === 'mysql') expect(on.every((i) => i.name.length <= 64)).to.equal(true);
    }
  });

  it('an autoincrement DocType gets a numeric name that counts up', async () => {
    await db.knex('tabSync Counter').insert({ label: 'one' });
    await db.knex('tabSync Counter').insert({ label: 'two' });
    const rows = await db.knex('tabSync Counter').select('name', 'label').orderBy('name');
    expect(rows.map((r) => [Number(r.name), r.label])).to.deep.equal([[1, 'one'], [2, 'two']]);
  });

  it('logs one line per step, then has nothing left to do', async () => {
    expect(log.filter((l) => l.startsWith('[sync] create table '))).to.have.length(4 + 1 + 5); // __patches, __Auth, tabSessions, tabSeries, tabSingles + 5 DocTypes
    expect(log).to.include('[sync] create table tabSeries');
    expect(log.some((l) => /^\[sync\] create table tabSync Everything \(\d+ columns, \d+ indexes\)$/.test(l))).to.equal(true);
    const plan = await planSync(db, registry);
    expect(plan.steps).to.deep.equal([]);
    expect(plan.drift).to.deep.equal([]);
    const again: string[] = [];
    await syncSchema(db, registry, (line) => again.push(line));
    expect(again).to.deep.equal(['[sync] schema is up to date']);
  });
});
