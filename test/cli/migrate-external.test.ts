/**
 * The "done when", end to end through the CLI: a Frappe app exported as Frappe writes it
 * (test/fixtures/external-app/field_service, nobody wrote it for this project) is migrated by
 * `node bin/tabula.js migrate` in a child process, its documents round-trip through the document
 * API, and `tabula doctor` reports a clean site, then a pending column, then an orphan column.
 */
import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, readConfig } from '../../core/config';
import { openDatabase } from '../../core/db';
import { currentSeriesValue, formatDate, todayDate } from '../../core/document';
import { DataError, LinkValidationError, MandatoryError, ValidationError } from '../../core/errors';
import type { DocFieldDef, DocTypeDef } from '../../core/meta';
import { openSite, type Site } from '../../core/site';
import { rejectsWith, where } from '../fixtures/validation/support';
import { coreDocTypeCount, coreTables } from '../fixtures/meta/core-app';
import { cliDatabase, lines, removeScratch, scratchDir, tabula, type CliDatabase, type CliResult } from '../fixtures/cli/run';

const APP = join(PROJECT_ROOT, 'test/fixtures/external-app/field_service');
const VISIT_JSON = 'field_service/field_visit/field_visit.json';
const APP_TABLES = ['tabField Visit', 'tabField Visit Item', 'tabService Activity', 'tabService Region'];

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).to.equal(code);
}

/** Writes a DocType the way Frappe exports it: keys sorted at every level, one-space indent. */
function writeFrappeJson(file: string, def: unknown): void {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  writeFileSync(file, JSON.stringify(sorted(def), null, 1));
}

