/**
 * The framework's checks after the controller's validate: mandatory (with mandatory_depends_on, also
 * on child rows), Select options, Data formats, length, non_negative, Int range, unique, set_only_once.
 */
import { expect } from 'chai';
import {
  CannotChangeConstantError,
  CharacterLengthExceededError,
  DataError,
  MandatoryError,
  NonNegativeError,
  UniqueValidationError,
  ValidationError,
} from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { countRows, rejectsWith, where } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'VC Part',
    istable: 1,
    fields: [
      { fieldname: 'part', fieldtype: 'Data', label: 'Part', reqd: 1 },
      { fieldname: 'qty', fieldtype: 'Int', label: 'Qty', non_negative: 1 },
      { fieldname: 'serial', fieldtype: 'Data', label: 'Serial', mandatory_depends_on: 'eval:parent.strict == 1 && doc.qty > 0' },
    ],
  },
  {
    name: 'VC Lead',
    autoname: 'VCL-.#####',
    fields: [
      { fieldname: 'lead_name', fieldtype: 'Data', label: 'Lead Name', reqd: 1 },
      { fieldname: 'kind', fieldtype: 'Select', label: 'Kind', options: '\nPerson\nCompany' },
      { fieldname: 'company', fieldtype: 'Data', label: 'Company', mandatory_depends_on: 'eval:doc.kind == "Company"' },
      { fieldname: 'strict', fieldtype: 'Check', label: 'Strict' },
      { fieldname: 'notes', fieldtype: 'Text Editor', label: 'Notes' },
      { fieldname: 'email', fieldtype: 'Data', label: 'Email', options: 'Email' },
      { fieldname: 'phone', fieldtype: 'Data', label: 'Phone', options: 'Phone' },
      { fieldname: 'mobile', fieldtype: 'Phone', label: 'Mobile' },
      { fieldname: 'website', fieldtype: 'Data', label: 'Website', options: 'URL' },
      { fieldname: 'handle', fieldtype: 'Data', label: 'Handle', options: 'Name' },
      { fieldname: 'code', fieldtype: 'Data', label: 'Code', length: 10, unique: 1 },
      { fieldname: 'budget', fieldtype: 'Currency', label: 'Budget', non_negative: 1 },
      { fieldname: 'visits', fieldtype: 'Int', label: 'Visits' },
      { fieldname: 'tax_id', fieldtype: 'Data', label: 'Tax ID', set_only_once: 1 },
      { fieldname: 'parts', fieldtype: 'Table', label: 'Parts', options: 'VC Part' },
    ],
  },
  {
    name: 'VC Strict',
    autoname: 'hash',
    fields: [
      { fieldname: 'body', fieldtype: 'Text Editor', label: 'Body', reqd: 1 },
      { fieldname: 'parts', fieldtype: 'Table', label: 'Parts', options: 'VC Part', reqd: 1 },
    ],
  },
];

