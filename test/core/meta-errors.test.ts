import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { readConfig } from '../../core/config';
import { listTables, openDatabase } from '../../core/db';
import { MetaError, type MetaProblem } from '../../core/errors';
import { loadDocTypes, loadDocTypesOrThrow, type DocFieldDef } from '../../core/meta';
import { openSite } from '../../core/site';
import { createTestDatabase, TEST_DIALECT } from '../support/database';
import { loadFails, removeTempApps, tempApp } from '../fixtures/meta/temp-app';

const region = { name: 'Region', fields: [{ fieldname: 'region_name', fieldtype: 'Data' }] };
const row = { name: 'Order Row', istable: 1, fields: [{ fieldname: 'item', fieldtype: 'Data' }] };

/** A throwaway app with Region, Order Row and one DocType "Broken" written as given. */
function brokenApp(broken: unknown): { folder: string; file: string } {
  const app = tempApp('broken');
  app.write('Region', region);
  app.write('Order Row', row);
  return { folder: app.folder, file: app.write('Broken', broken) };
}

function broken(fields: DocFieldDef[] | unknown[], extra: Record<string, unknown> = {}) {
  return { name: 'Broken', ...extra, fields: [{ fieldname: 'title', fieldtype: 'Data' }, ...fields] };
}

/** Loads an app whose Broken DocType has exactly one error, and answers it. */
function onlyError(content: unknown): { problem: MetaProblem; file: string } {
  const { folder, file } = brokenApp(content);
  const problems = loadFails([{ app: 'x', folder }]);
  expect(problems, JSON.stringify(problems)).to.have.length(1);
  const problem = problems[0]!;
  expect(problem.severity).to.equal('error');
  // Every problem names the file (relative to the working directory when that is shorter).
  expect([file, relative(process.cwd(), file)]).to.include(problem.file);
  return { problem, file };
}

