import { expect } from 'chai';
import { resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DoesNotExistError } from '../../core/errors';
import {
  FIELD_TYPES,
  FIELD_TYPE_NAMES,
  findDocTypeFiles,
  loadDocTypes,
  loadDocTypesOrThrow,
  MetaRegistry,
  type DocTypeDef,
} from '../../core/meta';
import { removeTempApps, tempApp } from '../fixtures/meta/temp-app';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/meta');
const FLAT = join(FIXTURES, 'flat');
const NESTED = join(FIXTURES, 'nested');

/** Frappe's type map (frappe-spec section 1), written out independently of core/meta/fieldtypes.ts. */
const SPEC_COLUMNS: Record<string, string | null> = {
  Data: 'varchar', Link: 'varchar', 'Dynamic Link': 'varchar', Select: 'varchar', 'Read Only': 'varchar',
  Color: 'varchar', Icon: 'varchar', Phone: 'varchar', Autocomplete: 'varchar',
  Int: 'int', Check: 'check',
  Float: 'decimal', Currency: 'decimal', Percent: 'decimal', Duration: 'decimal',
  Rating: 'rating',
  Date: 'date', Datetime: 'datetime', Time: 'time',
  'Small Text': 'text', Text: 'text', Password: 'text', Attach: 'text', 'Attach Image': 'text',
  'Long Text': 'longtext', Code: 'longtext', 'Text Editor': 'longtext', 'Markdown Editor': 'longtext',
  'HTML Editor': 'longtext', Signature: 'longtext', Barcode: 'longtext', Geolocation: 'longtext',
  JSON: 'json',
  'Section Break': null, 'Column Break': null, 'Tab Break': null, HTML: null, Button: null, Image: null,
  Fold: null, Heading: null,
  Table: null, 'Table MultiSelect': null,
};
const LAYOUT = ['Section Break', 'Column Break', 'Tab Break', 'HTML', 'Button', 'Image', 'Fold', 'Heading'];