describe('validation: framework checks', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'vchecks' });
  });
  after(() => site.destroy());

  const lead = (values: Record<string, unknown>) => site.documents.insert('VC Lead', { lead_name: 'Ada', ...values });

  describe('mandatory', () => {
    for (const [label, value] of [['missing', undefined], ['an empty string', ''], ['blank text', '   '], ['null', null]] as const) {
      it(`refuses ${label} for a reqd field, naming it`, async () => {
        const input = value === undefined ? {} : { lead_name: value };
        const error = await rejectsWith(site.documents.insert('VC Lead', input), MandatoryError);
        expect(where(error.errors)).to.deep.equal(['lead_name']);
        expect(error.message).to.contain('Lead Name');
      });
    }
    it('refuses a text editor holding only markup, and an empty reqd table', async () => {
      const error = await rejectsWith(site.documents.insert('VC Strict', { body: '<p><br></p>&nbsp;', parts: [] }), MandatoryError);
      expect(where(error.errors)).to.deep.equal(['body', 'parts']);
      expect(await countRows(site, 'VC Strict')).to.equal(0);
    });
    it('accepts markup with text, and a table with a row', async () => {
      const doc = await site.documents.insert('VC Strict', { body: '<p>hi</p>', parts: [{ part: 'P1' }] });
      expect(doc.body).to.equal('<p>hi</p>');
    });
    it('also applies on save', async () => {
      const doc = await lead({});
      await rejectsWith(site.documents.save('VC Lead', doc.name!, { lead_name: '' }), MandatoryError);
      expect((await site.documents.get('VC Lead', doc.name!)).lead_name).to.equal('Ada');
    });
  });

  describe('mandatory_depends_on (enforced on the server)', () => {
    it('requires the field only while the eval: condition holds', async () => {
      const error = await rejectsWith(lead({ kind: 'Company' }), MandatoryError);
      expect(where(error.errors)).to.deep.equal(['company']);
      expect((await lead({ kind: 'Person' })).company).to.equal(null);
      expect((await lead({ kind: 'Company', company: 'Acme' })).company).to.equal('Acme');
    });
    it('evaluates child-row conditions with doc (the row) and parent', async () => {
      const rows = [{ part: 'A', qty: 0 }, { part: 'B', qty: 2 }, { part: 'C', qty: 1, serial: 'S1' }];
      const error = await rejectsWith(lead({ strict: 1, parts: rows }), MandatoryError);
      expect(error.errors).to.have.length(1);
      expect(error.errors[0]).to.include({ parentfield: 'parts', idx: 2, fieldname: 'serial' });
      expect((await lead({ strict: 0, parts: rows })).parts).to.have.length(3);
    });
  });

  describe('Select', () => {
    it('accepts only listed options, or empty', async () => {
      const error = await rejectsWith(lead({ kind: 'Robot' }), ValidationError);
      expect(where(error.errors)).to.deep.equal(['kind']);
      expect(error.message).to.contain('Robot');
      expect((await lead({ kind: '' })).kind).to.equal(null);
      await rejectsWith(lead({ kind: 'person' }), ValidationError);
    });
  });

  describe('Data formats', () => {
    const cases: [string, unknown[], unknown[]][] = [
      ['email', ['ada@example.com', 'a@b.co, c.d@e.org'], ['nope', 'a@b', 'a b@c.de', 'x@y.com, oops']],
      ['phone', ['+1 (555) 123-4567', '020 7946 0958'], ['call me', '12', '+1-555-CALL']],
      ['mobile', ['+44 7700 900123'], ['mobile please']],
      ['website', ['https://example.com/a?b=c', 'http://localhost:8000'], ['example.com', 'ftp://example.com', 'javascript:alert(1)']],
      ['handle', ['Ada Lovelace-1'], ['a<b', "o'neil", 'x"y']],
    ];
    for (const [fieldname, good, bad] of cases) {
      it(`${fieldname}: accepts ${good.length} and refuses ${bad.length} values`, async () => {
        for (const value of good) expect((await lead({ [fieldname]: value }))[fieldname]).to.equal(value);
        for (const value of bad) {
          const error = await rejectsWith(lead({ [fieldname]: value }), DataError);
          expect(where(error.errors), String(value)).to.deep.equal([fieldname]);
        }
      });
    }
  });

  describe('length', () => {
    it('Data holds 140 characters by default', async () => {
      expect((await lead({ lead_name: 'x'.repeat(140) })).lead_name).to.have.length(140);
      const error = await rejectsWith(lead({ lead_name: 'x'.repeat(141) }), CharacterLengthExceededError);
      expect(where(error.errors)).to.deep.equal(['lead_name']);
    });
    it('counts characters, not UTF-16 units (140 emoji fit in varchar(140))', async () => {
      const name = '😀'.repeat(140);
      expect((await lead({ lead_name: name })).lead_name).to.equal(name);
      await rejectsWith(lead({ lead_name: name + 'é' }), CharacterLengthExceededError);
    });
    it('a field length overrides 140', async () => {
      expect((await lead({ code: 'ABCDEFGHIJ' })).code).to.equal('ABCDEFGHIJ');
      const error = await rejectsWith(lead({ code: 'ABCDEFGHIJK' }), CharacterLengthExceededError);
      expect(error.message).to.contain('10');
    });
  });

  describe('numbers', () => {
    it('non_negative refuses negatives (and takes 0)', async () => {
      expect((await lead({ budget: 0 })).budget).to.equal(0);
      const error = await rejectsWith(lead({ budget: '-0.01' }), NonNegativeError);
      expect(where(error.errors)).to.deep.equal(['budget']);
      const rowError = await rejectsWith(lead({ parts: [{ part: 'A', qty: -1 }] }), NonNegativeError);
      expect(rowError.errors[0]).to.include({ parentfield: 'parts', idx: 1, fieldname: 'qty' });
    });
    it('Int stays within 32 bits', async () => {
      expect((await lead({ visits: 2147483647 })).visits).to.equal(2147483647);
      expect((await lead({ visits: '-2147483648' })).visits).to.equal(-2147483648);
      for (const visits of [2147483648, '-2147483649', 1e15]) {
        const error = await rejectsWith(lead({ visits }), ValidationError);
        expect(where(error.errors)).to.deep.equal(['visits']);
      }
    });
  });

  describe('unique', () => {
    it('refuses a value another document has, and lets a document keep its own', async () => {
      const first = await lead({ code: 'U-1' });
      const error = await rejectsWith(lead({ code: 'U-1' }), UniqueValidationError);
      expect(where(error.errors)).to.deep.equal(['code']);
      expect(error.message).to.contain(String(first.name));
      expect((await site.documents.save('VC Lead', first.name!, { lead_name: 'Again', code: 'U-1' })).code).to.equal('U-1');
      const second = await lead({ code: 'U-2' });
      await rejectsWith(site.documents.save('VC Lead', second.name!, { code: 'U-1' }), UniqueValidationError);
    });
    it('compares without case on every database (as MariaDB collation does)', async () => {
      await lead({ code: 'CASE-A' });
      await rejectsWith(lead({ code: 'case-a' }), UniqueValidationError);
    });
  });

  describe('set_only_once', () => {
    it('a value set once cannot change; an empty one can be set later', async () => {
      const doc = await lead({});
      const set = await site.documents.save('VC Lead', doc.name!, { tax_id: 'T-1' });
      expect(set.tax_id).to.equal('T-1');
      expect((await site.documents.save('VC Lead', doc.name!, { tax_id: 'T-1', visits: 1 })).visits).to.equal(1);
      const error = await rejectsWith(site.documents.save('VC Lead', doc.name!, { tax_id: 'T-2' }), CannotChangeConstantError);
      expect(where(error.errors)).to.deep.equal(['tax_id']);
      await rejectsWith(site.documents.save('VC Lead', doc.name!, { tax_id: '' }), CannotChangeConstantError);
    });
  });

  describe('several problems at once', () => {
    it('lists every problem in errors[]; a missing value makes it a MandatoryError', async () => {
      const error = await rejectsWith(
        site.documents.insert('VC Lead', {
          kind: 'Robot', email: 'nope', code: 'TOO-LONG-CODE', budget: -5, visits: 2 ** 31,
          parts: [{ qty: 1 }, { part: 'B', qty: -2 }],
        }),
        MandatoryError,
      );
      expect(where(error.errors)).to.deep.equal(['budget', 'code', 'email', 'kind', 'lead_name', 'parts/1/part', 'parts/2/qty', 'visits']);
      for (const detail of error.errors) expect(detail.message).to.be.a('string').and.not.equal('');
    });
    it('without a missing value, the first problem names the class and all are listed', async () => {
      const error = await rejectsWith(lead({ kind: 'Robot', budget: -1 }), ValidationError);
      expect(where(error.errors)).to.deep.equal(['budget', 'kind']);
    });
  });
});