describe('cli: an external Frappe app, migrated and checked through `tabula`', function () {
  this.timeout(90_000);
  const year = formatDate(new Date()).slice(0, 4);
  let db: CliDatabase;
  let env: Record<string, string>;
  let site: Site | undefined;

  before(async () => {
    db = await cliDatabase('external_app');
    env = { TABULA_APPS: 'core', TABULA_DOCTYPE_PATHS: APP, TABULA_DB_URL: db.url };
  });
  after(async () => {
    await site?.close();
    await db.drop();
    removeScratch();
  });

  describe('tabula migrate', () => {
    it('the fixture really is a Frappe export: sorted keys, keys Tabula ignores, a .py and a .js beside the JSON', () => {
      const text = readFileSync(join(APP, VISIT_JSON), 'utf8');
      const def = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(def)).to.deep.equal(Object.keys(def).sort());
      for (const key of ['creation', 'modified', 'owner', 'engine', 'module', 'actions', 'links', 'states', 'naming_rule', 'track_changes'])
        expect(def, key).to.have.property(key);
      expect(text).to.not.match(/": (0|""|null|false),?\n/); // falsy keys are dropped by Frappe's export
      expect(readFileSync(join(APP, 'field_service/field_visit/field_visit.py'), 'utf8')).to.contain('class FieldVisit(Document)');
    });

    it('creates every table of the app, logging each step, and exits 0', async () => {
      expect(await db.tables()).to.deep.equal([]);
      const result = await tabula(['migrate'], env);
      expectExit(result, 0);
      const out = lines(result.stdout);
      expect(out[0]).to.match(new RegExp(`^Migrating .*: ${coreDocTypeCount() + 4} DocTypes from core and .*field_service$`));
      for (const table of APP_TABLES) expect(out.filter((l) => l.startsWith(`[sync] create table ${table} (`)), table).to.have.length(1);
      expect(out).to.include.members(['[sync] create table tabSeries', '[defaults] user Administrator']);
      // One step per table: the core app's, the app's four, and the five system tables (core/db/system-tables.ts).
      expect(out.at(-1)).to.match(new RegExp(`^Migrated in \\d+ ms: ${coreTables().length + 4 + 5} schema steps, 0 differences left for you`));
      expect(await db.tables()).to.include.members([...APP_TABLES, 'tabSeries', 'tabUser']);
    });

    it('a second run finds the schema up to date and changes nothing', async () => {
      const before = await db.tables();
      const result = await tabula(['migrate'], env);
      expectExit(result, 0);
      const out = lines(result.stdout);
      expect(out).to.include('[sync] schema is up to date');
      expect(out.filter((l) => l.startsWith('[sync] ') || l.startsWith('[defaults] '))).to.deep.equal(['[sync] schema is up to date']);
      expect(out.at(-1)).to.match(/: 0 schema steps, 0 differences/);
      expect(await db.tables()).to.deep.equal(before);
    });
  });

  describe('documents on the migrated site (openSite with the same configuration)', () => {
    before(async () => {
      site = await openSite(readConfig(env));
    });
    const docs = () => site!.documents;
    const count = async (table: string) => Number(((await site!.db.knex(table).count({ n: '*' }).first()) as { n: number | string }).n);
    const visit = (values: Record<string, unknown> = {}) => ({
      customer_name: 'Harbour Café',
      contact_email: 'ops@harbour.example',
      service_region: 'North-East',
      items: [{ activity: 'Boiler Service', hours: 1.5 }],
      ...values,
    });

    it('tree nodes get their nested set (lft/rgt) and keep is_group', async () => {
      await docs().insert('Service Region', { region_name: 'All Regions', is_group: 1, region_manager: 'Head Office' });
      await docs().insert('Service Region', { region_name: 'North', parent_service_region: 'All Regions', is_group: 1, region_manager: 'Nora North' });
      await docs().insert('Service Region', { region_name: 'North-East', parent_service_region: 'north', region_manager: 'Ned East', manager_email: 'ned@example.com' });
      await docs().insert('Service Region', { region_name: 'South', parent_service_region: 'All Regions', region_manager: 'Sam South' });
      const rows = (await site!.db.knex('tabService Region').orderBy('lft').select('name', 'lft', 'rgt', 'is_group', 'parent_service_region')) as Record<string, unknown>[];
      expect(rows.map((r) => [r.name, Number(r.lft), Number(r.rgt), Number(r.is_group), r.parent_service_region ?? null])).to.deep.equal([
        ['All Regions', 1, 8, 1, null],
        ['North', 2, 5, 1, 'All Regions'],
        ['North-East', 3, 4, 0, 'North'], // the link was normalised to the target's exact name
        ['South', 6, 7, 0, 'All Regions'],
      ]);
    });

    it('a Field Visit with two item rows: series name, defaults, fetch_from, typed values, child idx 1..2', async () => {
      await docs().insert('Service Activity', { activity_name: 'Boiler Service', billing_rate: 85, description: 'Annual boiler check' });
      await docs().insert('Service Activity', { activity_name: 'Pipe Repair', billing_rate: 60 });
      const inserted = await docs().insert(
        'Field Visit',
        visit({
          service_region: 'north-east',
          check_in: '2025-03-04 09:15',
          technicians: '2',
          visit_charge: '49.50',
          discount_percentage: 12.5,
          notes: 'Use the side entrance',
          technician_report: '<p>Replaced the <b>valve</b></p>',
          items: [
            { activity: 'Boiler Service', hours: 1.5 },
            { activity: 'Pipe Repair', hours: 0.75, rate: 70, parts_used: 3, description: 'Kitchen sink' },
          ],
        }),
      );
      expect(inserted.name).to.equal(`FV-${year}-00001`);
      const doc = await docs().get('Field Visit', inserted.name!);
      expect(doc).to.include({
        naming_series: 'FV-.YYYY.-',
        customer_name: 'Harbour Café',
        status: 'Scheduled',
        visit_date: todayDate(),
        check_in: '2025-03-04 09:15:00.000000',
        service_region: 'North-East',
        region_manager: 'Ned East', // fetch_from service_region.region_manager
        technicians: 2,
        is_billable: 1,
        visit_charge: 49.5,
        discount_percentage: 12.5,
        technician_report: '<p>Replaced the <b>valve</b></p>',
        docstatus: 0,
        owner: 'Administrator',
      });
      const items = doc.items as Record<string, unknown>[];
      expect(items.map((r) => [r.idx, r.activity, r.hours, r.rate, r.parts_used, r.description])).to.deep.equal([
        [1, 'Boiler Service', 1.5, 85, 0, 'Annual boiler check'], // rate and description fetched from the activity
        [2, 'Pipe Repair', 0.75, 70, 3, 'Kitchen sink'], // fetch_if_empty keeps the values sent
      ]);
      for (const row of items) expect(row).to.include({ parent: inserted.name, parenttype: 'Field Visit', parentfield: 'items', docstatus: 0 });
      expect(await count('tabField Visit Item')).to.equal(2);
    });

    it('the second series option counts on its own', async () => {
      const doc = await docs().insert('Field Visit', visit({ naming_series: 'FV-RET-.YYYY.-', customer_name: 'Mill Lane Bakery', items: [] }));
      expect(doc.name).to.equal(`FV-RET-${year}-00001`);
      expect(doc.items).to.deep.equal([]);
    });

    it('rejects bad documents, naming every field, and writes nothing', async () => {
      const before = { visits: await count('tabField Visit'), items: await count('tabField Visit Item'), regions: await count('tabService Region') };

      const types = await rejectsWith(docs().insert('Field Visit', visit({ technicians: 'many', visit_date: 'next tuesday', visit_charge: 'free' })), ValidationError);
      expect(where(types.errors)).to.deep.equal(['technicians', 'visit_charge', 'visit_date']);
      expect(types.errors.find((e) => e.fieldname === 'technicians')!.message).to.match(/whole number.*"many"/);

      // Missing values and bad formats together: one MandatoryError listing every field.
      const many = await rejectsWith(docs().insert('Field Visit', visit({ customer_name: '', contact_email: 'ops at harbour', status: 'Completed' })), MandatoryError);
      expect(where(many.errors)).to.deep.equal(['completion_notes', 'contact_email', 'customer_name']);

      const email = await rejectsWith(docs().insert('Field Visit', visit({ contact_email: 'ops at harbour' })), DataError);
      expect(where(email.errors)).to.deep.equal(['contact_email']);

      const region = await rejectsWith(docs().insert('Field Visit', visit({ service_region: 'Atlantis', items: [{ activity: 'Chimney Sweep', hours: 1 }] })), LinkValidationError);
      expect(where(region.errors)).to.deep.equal(['items/1/activity', 'service_region']);
      expect(region.errors.map((e) => e.message).join(' | ')).to.contain('Could not find Service Region: Atlantis');

      const completed = await rejectsWith(docs().insert('Field Visit', visit({ status: 'Completed' })), MandatoryError);
      expect(where(completed.errors)).to.deep.equal(['completion_notes']); // mandatory_depends_on eval:doc.status=='Completed'
      const select = await rejectsWith(docs().insert('Field Visit', visit({ status: 'Postponed' })), ValidationError);
      expect(where(select.errors)).to.deep.equal(['status']);

      const leafParent = await rejectsWith(docs().insert('Service Region', { region_name: 'South-West', parent_service_region: 'South' }), ValidationError);
      expect(where(leafParent.errors)).to.deep.equal(['parent_service_region']);
      expect(leafParent.message).to.contain('South is not a group');

      expect({ visits: await count('tabField Visit'), items: await count('tabField Visit Item'), regions: await count('tabService Region') }).to.deep.equal(before);
      expect(await currentSeriesValue(site!.db.knex, `FV-${year}-`)).to.equal(1);
      const south = (await site!.db.knex('tabService Region').where('name', 'South').first('lft', 'rgt')) as { lft: number; rgt: number };
      expect([Number(south.lft), Number(south.rgt)]).to.deep.equal([6, 7]);
    });

    it('a completed visit with its notes is accepted and takes the next number', async () => {
      const doc = await docs().insert('Field Visit', visit({ status: 'Completed', completion_notes: 'Boiler back in service' }));
      expect(doc.name).to.equal(`FV-${year}-00002`);
    });
  });

  describe('tabula doctor', () => {
    it('reports no problems and no pending steps on the migrated site (exit 0)', async () => {
      const result = await tabula(['doctor'], env);
      expectExit(result, 0);
      const out = lines(result.stdout);
      expect(out[0]).to.match(new RegExp(`^DocTypes: ${coreDocTypeCount() + 4} loaded from core and .*field_service$`));
      // The export keeps a Version log (track_changes), which Tabula does not: said, file by file.
      expect(out).to.include('0 errors, 2 warnings');
      expect(out.filter((l) => l.startsWith('warning:')).map((l) => l.replace(/^.*?external-app\/field_service\//, ''))).to.have.members([
        'setup/service_region/service_region.json → track_changes: not implemented: Frappe keeps a Version record of every change; Tabula keeps none',
        'field_service/field_visit/field_visit.json → track_changes: not implemented: Frappe keeps a Version record of every change; Tabula keeps none',
      ]);
      expect(out.some((l) => /^Database .*: 0 pending schema steps$/.test(l)), result.stdout).to.equal(true);
      expect(out.filter((l) => l.startsWith('pending:') || l.includes('orphan-column'))).to.deep.equal([]);
    });

    it('lists the add-column step for a field added to a copy of the app, without applying it', async () => {
      const copy = join(scratchDir('app-copy'), 'field_service');
      cpSync(APP, copy, { recursive: true });
      const file = join(copy, VISIT_JSON);
      const def = JSON.parse(readFileSync(file, 'utf8')) as DocTypeDef & { field_order: string[] };
      const supervisor: DocFieldDef = { fieldname: 'supervisor_email', fieldtype: 'Data', label: 'Supervisor Email', options: 'Email' };
      def.fields.splice(def.fields.findIndex((f) => f.fieldname === 'contact_email') + 1, 0, supervisor);
      def.field_order.splice(def.field_order.indexOf('contact_email') + 1, 0, 'supervisor_email');
      writeFrappeJson(file, def);

      const copyEnv = { ...env, TABULA_DOCTYPE_PATHS: copy };
      const doctor = await tabula(['doctor'], copyEnv);
      expectExit(doctor, 0);
      const out = lines(doctor.stdout);
      expect(out.some((l) => /^Database .*: 1 pending schema steps$/.test(l)), doctor.stdout).to.equal(true);
      expect(out.filter((l) => l.startsWith('pending:'))).to.have.length(1);
      expect(out.find((l) => l.startsWith('pending:'))).to.match(/^pending: add column tabField Visit\.supervisor_email varchar\(140\)$/);
      const columns = Object.keys(await site!.db.knex('tabField Visit').columnInfo());
      expect(columns).to.not.include('supervisor_email');

      // Now remove a field as well and migrate: the new column is added, the removed one is kept.
      def.fields = def.fields.filter((f) => f.fieldname !== 'notes');
      def.field_order = def.field_order.filter((f) => f !== 'notes');
      writeFrappeJson(file, def);
      await site!.close();
      site = undefined;
      const migrate = await tabula(['migrate'], copyEnv);
      expectExit(migrate, 0);
      const migrated = lines(migrate.stdout);
      expect(migrated).to.include.members([
        '[sync] add column tabField Visit.supervisor_email varchar(140)',
        '[sync] left as is: tabField Visit.notes has no field any more; its data is kept',
      ]);
      expect(migrated.filter((l) => l.startsWith('[sync] add column') || l.startsWith('[sync] create'))).to.have.length(1);

      const after = await tabula(['doctor'], copyEnv);
      expectExit(after, 0);
      const report = lines(after.stdout);
      expect(report).to.include('0 errors, 2 warnings');
      expect(report.some((l) => /^Database .*: 0 pending schema steps$/.test(l)), after.stdout).to.equal(true);
      expect(report).to.include('orphan-column: tabField Visit.notes has no field any more; its data is kept');

      // The orphan column still holds its data.
      const raw = await openDatabase(db.url);
      try {
        const row = (await raw.knex('tabField Visit').where('name', `FV-${year}-00001`).first('notes', 'supervisor_email')) as Record<string, unknown>;
        expect(row).to.deep.equal({ notes: 'Use the side entrance', supervisor_email: null });
      } finally {
        await raw.close();
      }
    });
  });
});
