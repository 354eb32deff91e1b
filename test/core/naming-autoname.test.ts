/** Every autoname form of frappe-spec section 3, on a fresh site per run. */
import { expect } from 'chai';
import { defineController, formatDate } from '../../core/document';
import { DuplicateEntryError, InvalidNameError, MandatoryError, NameError, ValidationError } from '../../core/errors';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { NAMING_DOCTYPES } from '../fixtures/lifecycle/naming-doctypes';
import { createTestSite, type TestSite } from '../support/site';

describe('naming: autoname forms', () => {
  let site: TestSite;
  const year = formatDate(new Date()).slice(0, 4);

  before(async () => {
    site = await createTestSite({
      label: 'naming_autoname',
      doctypes: NAMING_DOCTYPES,
      controllers: {
        'By Controller': defineController({ autoname: (doc) => `CTRL-${String(doc.title).toUpperCase()}` }),
        'By Controller Fallback': defineController({
          autoname(doc) {
            if (doc.title === 'custom') doc.name = 'CUSTOM-NAME';
          },
        }),
      },
    });
  });
  after(() => site.destroy());

  const insert = (doctype: string, values: Record<string, unknown>) => site.documents.insert(doctype, values);

  describe('field:fieldname', () => {
    it('names the document after the field, trimmed, and keeps the field value as sent', async () => {
      const doc = await insert('By Field', { title: '  Alpha  ' });
      expect(doc.name).to.equal('Alpha');
      expect(await site.documents.exists('By Field', 'Alpha')).to.equal(true);
    });

    it('raises MandatoryError naming the field when it is empty or blank', async () => {
      for (const title of [undefined, '', '   ']) {
        const error = await rejectsWith(insert('By Field', title === undefined ? {} : { title }), MandatoryError);
        expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['title']);
        expect(error.httpStatus).to.equal(417);
      }
    });

    it('raises DuplicateEntryError (409) for a second document with the same value', async () => {
      await insert('By Field', { title: 'Twice' });
      const error = await rejectsWith(insert('By Field', { title: 'Twice', note: 'second' }), DuplicateEntryError);
      expect(error.httpStatus).to.equal(409);
      expect(error.excType).to.equal('DuplicateEntryError');
      expect((await site.documents.get('By Field', 'Twice')).note).to.equal(null);
    });

    it('ignores a name sent by the client', async () => {
      const doc = await insert('By Field', { name: 'Client Name', title: 'Server Name' });
      expect(doc.name).to.equal('Server Name');
      expect(await site.documents.exists('By Field', 'Client Name')).to.equal(false);
    });
  });

  describe('naming_series:', () => {
    it('defaults to the first option and appends .##### to a series without #', async () => {
      const first = await insert('By Series', { title: 'a' });
      const second = await insert('By Series', { title: 'b', name: 'IGNORED' });
      expect([first.name, second.name]).to.deep.equal(['SO-00001', 'SO-00002']);
      expect(first.naming_series).to.equal('SO-');
    });

    it('expands date parts of the chosen series and keeps one counter per prefix', async () => {
      const quote = await insert('By Series', { naming_series: 'SQ-.YYYY.-' });
      const order = await insert('By Series', {});
      expect(quote.name).to.equal(`SQ-${year}-00001`);
      expect(order.name).to.equal('SO-00003');
    });

    it('uses the # group a series already has instead of adding one', async () => {
      const doc = await insert('By Series', { naming_series: 'SR-.###' });
      expect(doc.name).to.equal('SR-001');
    });

    it('takes the first non-empty option when the Select allows a blank', async () => {
      const doc = await insert('By Blank Series', {});
      expect(doc.name).to.equal('BL-00001');
      expect(doc.naming_series).to.equal('BL-');
    });

    it('refuses a series that is not one of the options, without consuming a number', async () => {
      await rejectsWith(insert('By Series', { naming_series: 'XX-' }), ValidationError);
      const row = await site.db.knex('tabSeries').where('name', 'XX-').first();
      expect(row).to.equal(undefined);
    });
  });

  describe('format: and old-style expressions', () => {
    it('format: expands {YYYY}, {fieldname} and the {#####} counter', async () => {
      const a = await insert('By Format', { branch: 'north' });
      const b = await insert('By Format', { branch: 'north' });
      const c = await insert('By Format', { branch: 'south' });
      expect([a.name, b.name, c.name]).to.deep.equal([`FMT-${year}-north-00001`, `FMT-${year}-north-00002`, `FMT-${year}-south-00001`]);
    });

    it('format: keeps text after the counter and expands an empty field to nothing', async () => {
      const a = await insert('By Format Suffix', { branch: 'x' });
      const b = await insert('By Format Suffix', {});
      expect([a.name, b.name]).to.deep.equal(['FS-001-x', 'FS-002-']);
    });

    it('format: expands {MON} and counts only the first {#} group', async () => {
      const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][new Date().getMonth()];
      expect((await insert('By Format Month', { title: 'a' })).name).to.equal(`M-${month}-01-`);
      expect((await insert('By Format Month', { title: 'b' })).name).to.equal(`M-${month}-02-`);
    });

    it('old style PRE-.YYYY.-.MM.-.DD.-.#### expands the date parts', async () => {
      const today = formatDate(new Date());
      const doc = await insert('By Old Style', { title: 'x' });
      expect(doc.name).to.equal(`OLD-${today.slice(0, 4)}-${today.slice(5, 7)}-${today.slice(8, 10)}-0001`);
    });

    it('old style fieldname parts take the value, or the literal when the field is empty', async () => {
      const a = await insert('By Old Field', { branch: 'east' });
      const b = await insert('By Old Field', {});
      expect([a.name, b.name]).to.deep.equal(['OF-east-001', 'OF-branch-001']);
    });

    it('old style counts only the first # group', async () => {
      const a = await insert('By Old Two Groups', { title: 'a' });
      const b = await insert('By Old Two Groups', { title: 'b' });
      expect([a.name, b.name]).to.deep.equal(['TG-001-', 'TG-002-']);
    });
  });

  describe('hash, autoincrement, Prompt and no autoname', () => {
    it('hash gives 10 characters of [0-9a-v], different each time, ignoring a client name', async () => {
      const names = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const doc = await insert('By Hash', { title: `h${i}`, name: 'client-name' });
        expect(doc.name).to.match(/^[0-9a-v]{10}$/);
        names.add(String(doc.name));
      }
      expect(names.size).to.equal(20);
    });

    it('an empty autoname names by hash', async () => {
      const doc = await insert('By Script', { title: 'x', name: 'mine' });
      expect(doc.name).to.match(/^[0-9a-v]{10}$/);
    });

    it('autoincrement gives numeric names 1, 2, 3 and ignores a client name', async () => {
      const names = [];
      for (const t of ['a', 'b', 'c']) names.push((await insert('By Autoincrement', { title: t, name: 'nope' })).name);
      expect(names).to.deep.equal([1, 2, 3]);
      const second = await site.documents.get('By Autoincrement', 2);
      expect(second.title).to.equal('b');
      expect(second.name).to.equal(2);
    });

    it('Prompt takes the client name (trimmed) or __newname', async () => {
      expect((await insert('By Prompt', { name: '  Typed  ' })).name).to.equal('Typed');
      expect((await insert('By Prompt', { __newname: 'From Desk' })).name).to.equal('From Desk');
      expect((await insert('By Prompt', { __newname: 'New Wins', name: 'Old' })).name).to.equal('New Wins');
    });

    it('Prompt without a name raises MandatoryError on name', async () => {
      for (const values of [{}, { name: '' }, { name: '   ' }, { __newname: '' }]) {
        const error = await rejectsWith(insert('By Prompt', { title: 't', ...values }), MandatoryError);
        expect(error.errors[0]!.fieldname).to.equal('name');
      }
    });

    it('Prompt names are unique: a second one is DuplicateEntryError', async () => {
      await insert('By Prompt', { name: 'Only Once' });
      await rejectsWith(insert('By Prompt', { name: 'Only Once' }), DuplicateEntryError);
    });
  });

  describe('controller autoname()', () => {
    it('overrides the DocType autoname with the name it returns', async () => {
      const doc = await insert('By Controller', { title: 'abc' });
      expect(doc.name).to.equal('CTRL-ABC');
      expect(await site.documents.exists('By Controller', 'abc')).to.equal(false);
    });

    it('may set doc.name instead of returning it', async () => {
      expect((await insert('By Controller Fallback', { title: 'custom' })).name).to.equal('CUSTOM-NAME');
    });

    it('falls back to the autoname rule when it sets nothing', async () => {
      expect((await insert('By Controller Fallback', { title: 'plain' })).name).to.equal('CF-0001');
    });
  });

  describe('validate_name', () => {
    it('rejects names with < or > (InvalidNameError) and writes nothing', async () => {
      for (const title of ['a<b', 'x>y']) {
        const error = await rejectsWith(insert('By Field', { title }), InvalidNameError);
        expect(error.excType).to.equal('InvalidNameError');
        expect(error.errors[0]!.fieldname).to.equal('name');
        expect(await site.documents.exists('By Field', title)).to.equal(false);
      }
      await rejectsWith(insert('By Prompt', { name: '<script>' }), InvalidNameError);
    });

    it("rejects a name equal to the DocType's own name", async () => {
      const error = await rejectsWith(insert('By Field', { title: 'By Field' }), NameError);
      expect(error.httpStatus).to.equal(417);
      await rejectsWith(insert('By Prompt', { name: 'By Prompt' }), NameError);
    });

    it('rejects a name longer than 140 characters', async () => {
      await rejectsWith(insert('By Prompt', { name: 'n'.repeat(141) }), InvalidNameError);
      expect((await insert('By Prompt', { name: 'n'.repeat(140) })).name).to.have.length(140);
    });
  });
});
