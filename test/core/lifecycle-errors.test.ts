/** The typed errors a write raises: exc_type, HTTP status, and field detail (idx/parentfield for rows). */
import { expect } from 'chai';
import {
  CancelledLinkError,
  CannotChangeConstantError,
  CharacterLengthExceededError,
  DataError,
  DoesNotExistError,
  LinkValidationError,
  MandatoryError,
  NonNegativeError,
  TabulaError,
  UniqueValidationError,
  ValidationError,
} from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'ER Target', autoname: 'field:title', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  {
    name: 'ER Row',
    istable: 1,
    fields: [
      { fieldname: 'item', fieldtype: 'Data', label: 'Item', reqd: 1 },
      { fieldname: 'target', fieldtype: 'Link', label: 'Target', options: 'ER Target' },
      { fieldname: 'qty', fieldtype: 'Int', label: 'Qty', non_negative: 1 },
    ],
  },
  {
    name: 'ER Doc',
    autoname: 'ER-.###',
    fields: [
      { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: 1 },
      { fieldname: 'code', fieldtype: 'Data', label: 'Code', unique: 1 },
      { fieldname: 'short', fieldtype: 'Data', label: 'Short', length: 5 },
      { fieldname: 'qty', fieldtype: 'Int', label: 'Qty', non_negative: 1 },
      { fieldname: 'target', fieldtype: 'Link', label: 'Target', options: 'ER Target' },
      { fieldname: 'fixed', fieldtype: 'Data', label: 'Fixed', set_only_once: 1 },
      { fieldname: 'kind', fieldtype: 'Select', label: 'Kind', options: '\nA\nB' },
      { fieldname: 'email', fieldtype: 'Data', label: 'Email', options: 'Email' },
      { fieldname: 'rows', fieldtype: 'Table', label: 'Rows', options: 'ER Row' },
    ],
  },
];