describe('meta loader: broken DocType files', () => {
  after(removeTempApps);

  it('invalid JSON', () => {
    const { problem } = onlyError('{ "name": "Broken", "fields": [ }');
    expect(problem.message).to.match(/^not valid JSON/);
  });

  it('a file that is not an object', () => {
    const { problem } = onlyError('[1, 2]');
    expect(problem.field).to.equal('(root)');
    expect(problem.message).to.match(/must be object/);
  });

  it('missing fields', () => {
    const { problem } = onlyError({ name: 'Broken' });
    expect([problem.field, problem.message, problem.doctype]).to.deep.equal(['fields', 'is required', 'Broken']);
  });

  it('unknown fieldtype, with its JSON path', () => {
    const { problem } = onlyError(broken([{ fieldname: 'a', fieldtype: 'Data' }, { fieldname: 'b', fieldtype: 'Strng' }]));
    expect(problem.field).to.equal('fields[2].fieldtype');
    expect(problem.message).to.equal('unknown fieldtype "Strng"');
  });

  it('fieldname with characters a column cannot have', () => {
    const { problem } = onlyError(broken([{ fieldname: 'first-name', fieldtype: 'Data' }]));
    expect(problem.field).to.equal('fields[1].fieldname');
    expect(problem.message).to.contain('"first-name"');
  });

  it('fieldname longer than 64 characters', () => {
    const { problem } = onlyError(broken([{ fieldname: 'x'.repeat(65), fieldtype: 'Data' }]));
    expect(problem.field).to.equal('fields[1].fieldname');
  });

  it('a varchar length over 1000', () => {
    const { problem } = onlyError(broken([{ fieldname: 'a', fieldtype: 'Data', length: 1000 }, { fieldname: 'b', fieldtype: 'Link', options: 'Region', length: 5000 }]));
    expect(problem.field).to.equal('fields[2].length');
    expect(problem.message).to.contain('5000');
  });

  it('reqd given "yes"', () => {
    const { problem } = onlyError(broken([{ fieldname: 'a', fieldtype: 'Data', reqd: 'yes' }]));
    expect(problem.field).to.equal('fields[1].reqd');
    expect(problem.message).to.equal('must be 0, 1, true or false (got "yes")');
  });

  it('precision and sort_order say what they accept', () => {
    const { folder } = brokenApp(broken([{ fieldname: 'p', fieldtype: 'Float', precision: 12 }], { sort_order: 'up' }));
    expect(loadFails([{ app: 'x', folder }]).map((p) => [p.field, p.message])).to.have.deep.members([
      ['fields[1].precision', 'must be "" or a digit from 0 to 9 (got 12)'],
      ['sort_order', 'must be ASC or DESC (got "up")'],
    ]);
  });

  it('DocType names follow Frappe: a letter first, then letters, digits, spaces, _ and -', () => {
    for (const bad of ['Foo.Bar', 'Foo (old)', '1st Thing', '_Private', 'Semi;colon']) {
      const problems = loadFails([], [{ app: 't', def: { name: bad, fields: [] } }]);
      expect(problems.map((p) => p.field), bad).to.deep.equal(['name']);
      expect(problems[0]!.message).to.contain(JSON.stringify(bad));
    }
    const good = ['Año Fiscal', 'Sales-Territory Group', 'Item_2', 'X'];
    const { registry } = loadDocTypesOrThrow([], good.map((name) => ({ app: 't', def: { name, fields: [] } })));
    expect(registry.size).to.equal(good.length);
  });

  it('Link to a DocType that does not exist names the field, the DocType and the file', () => {
    const { problem, file } = onlyError(broken([{ fieldname: 'customer', fieldtype: 'Link', options: 'Customer' }]));
    expect(problem.field).to.equal('fields[1].options');
    expect(problem.message).to.contain('"customer"').and.contain('"Customer"').and.contain('does not exist');
    try {
      loadDocTypesOrThrow([{ app: 'x', folder: join(file, '..', '..') }]);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(MetaError);
      const message = (error as MetaError).message;
      expect(message).to.contain('broken/broken.json → fields[1].options').and.contain('"Customer"');
    }
  });

  it('Link without options', () => {
    const { problem } = onlyError(broken([{ fieldname: 'customer', fieldtype: 'Link' }]));
    expect(problem.field).to.equal('fields[1].options');
    expect(problem.message).to.contain('needs the target DocType');
  });

  it('Table pointing at a DocType that is not a child table', () => {
    const { problem } = onlyError(broken([{ fieldname: 'rows', fieldtype: 'Table', options: 'Region' }]));
    expect(problem.field).to.equal('fields[1].options');
    expect(problem.message).to.contain('"Region"').and.contain('not a child table');
  });

  it('Table MultiSelect pointing at a missing DocType', () => {
    const { problem } = onlyError(broken([{ fieldname: 'tags', fieldtype: 'Table MultiSelect', options: 'Tag Row' }]));
    expect(problem.message).to.contain('"Tag Row"').and.contain('does not exist');
  });

  it('a child table holding a table', () => {
    const { problem } = onlyError(broken([{ fieldname: 'rows', fieldtype: 'Table', options: 'Order Row' }], { istable: 1 }));
    expect(problem.field).to.equal('fields[1].fieldtype');
  });

  it('Dynamic Link whose options is not a field', () => {
    const { problem } = onlyError(broken([{ fieldname: 'ref', fieldtype: 'Dynamic Link', options: 'ref_type' }]));
    expect(problem.field).to.equal('fields[1].options');
    expect(problem.message).to.contain('"ref_type"').and.contain('not a field of Broken');
  });

  it('duplicate fieldnames name both positions', () => {
    const { problem } = onlyError(broken([{ fieldname: 'qty', fieldtype: 'Int' }, { fieldname: 'qty', fieldtype: 'Float' }]));
    expect(problem.field).to.equal('fields[2].fieldname');
    expect(problem.message).to.equal('duplicate fieldname "qty" (also fields[1])');
  });

  it('each duplicate is checked on its own definition', () => {
    const { folder } = brokenApp(broken([{ fieldname: 'x', fieldtype: 'Link', options: 'Nowhere' }, { fieldname: 'x', fieldtype: 'Data' }]));
    const problems = loadFails([{ app: 'x', folder }]);
    expect(problems.map((p) => p.field)).to.have.members(['fields[1].options', 'fields[2].fieldname']);
  });

  it('a field redefining a standard column', () => {
    const { problem } = onlyError(broken([{ fieldname: 'modified', fieldtype: 'Data' }]));
    expect(problem.field).to.equal('fields[1].fieldname');
    expect(problem.message).to.contain('standard column');
  });

  it('two files defining the same DocType name both files', () => {
    const one = tempApp('one');
    const two = tempApp('two');
    one.write('Region', region);
    two.write('Region', region, 'setup');
    const problems = loadFails([{ app: 'a', folder: one.folder }, { app: 'b', folder: two.folder }]);
    expect(problems).to.have.length(1);
    const text = `${problems[0]!.file} ${problems[0]!.message}`;
    // Paths are shown relative to cwd when close, absolute otherwise; the temp folder names appear either way.
    expect(text).to.contain(`${basename(one.folder)}/`).and.contain(`${basename(two.folder)}/`);
    expect(text).to.contain('region/region.json').and.contain('setup/region/region.json');
    expect(problems[0]!.message).to.contain('defined twice');
  });

  it('two DocTypes whose names differ only in case', () => {
    const app = tempApp('case');
    app.write('Region', region);
    app.write('REGION', { ...region, name: 'REGION' }, 'zz_module');
    const problems = loadFails([{ app: 'x', folder: app.folder }]);
    expect(problems.map((p) => [p.doctype, p.field])).to.deep.equal([['REGION', 'name']]);
    expect(problems[0]!.message).to.contain('as "Region"').and.contain('region/region.json');
  });

  it('autoname field:x where x is not a field', () => {
    const { problem } = onlyError(broken([], { autoname: 'field:code' }));
    expect(problem.field).to.equal('autoname');
    expect(problem.message).to.contain('"code"');
  });

  it('autoname naming_series: without a naming_series field, and format: with an unknown part', () => {
    expect(onlyError(broken([], { autoname: 'naming_series:' })).problem.message).to.contain('naming_series');
    expect(onlyError(broken([], { autoname: 'format:INV-{YYYY}-{customer}-{####}' })).problem.message).to.contain('{customer}');
  });

  it('reports every problem of every file at once, and loads nothing', () => {
    const app = tempApp('many');
    app.write('Good', { name: 'Good', fields: [] });
    app.write('Bad One', { name: 'Bad One', fields: [{ fieldname: 'a', fieldtype: 'Nope' }] });
    app.write('Bad Two', { name: 'Bad Two', fields: [{ fieldname: 'b', fieldtype: 'Link', options: 'Ghost' }, { fieldname: 'c', fieldtype: 'Check', unique: 'no' }] });
    const problems = loadFails([{ app: 'x', folder: app.folder }]);
    expect(problems.map((p) => `${p.doctype} ${p.field}`)).to.have.members(['Bad One fields[0].fieldtype', 'Bad Two fields[1].unique']);
    // A file with a shape error is not checked further (its Link to Ghost is not reported).
    const lenient = loadDocTypes([{ app: 'x', folder: app.folder }]);
    expect(lenient.registry.has('Bad One')).to.equal(false);
    expect(lenient.registry.has('Good')).to.equal(true);
  });

  it('openSite refuses a broken folder before touching the database', async () => {
    const { folder } = brokenApp(broken([{ fieldname: 'customer', fieldtype: 'Link', options: 'Customer' }]));
    const scratch = tempApp('db');
    const database = await createTestDatabase('meta-refuse');
    const dbUrl = TEST_DIALECT === 'sqlite' ? `sqlite:${join(scratch.folder, 'site.sqlite')}` : database.url;
    try {
      let caught: unknown;
      await openSite({ ...readConfig({}), dbUrl, apps: ['core'], doctypePaths: [folder] }).catch((e: unknown) => (caught = e));
      expect(caught).to.be.instanceOf(MetaError);
      if (TEST_DIALECT === 'sqlite') expect(existsSync(join(scratch.folder, 'site.sqlite'))).to.equal(false);
      else {
        const db = await openDatabase(dbUrl);
        try {
          expect([...(await listTables(db))]).to.deep.equal([]);
        } finally {
          await db.close();
        }
      }
    } finally {
      await database.drop();
    }
  });

  describe('warnings (loading goes on)', () => {
    it('a depends_on that cannot be evaluated', () => {
      const { folder } = brokenApp(broken([{ fieldname: 'a', fieldtype: 'Data', depends_on: 'eval:doc.x ==' }]));
      const result = loadDocTypesOrThrow([{ app: 'x', folder }]);
      expect(result.warnings).to.have.length(1);
      expect(result.warnings[0]!.field).to.equal('fields[1].depends_on');
      expect(result.warnings[0]!.message).to.match(/^cannot be evaluated/);
      expect(result.registry.has('Broken')).to.equal(true);
    });

    it('an unknown title_field, which falls back to title then name', () => {
      const { folder } = brokenApp(broken([], { title_field: 'headline' }));
      const result = loadDocTypesOrThrow([{ app: 'x', folder }]);
      expect(result.warnings.map((w) => [w.field, w.message])).to.deep.equal([['title_field', 'title_field "headline" is not a field']]);
      expect(result.registry.get('Broken').titleField).to.equal('title');
    });

    it('unique on a type that cannot be unique, an unknown sort_field and search field', () => {
      const { folder } = brokenApp(broken([{ fieldname: 'notes', fieldtype: 'Text', unique: 1 }], { sort_field: 'nope', search_fields: 'title,ghost' }));
      const result = loadDocTypesOrThrow([{ app: 'x', folder }]);
      expect(result.warnings.map((w) => w.field)).to.have.members(['fields[1].unique', 'sort_field', 'search_fields']);
      expect(result.registry.get('Broken').sortField).to.equal('modified');
    });
  });
});
