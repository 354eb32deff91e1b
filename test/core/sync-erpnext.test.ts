/**
 * Real ERPNext DocType files (../shared/compat/erpnext, test data only) that link only to each other:
 * they must load unchanged and migrate on both databases. They are copied into a temporary folder for
 * the run, in the same <module>/<name>/<name>.json layout.
 */
import { expect } from 'chai';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeTable, listTables, planSync } from '../../core/db';
import { findDocTypeFiles, loadDocTypesOrThrow, type DocTypeDef } from '../../core/meta';
import { createTestSite, type TestSite } from '../support/site';
import { removeTempApps, tempApp } from '../fixtures/meta/temp-app';

const CORPUS = resolve(import.meta.dirname, '../../../shared/compat/erpnext');
const PICKED = [
  'stock/item_attribute', // Table -> Item Attribute Value, unique field, autoname field:
  'stock/item_attribute_value', // child table with search_index
  'setup/holiday_list', // Table -> Holiday, Button, Autocomplete, Color
  'setup/holiday', // child table: Date, Text Editor, Check
  'assets/location', // tree with nsm_parent_field, Link -> UOM, Geolocation
  'setup/uom',
  'quality_management/quality_feedback_template', // Table -> Quality Feedback Template Parameter
  'quality_management/quality_feedback_template_parameter',
  'support/service_day', // child tables without any Link
  'stock/shipment_parcel',
  'setup/employee_education',
  'manufacturing/workstation_working_hour',
];
const NO_COLUMN = ['Section Break', 'Column Break', 'Tab Break', 'HTML', 'Button', 'Image', 'Fold', 'Heading', 'Table', 'Table MultiSelect'];
const STANDARD = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx'];

const available = existsSync(CORPUS);
const read = (path: string): DocTypeDef => JSON.parse(readFileSync(join(CORPUS, path, `${path.split('/')[1]}.json`), 'utf8'));

(available ? describe : describe.skip)('ERPNext DocType files load and migrate unchanged', () => {
  let folder: string;
  let site: TestSite;
  const defs = available ? PICKED.map(read) : [];

  before(async () => {
    folder = tempApp('erpnext').folder;
    for (const path of PICKED) {
      const [module, name] = path.split('/') as [string, string];
      mkdirSync(join(folder, module, name), { recursive: true });
      copyFileSync(join(CORPUS, path, `${name}.json`), join(folder, module, name, `${name}.json`));
    }
    site = await createTestSite({ doctypePaths: [folder], label: 'erpnext' });
  });
  after(async () => {
    await site?.destroy();
    removeTempApps();
  });

  it('finds and loads every picked file without errors', () => {
    expect(findDocTypeFiles(folder)).to.have.length(PICKED.length);
    const { registry, errors } = loadDocTypesOrThrow([{ app: 'erpnext', folder }]);
    expect(errors).to.deep.equal([]);
    expect(registry.all().map((m) => m.name)).to.have.members(defs.map((d) => d.name));
  });

  it('keeps the files as they are: every field, in field_order, with Frappe keys the engine does not use', () => {
    for (const def of defs) {
      const meta = site.registry.get(def.name);
      const own = meta.fields.map((f) => f.fieldname).filter((n) => def.fields.some((f) => f.fieldname === n));
      expect(own, def.name).to.deep.equal(def.field_order ?? def.fields.map((f) => f.fieldname));
      expect(meta.def.modified, def.name).to.equal(def.modified);
    }
  });

  it('creates a table for each with the standard and value columns', async () => {
    const tables = await listTables(site.db);
    for (const def of defs) {
      const meta = site.registry.get(def.name);
      expect(tables.has(`tab${def.name}`), def.name).to.equal(true);
      const columns = [...(await describeTable(site.db, meta.tableName)).columns.keys()];
      const extra = meta.istable ? ['parent', 'parentfield', 'parenttype'] : ['_user_tags', '_comments', '_assign', '_liked_by'];
      const own = def.fields.filter((f) => !NO_COLUMN.includes(f.fieldtype)).map((f) => f.fieldname);
      expect(columns, def.name).to.have.members([...STANDARD, ...extra, ...own]);
    }
  });

  it('makes the indexes the files ask for', async () => {
    const live = async (table: string) => (await describeTable(site.db, table)).indexes;
    expect((await live('tabItem Attribute')).some((i) => i.unique && i.columns[0] === 'attribute_name')).to.equal(true);
    expect((await live('tabItem Attribute Value')).some((i) => i.columns[0] === 'abbr')).to.equal(true);
    expect((await live('tabItem Attribute Value')).some((i) => i.columns[0] === 'parent')).to.equal(true);
    expect((await live('tabLocation')).some((i) => i.columns[0] === 'parent_location')).to.equal(true);
    expect((await live('tabLocation')).some((i) => i.columns[0] === 'area_uom')).to.equal(true);
  });

  it('the tree keeps its own nsm fields', () => {
    const location = site.registry.get('Location');
    expect(location.treeParentField).to.equal('parent_location');
    expect(location.getField('old_parent')!.fieldtype).to.equal('Data');
    expect(location.hasField('parent_location') && location.hasField('lft') && location.hasField('rgt')).to.equal(true);
  });

  it('is in sync after migrate: nothing to do, no drift', async () => {
    const plan = await planSync(site.db, site.registry);
    expect(plan.steps).to.deep.equal([]);
    expect(plan.drift).to.deep.equal([]);
  });

  it('stores a document with child rows', async () => {
    await site.documents.insert('Item Attribute', {
      attribute_name: 'Colour',
      item_attribute_values: [
        { attribute_value: 'Red', abbr: 'R' },
        { attribute_value: 'Blue', abbr: 'B' },
      ],
    });
    const rows = await site.db.knex('tabItem Attribute Value').select('parent', 'parenttype', 'parentfield', 'abbr', 'idx').orderBy('idx');
    expect(rows).to.deep.equal([
      { parent: 'Colour', parenttype: 'Item Attribute', parentfield: 'item_attribute_values', abbr: 'R', idx: 1 },
      { parent: 'Colour', parenttype: 'Item Attribute', parentfield: 'item_attribute_values', abbr: 'B', idx: 2 },
    ]);
  });
});