describe('lifecycle: typed errors', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'lifecycle_errors', doctypes: DOCTYPES });
    await site.documents.insert('ER Target', { title: 'Live' });
    await site.documents.insert('ER Target', { title: 'Gone', docstatus: 1 });
    await site.documents.cancel('ER Target', 'Gone');
  });
  after(() => site.destroy());

  const insert = (values: Record<string, unknown>) => site.documents.insert('ER Doc', { title: 't', ...values });
  const count = async () => Number(((await site.db.knex('tabER Doc').count({ n: '*' }).first()) as { n: number | string }).n);

  function expectKind(error: TabulaError, excType: string, httpStatus: number) {
    expect(error.excType).to.equal(excType);
    expect(error.httpStatus).to.equal(httpStatus);
    expect(error.toJSON()).to.deep.include({ exc_type: excType, message: error.message });
  }

  it('MandatoryError: 417, naming the field; a ValidationError', async () => {
    const error = await rejectsWith(insert({ title: '' }), MandatoryError);
    expectKind(error, 'MandatoryError', 417);
    expect(error).to.be.instanceOf(ValidationError);
    expect(error.errors).to.have.length(1);
    expect(error.errors[0]).to.include({ fieldname: 'title' });
    expect(error.errors[0]).to.not.have.property('idx');
  });

  it('MandatoryError in a child row carries idx and parentfield', async () => {
    const error = await rejectsWith(insert({ rows: [{ item: 'ok' }, { qty: 1 }] }), MandatoryError);
    expect(error.errors).to.deep.equal([{ fieldname: 'item', idx: 2, parentfield: 'rows', message: error.errors[0]!.message }]);
  });

  it('every problem is reported at once, under the first problem’s class', async () => {
    const error = await rejectsWith(insert({ title: '', qty: -1, rows: [{}] }), MandatoryError);
    expect(error.errors.map((e) => [e.fieldname, e.idx ?? null])).to.have.deep.members([
      ['title', null],
      ['qty', null],
      ['item', 1],
    ]);
  });

  it('LinkValidationError for a missing target, in the document and in a row', async () => {
    const error = await rejectsWith(insert({ target: 'Nowhere' }), LinkValidationError);
    expectKind(error, 'LinkValidationError', 417);
    expect(error.errors[0]).to.include({ fieldname: 'target' });
    expect(error.errors[0]!.message).to.contain('Could not find Target: Nowhere');
    const row = await rejectsWith(insert({ rows: [{ item: 'x', target: 'Nowhere' }] }), LinkValidationError);
    expect(row.errors[0]).to.include({ fieldname: 'target', idx: 1, parentfield: 'rows' });
  });

  it('CancelledLinkError for a link to a cancelled document', async () => {
    const error = await rejectsWith(insert({ target: 'Gone' }), CancelledLinkError);
    expectKind(error, 'CancelledLinkError', 417);
    expect(error).to.be.instanceOf(LinkValidationError);
    expect(error.errors[0]).to.include({ fieldname: 'target' });
  });

  it('UniqueValidationError for a unique field already used', async () => {
    await insert({ code: 'C-1' });
    const error = await rejectsWith(insert({ code: 'C-1' }), UniqueValidationError);
    expectKind(error, 'UniqueValidationError', 417);
    expect(error.errors[0]).to.include({ fieldname: 'code' });
  });

  it('CharacterLengthExceededError beyond the field length', async () => {
    const error = await rejectsWith(insert({ short: '123456' }), CharacterLengthExceededError);
    expectKind(error, 'CharacterLengthExceededError', 417);
    expect(error.errors[0]).to.include({ fieldname: 'short' });
    expect((await insert({ short: '12345' })).short).to.equal('12345');
  });

  it('NonNegativeError, also in a child row', async () => {
    const error = await rejectsWith(insert({ qty: -2 }), NonNegativeError);
    expectKind(error, 'NonNegativeError', 417);
    const row = await rejectsWith(insert({ rows: [{ item: 'x', qty: -1 }] }), NonNegativeError);
    expect(row.errors[0]).to.include({ fieldname: 'qty', idx: 1, parentfield: 'rows' });
  });

  it('ValidationError for a Select value outside the options; DataError for a bad Email', async () => {
    const select = await rejectsWith(insert({ kind: 'C' }), ValidationError);
    expectKind(select, 'ValidationError', 417);
    expect(select.errors[0]).to.include({ fieldname: 'kind' });
    const email = await rejectsWith(insert({ email: 'not-an-email' }), DataError);
    expect(email.errors[0]).to.include({ fieldname: 'email' });
  });

  it('ValidationError for a value of the wrong type, naming the field', async () => {
    const error = await rejectsWith(insert({ qty: 'many' }), ValidationError);
    expect(error.errors.map((e) => e.fieldname)).to.include('qty');
  });

  it('CannotChangeConstantError when a set_only_once field changes', async () => {
    const doc = await insert({ fixed: 'first' });
    const error = await rejectsWith(site.documents.save('ER Doc', doc.name!, { fixed: 'second' }), CannotChangeConstantError);
    expectKind(error, 'CannotChangeConstantError', 417);
    expect(error.errors[0]).to.include({ fieldname: 'fixed' });
  });

  it('DoesNotExistError (404) for get, save and delete of a missing document', async () => {
    for (const attempt of [site.documents.get('ER Doc', 'ER-999'), site.documents.save('ER Doc', 'ER-999', { title: 'x' }), site.documents.delete('ER Doc', 'ER-999')]) {
      const error = await rejectsWith(attempt, DoesNotExistError);
      expectKind(error, 'DoesNotExistError', 404);
    }
  });

  it('a refused insert writes nothing', async () => {
    const before = await count();
    await rejectsWith(insert({ title: '', rows: [{ item: 'x' }] }), MandatoryError);
    expect(await count()).to.equal(before);
    expect(await site.db.knex('tabER Row').where('item', 'x')).to.deep.equal([]);
  });
});
