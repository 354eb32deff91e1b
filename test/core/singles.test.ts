/** Single DocTypes: values in tabSingles, defaults before the first save, child rows, hooks and checks. */
import { expect } from 'chai';
import { defineController, type Doc } from '../../core/document';
import { MandatoryError, TimestampMismatchError, ValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'SG Limit', istable: 1, fields: [{ fieldname: 'role', fieldtype: 'Data', reqd: 1 }, { fieldname: 'max', fieldtype: 'Int' }] },
  {
    name: 'SG Settings',
    issingle: 1,
    fields: [
      { fieldname: 'company', fieldtype: 'Data', default: 'Acme' },
      { fieldname: 'max_users', fieldtype: 'Int', default: '5' },
      { fieldname: 'enabled', fieldtype: 'Check', default: '1' },
      { fieldname: 'mode', fieldtype: 'Select', options: 'Fast\nSlow' },
      { fieldname: 'ratio', fieldtype: 'Float' },
      { fieldname: 'notes', fieldtype: 'Text' },
      { fieldname: 'limits', fieldtype: 'Table', options: 'SG Limit' },
    ],
  },
  { name: 'SG Strict', issingle: 1, fields: [{ fieldname: 'site_name', fieldtype: 'Data', reqd: 1 }, { fieldname: 'plan', fieldtype: 'Data' }] },
];

const hooks: string[] = [];

