/** delete: submitted documents refused, LinkExistsError while something links here, force. */
import { expect } from 'chai';
import type { Doc } from '../../core/document';
import { DoesNotExistError, LinkExistsError, ValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'DL Customer', autoname: 'field:title', fields: [{ fieldname: 'title', fieldtype: 'Data' }, { fieldname: 'parent_customer', fieldtype: 'Link', options: 'DL Customer' }] },
  { name: 'DL Line', istable: 1, fields: [{ fieldname: 'customer', fieldtype: 'Link', options: 'DL Customer' }, { fieldname: 'qty', fieldtype: 'Int' }] },
  {
    name: 'DL Invoice',
    autoname: 'DLI-.###',
    is_submittable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Link', options: 'DL Customer' },
      { fieldname: 'lines', fieldtype: 'Table', options: 'DL Line' },
    ],
  },
  { name: 'DL Payment', autoname: 'DLP-.###', is_submittable: 1, fields: [{ fieldname: 'invoice', fieldtype: 'Link', options: 'DL Invoice' }] },
  { name: 'DL Mention', istable: 1, fields: [{ fieldname: 'ref_type', fieldtype: 'Link', options: 'DocType' }, { fieldname: 'ref_name', fieldtype: 'Dynamic Link', options: 'ref_type' }] },
  {
    name: 'DL Event',
    autoname: 'DLE-.###',
    fields: [
      { fieldname: 'ref_type', fieldtype: 'Link', options: 'DocType' },
      { fieldname: 'ref_name', fieldtype: 'Dynamic Link', options: 'ref_type' },
      { fieldname: 'mentions', fieldtype: 'Table', options: 'DL Mention' },
    ],
  },
];

describe('lifecycle: delete', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'lifecycle_delete', doctypes: DOCTYPES });
  });
  after(() => site.destroy());

  const docs = () => site.documents;
  let seq = 0;
  const customer = async () => String((await docs().insert('DL Customer', { title: `Cust ${++seq}` })).name);

  it('deletes a draft with its child rows', async () => {
    const target = await customer();
    const invoice = await docs().insert('DL Invoice', { lines: [{ qty: 1 }, { qty: 2 }] });
    await docs().delete('DL Invoice', invoice.name!);
    expect(await docs().exists('DL Invoice', invoice.name!)).to.equal(false);
    expect(await site.db.knex('tabDL Line').where('parent', invoice.name!)).to.deep.equal([]);
    await docs().delete('DL Customer', target);
    expect(await docs().find('DL Customer', target)).to.equal(undefined);
  });

  it('refuses a submitted document, allows it once cancelled', async () => {
    const invoice = await docs().insert('DL Invoice', { docstatus: 1 });
    const error = await rejectsWith(docs().delete('DL Invoice', invoice.name!), ValidationError);
    expect(error.errors[0]!.fieldname).to.equal('docstatus');
    expect(await docs().exists('DL Invoice', invoice.name!)).to.equal(true);
    await docs().cancel('DL Invoice', invoice.name!);
    await docs().delete('DL Invoice', invoice.name!);
    expect(await docs().exists('DL Invoice', invoice.name!)).to.equal(false);
  });

  it('raises DoesNotExistError (404) for a missing document', async () => {
    const error = await rejectsWith(docs().delete('DL Invoice', 'DLI-999'), DoesNotExistError);
    expect(error.httpStatus).to.equal(404);
  });

  it('cancel is refused while a submitted document links to it; a draft link does not block', async () => {
    const held = await docs().insert('DL Invoice', { docstatus: 1 });
    await docs().insert('DL Payment', { invoice: held.name, docstatus: 1 });
    const error = await rejectsWith(docs().cancel('DL Invoice', held.name!), LinkExistsError);
    expect(error.message).to.contain('DL Payment');
    expect((await docs().get('DL Invoice', held.name!)).docstatus).to.equal(1);
    const free = await docs().insert('DL Invoice', { docstatus: 1 });
    await docs().insert('DL Payment', { invoice: free.name });
    expect((await docs().cancel('DL Invoice', free.name!)).docstatus).to.equal(2);
  });

  describe('LinkExistsError', () => {
    it('while a draft links to it through a Link field; the error names the linking document', async () => {
      const target = await customer();
      const invoice = await docs().insert('DL Invoice', { customer: target });
      const error = await rejectsWith(docs().delete('DL Customer', target), LinkExistsError);
      expect(error.excType).to.equal('LinkExistsError');
      expect(error.httpStatus).to.equal(417);
      expect(error.message).to.contain(String(invoice.name));
      expect(error.errors[0]!.message).to.contain(`DL Invoice ${String(invoice.name)}`);
      expect(await docs().exists('DL Customer', target)).to.equal(true);
    });

    it('while a submitted document links to it', async () => {
      const target = await customer();
      await docs().insert('DL Invoice', { customer: target, docstatus: 1 });
      await rejectsWith(docs().delete('DL Customer', target), LinkExistsError);
    });

    it('through a child row Link, naming the parent document', async () => {
      const target = await customer();
      const invoice = await docs().insert('DL Invoice', { lines: [{ qty: 1 }, { customer: target, qty: 2 }] });
      const error = await rejectsWith(docs().delete('DL Customer', target), LinkExistsError);
      expect(error.message).to.contain(String(invoice.name));
    });

    it('through a Dynamic Link on the document and in a child row', async () => {
      const direct = await customer();
      const event = await docs().insert('DL Event', { ref_type: 'DL Customer', ref_name: direct });
      const error = await rejectsWith(docs().delete('DL Customer', direct), LinkExistsError);
      expect(error.message).to.contain(String(event.name));
      const mentioned = await customer();
      await docs().insert('DL Event', { mentions: [{ ref_type: 'DL Customer', ref_name: mentioned }] });
      await rejectsWith(docs().delete('DL Customer', mentioned), LinkExistsError);
    });

    it('a Dynamic Link to another DocType with the same name does not block', async () => {
      const target = await customer();
      const invoice = await docs().insert('DL Invoice', {});
      await docs().insert('DL Event', { ref_type: 'DL Invoice', ref_name: invoice.name });
      await site.db.knex('tabDL Event').where('ref_name', invoice.name!).update({ ref_name: target });
      await docs().delete('DL Customer', target);
      expect(await docs().exists('DL Customer', target)).to.equal(false);
    });

    it('cancelled linking documents do not block', async () => {
      const target = await customer();
      const invoice = await docs().insert('DL Invoice', { customer: target, lines: [{ customer: target }], docstatus: 1 });
      await docs().cancel('DL Invoice', invoice.name!);
      await docs().delete('DL Customer', target);
      expect(await docs().exists('DL Customer', target)).to.equal(false);
    });

    it('a document that links to itself does not block its own deletion', async () => {
      const target = await customer();
      await docs().save('DL Customer', target, { parent_customer: target });
      await docs().delete('DL Customer', target);
      expect(await docs().exists('DL Customer', target)).to.equal(false);
    });

    it('{ force: true } deletes despite the links, leaving the linking documents', async () => {
      const target = await customer();
      const invoice = await docs().insert('DL Invoice', { customer: target, lines: [{ customer: target }] });
      await docs().delete('DL Customer', target, { force: true });
      expect(await docs().exists('DL Customer', target)).to.equal(false);
      const kept = await docs().get('DL Invoice', invoice.name!);
      expect([kept.customer, (kept.lines as Doc[])[0]!.customer]).to.deep.equal([target, target]);
    });
  });
});