describe('meta loader: files and folders', () => {
  after(removeTempApps);

  describe('findDocTypeFiles', () => {
    it('finds <folder>/<name>/<name>.json', () => {
      expect(findDocTypeFiles(FLAT)).to.deep.equal([join(FLAT, 'fixture_note', 'fixture_note.json')]);
    });

    it('finds DocTypes below module folders (and Frappe module/doctype/ folders), skipping other folders', () => {
      const files = findDocTypeFiles(NESTED).map((f) => f.slice(NESTED.length + 1));
      expect(files).to.have.members([
        'sales/fixture_order/fixture_order.json',
        'sales/fixture_order_item/fixture_order_item.json',
        'setup/doctype/fixture_region/fixture_region.json',
      ]);
      expect(files).to.have.length(3);
    });

    it('skips hidden folders and node_modules, and answers [] for a missing folder', () => {
      const app = tempApp('skip');
      app.write('Visible', { name: 'Visible', fields: [] });
      app.write('Ghost', { name: 'Ghost', fields: [] }, '.hidden');
      app.write('Ghost Two', { name: 'Ghost Two', fields: [] }, 'node_modules');
      expect(findDocTypeFiles(app.folder).map((f) => f.slice(app.folder.length + 1))).to.deep.equal(['visible/visible.json']);
      expect(findDocTypeFiles(join(app.folder, 'does-not-exist'))).to.deep.equal([]);
    });

    it('ignores a folder whose JSON does not carry the folder name', () => {
      const app = tempApp('misnamed');
      mkdirSync(join(app.folder, 'thing'));
      writeFileSync(join(app.folder, 'thing', 'other.json'), '{"name": "Thing", "fields": []}');
      expect(findDocTypeFiles(app.folder)).to.deep.equal([]);
    });
  });

  describe('loadDocTypes', () => {
    it('loads flat and module-nested folders together into one registry', () => {
      const { registry, errors } = loadDocTypesOrThrow([
        { app: 'one', folder: FLAT },
        { app: 'two', folder: NESTED },
      ]);
      expect(errors).to.deep.equal([]);
      expect(registry.all().map((m) => m.name)).to.have.members(['Fixture Note', 'Fixture Order', 'Fixture Order Item', 'Fixture Region']);
      const order = registry.get('Fixture Order');
      expect(order.app).to.equal('two');
      expect(order.file).to.match(/sales\/fixture_order\/fixture_order\.json$/);
      expect(order.tableName).to.equal('tabFixture Order');
      expect(registry.get('Fixture Note').app).to.equal('one');
    });

    it('keeps unknown top-level and field keys in def, and ignores them', () => {
      const meta = loadDocTypesOrThrow([{ app: 'one', folder: FLAT }]).registry.get('Fixture Note');
      expect(meta.def.engine).to.equal('InnoDB');
      expect(meta.def.custom_banner).to.equal('kept but unused');
      const priority = meta.getField('priority')!;
      expect(priority.def.oldfieldname).to.equal('prio');
      expect(priority.def.print_width).to.equal('50px');
      expect(meta.hasField('engine')).to.equal(false);
      expect(meta.hasField('oldfieldname')).to.equal(false);
    });

    it('orders fields by field_order; fields it leaves out follow in file order', () => {
      const meta = loadDocTypesOrThrow([{ app: 'one', folder: FLAT }]).registry.get('Fixture Note');
      expect(meta.fields.map((f) => f.fieldname)).to.deep.equal(['subject', 'body_section', 'body', 'priority', 'extra']);
      expect(meta.valueFields.map((f) => f.fieldname)).to.deep.equal(['subject', 'body', 'priority', 'extra']);
    });

    it('keeps file order when there is no field_order', () => {
      const { registry } = loadDocTypesOrThrow([], [
        { app: 't', def: { name: 'No Order', fields: [{ fieldname: 'b', fieldtype: 'Data' }, { fieldname: 'a', fieldtype: 'Int' }] } },
      ]);
      expect(registry.get('No Order').fields.map((f) => f.fieldname)).to.deep.equal(['b', 'a']);
    });

    it('answers a controller file beside the JSON', () => {
      const app = tempApp('ctrl');
      const file = app.write('With Controller', { name: 'With Controller', fields: [] });
      writeFileSync(file.replace(/\.json$/, '.ts'), 'export default {};\n');
      app.write('Without Controller', { name: 'Without Controller', fields: [] });
      const { registry } = loadDocTypesOrThrow([{ app: 'x', folder: app.folder }]);
      expect(registry.get('With Controller').controllerFile).to.equal(file.replace(/\.json$/, '.ts'));
      expect(registry.get('Without Controller').controllerFile).to.equal(undefined);
    });

    it('loads an app and objects given in code side by side; objects may link to files', () => {
      const { registry } = loadDocTypesOrThrow([{ app: 'two', folder: NESTED }], [
        { app: 'test', def: { name: 'Region Note', fields: [{ fieldname: 'region', fieldtype: 'Link', options: 'Fixture Region' }] } },
      ]);
      expect(registry.get('Region Note').file).to.equal('<Region Note>');
      expect(registry.linksTo('Fixture Region').map((l) => `${l.meta.name}.${l.fieldname}`)).to.have.members([
        'Fixture Order.region',
        'Region Note.region',
        'Fixture Region.parent_fixture_region',
        'Fixture Region.old_parent',
      ]);
    });
  });

  describe('field types', () => {
    it('knows all 43 Frappe field types', () => {
      expect(FIELD_TYPES.size).to.equal(43);
      expect([...FIELD_TYPE_NAMES].sort()).to.deep.equal(Object.keys(SPEC_COLUMNS).sort());
    });

    it('maps each type to the column kind of frappe-spec section 1', () => {
      for (const [name, column] of Object.entries(SPEC_COLUMNS)) expect(FIELD_TYPES.get(name)!.column, name).to.equal(column);
    });

    it('has 10 types without a column: 8 layout-only and the 2 table types', () => {
      const noColumn = [...FIELD_TYPES.values()].filter((t) => t.column === null);
      expect(noColumn).to.have.length(10);
      expect(noColumn.filter((t) => t.layoutOnly).map((t) => t.name)).to.have.members(LAYOUT);
      expect(noColumn.filter((t) => t.isTable).map((t) => t.name)).to.have.members(['Table', 'Table MultiSelect']);
      expect([...FIELD_TYPES.values()].filter((t) => t.layoutOnly)).to.have.length(8);
    });

    it('allows unique only on Data, Link, Read Only and Int', () => {
      expect([...FIELD_TYPES.values()].filter((t) => t.uniqueAllowed).map((t) => t.name)).to.have.members(['Data', 'Link', 'Read Only', 'Int']);
    });

    it('a DocType using every type loads, and only the 33 column types become columns', () => {
      const fields = FIELD_TYPE_NAMES.map((fieldtype, i) => ({
        fieldname: `f${i}`,
        fieldtype,
        ...(fieldtype === 'Link' ? { options: 'Every Type' } : {}),
        ...(fieldtype === 'Dynamic Link' ? { options: 'f0' } : {}),
        ...(fieldtype === 'Table' || fieldtype === 'Table MultiSelect' ? { options: 'Every Type Row' } : {}),
      }));
      const { registry } = loadDocTypesOrThrow([], [
        { app: 't', def: { name: 'Every Type', fields } },
        { app: 't', def: { name: 'Every Type Row', istable: 1, fields: [{ fieldname: 'x', fieldtype: 'Data' }] } },
      ]);
      const meta = registry.get('Every Type');
      expect(meta.fields).to.have.length(43);
      expect(meta.valueFields).to.have.length(33);
      expect(meta.tableFields.map((f) => f.fieldtype)).to.have.members(['Table', 'Table MultiSelect']);
    });
  });

  describe('MetaRegistry and DocTypeMeta', () => {
    const defs: DocTypeDef[] = [
      { name: 'Lead Source', fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
      {
        name: 'Prospect',
        title_field: 'company_name',
        search_fields: 'company_name, source',
        sort_field: 'rank',
        sort_order: 'ASC',
        fields: [
          { fieldname: 'company_name', fieldtype: 'Data' },
          { fieldname: 'source', fieldtype: 'Link', options: 'Lead Source' },
          { fieldname: 'rank', fieldtype: 'Int' },
          { fieldname: 'ref_type', fieldtype: 'Link', options: 'DocType' },
          { fieldname: 'ref_name', fieldtype: 'Dynamic Link', options: 'ref_type' },
        ],
      },
      { name: 'Plain', fields: [{ fieldname: 'note', fieldtype: 'Small Text' }] },
    ];
    const registry = (): MetaRegistry => loadDocTypesOrThrow([], defs.map((def) => ({ app: 't', def }))).registry;

    it('get / find / has / findIgnoringCase / size', () => {
      const r = registry();
      expect(r.size).to.equal(3);
      expect(r.get('Prospect').name).to.equal('Prospect');
      expect(r.find('prospect')).to.equal(undefined);
      expect(r.findIgnoringCase('pROSPECT')?.name).to.equal('Prospect');
      expect(r.has('Plain')).to.equal(true);
      expect(() => r.get('Nope')).to.throw(DoesNotExistError, /Nope/);
    });

    it('linksTo and dynamicLinks', () => {
      const r = registry();
      expect(r.linksTo('Lead Source').map((l) => `${l.meta.name}.${l.fieldname}`)).to.deep.equal(['Prospect.source']);
      expect(r.dynamicLinks()).to.deep.equal([{ meta: r.get('Prospect'), fieldname: 'ref_name', doctypeField: 'ref_type' }]);
    });

    it('title, search and sort settings, with Frappe fallbacks', () => {
      const r = registry();
      const prospect = r.get('Prospect');
      expect(prospect.titleField).to.equal('company_name');
      expect(prospect.searchFields).to.deep.equal(['company_name', 'source']);
      expect([prospect.sortField, prospect.sortOrder]).to.deep.equal(['rank', 'asc']);
      expect(r.get('Lead Source').titleField).to.equal('title');
      const plain = r.get('Plain');
      expect([plain.titleField, plain.sortField, plain.sortOrder]).to.deep.equal(['name', 'modified', 'desc']);
    });

    it('is frozen: a def given in code cannot change the loaded meta afterwards', () => {
      const def: DocTypeDef = { name: 'Mutable', fields: [{ fieldname: 'a', fieldtype: 'Data' }] };
      const meta = loadDocTypesOrThrow([], [{ app: 't', def }]).registry.get('Mutable');
      def.fields.push({ fieldname: 'b', fieldtype: 'Data' });
      def.title_field = 'a';
      expect(meta.def.fields).to.have.length(1);
      expect(meta.def.title_field).to.equal(undefined);
      expect(Object.isFrozen(meta)).to.equal(true);
      expect(Object.isFrozen(meta.fields)).to.equal(true);
      expect(() => (meta.def.fields as unknown[]).push({})).to.throw(TypeError);
    });

    it('loadDocTypes reports problems without throwing; loadDocTypesOrThrow is the strict one', () => {
      const result = loadDocTypes([], [{ app: 't', def: { name: 'Bad', fields: [{ fieldname: 'x', fieldtype: 'Link', options: 'Missing' }] } }]);
      expect(result.errors).to.have.length(1);
      expect(result.problems).to.have.length(1);
    });
  });
});