describe('singles', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({
      label: 'singles',
      doctypes: DOCTYPES,
      controllers: {
        'SG Strict': defineController({
          before_validate: () => void hooks.push('before_validate'),
          validate(doc) {
            hooks.push('validate');
            if (doc.plan === 'fill') doc.site_name = 'filled by validate';
          },
          before_save: () => void hooks.push('before_save'),
          on_update: () => void hooks.push('on_update'),
          on_change: () => void hooks.push('on_change'),
        }),
      },
    });
  });
  after(() => site.destroy());

  const docs = () => site.documents;
  const singles = async (doctype: string) =>
    Object.fromEntries(((await site.db.knex('tabSingles').where('doctype', doctype)) as { field: string; value: string }[]).map((r) => [r.field, r.value]));

  it('before the first save, get returns the defaults and empty values, named after the DocType', async () => {
    const doc = await docs().get('SG Settings', 'SG Settings');
    expect(doc.name).to.equal('SG Settings');
    expect(doc.docstatus).to.equal(0);
    expect([doc.company, doc.max_users, doc.enabled, doc.mode]).to.deep.equal(['Acme', 5, 1, 'Fast']);
    expect([doc.ratio, doc.notes, doc.limits]).to.deep.equal([0, null, []]);
    expect(await singles('SG Settings')).to.deep.equal({});
  });

  it('save stores one tabSingles row per field and reads back typed values', async () => {
    const saved = await docs().save('SG Settings', 'SG Settings', { company: 'Globex', max_users: '12', ratio: 0.25, notes: 'n' });
    expect([saved.company, saved.max_users, saved.enabled, saved.ratio, saved.notes]).to.deep.equal(['Globex', 12, 1, 0.25, 'n']);
    const stored = await singles('SG Settings');
    expect(stored).to.include({ company: 'Globex', max_users: '12', enabled: '1', mode: 'Fast', notes: 'n' });
    expect(Number(stored.ratio)).to.equal(0.25);
    expect(stored.modified).to.equal(saved.modified);
    expect(await site.db.knex.schema.hasTable('tabSG Settings')).to.equal(false);
  });

  it('a later save changes only the fields sent; clearing a field clears it', async () => {
    const saved = await docs().save('SG Settings', 'SG Settings', { enabled: 0, notes: null });
    expect([saved.company, saved.max_users, saved.enabled, saved.notes]).to.deep.equal(['Globex', 12, 0, null]);
    const again = await docs().get('SG Settings', 'SG Settings');
    expect([again.company, again.enabled, again.notes]).to.deep.equal(['Globex', 0, null]);
  });

  it('child rows round-trip with parent = the DocType, and are replaced as a whole', async () => {
    await docs().save('SG Settings', 'SG Settings', { limits: [{ role: 'Sales', max: 3 }, { role: 'Support', max: 7 }] });
    const doc = await docs().get('SG Settings', 'SG Settings');
    const rows = doc.limits as Doc[];
    expect(rows.map((r) => [r.role, r.max, r.idx, r.parent, r.parenttype, r.parentfield])).to.deep.equal([
      ['Sales', 3, 1, 'SG Settings', 'SG Settings', 'limits'],
      ['Support', 7, 2, 'SG Settings', 'SG Settings', 'limits'],
    ]);
    await docs().save('SG Settings', 'SG Settings', { limits: [{ ...rows[1]!, max: 8 }] });
    const replaced = (await docs().get('SG Settings', 'SG Settings')).limits as Doc[];
    expect(replaced.map((r) => [r.name, r.role, r.max, r.idx])).to.deep.equal([[rows[1]!.name, 'Support', 8, 1]]);
    expect(await site.db.knex('tabSG Limit').where('parent', 'SG Settings')).to.have.length(1);
  });

  it('a save without the child table key keeps the rows', async () => {
    await docs().save('SG Settings', 'SG Settings', { company: 'Initech' });
    expect(((await docs().get('SG Settings', 'SG Settings')).limits as Doc[]).map((r) => r.role)).to.deep.equal(['Support']);
  });

  it('insert on a Single saves it', async () => {
    const doc = await docs().insert('SG Settings', { company: 'Umbrella' });
    expect(doc.name).to.equal('SG Settings');
    expect((await singles('SG Settings')).company).to.equal('Umbrella');
  });

  it('checks Select options and child row mandatory fields, storing nothing on failure', async () => {
    const before = await singles('SG Settings');
    await rejectsWith(docs().save('SG Settings', 'SG Settings', { mode: 'Turbo' }), ValidationError);
    const error = await rejectsWith(docs().save('SG Settings', 'SG Settings', { company: 'Nope', limits: [{ max: 1 }] }), MandatoryError);
    expect(error.errors[0]).to.include({ fieldname: 'role', idx: 1, parentfield: 'limits' });
    expect(await singles('SG Settings')).to.deep.equal(before);
  });

  it('refuses docstatus 1: a Single is not submittable', async () => {
    await rejectsWith(docs().save('SG Settings', 'SG Settings', { docstatus: 1 }), ValidationError);
    expect((await docs().get('SG Settings', 'SG Settings')).docstatus).to.equal(0);
  });

  it('a stale modified raises TimestampMismatchError; the current one is accepted', async () => {
    const loaded = await docs().get('SG Settings', 'SG Settings');
    await docs().save('SG Settings', 'SG Settings', { notes: 'first', modified: loaded.modified });
    await rejectsWith(docs().save('SG Settings', 'SG Settings', { notes: 'second', modified: loaded.modified }), TimestampMismatchError);
    expect((await docs().get('SG Settings', 'SG Settings')).notes).to.equal('first');
  });

  it('runs before_validate, validate, before_save, then on_update, on_change', async () => {
    hooks.length = 0;
    await docs().save('SG Strict', 'SG Strict', { site_name: 'x' });
    expect(hooks).to.deep.equal(['before_validate', 'validate', 'before_save', 'on_update', 'on_change']);
  });

  it('runs validate before the mandatory check: a hook may fill a reqd field', async () => {
    await docs().save('SG Strict', 'SG Strict', { site_name: null, plan: 'fill' });
    expect((await docs().get('SG Strict', 'SG Strict')).site_name).to.equal('filled by validate');
    hooks.length = 0;
    await rejectsWith(docs().save('SG Strict', 'SG Strict', { site_name: '', plan: 'none' }), MandatoryError);
    expect(hooks).to.deep.equal(['before_validate', 'validate', 'before_save']);
  });
});
