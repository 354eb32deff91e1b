/** docstatus transitions (frappe-spec section 4) and amendments. */
import { expect } from 'chai';
import type { Doc } from '../../core/document';
import { DocstatusTransitionError, UpdateAfterSubmitError, ValidationError } from '../../core/errors';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { NOTE, ORDER, ORDER_ITEM } from '../fixtures/lifecycle/lifecycle-doctypes';
import { createTestSite, type TestSite } from '../support/site';

describe('lifecycle: docstatus', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({
      label: 'lifecycle_docstatus',
      doctypes: [ORDER_ITEM, ORDER, NOTE, { name: 'LC Auto Sub', autoname: 'autoincrement', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] }],
    });
  });
  after(() => site.destroy());

  const docs = () => site.documents;
  const newOrder = (values: Record<string, unknown> = {}) =>
    docs().insert('LC Order', { customer: 'Acme', status: 'Open', items: [{ item: 'Bolt', qty: 2 }], ...values });
  const stored = async (name: string) => (await site.db.knex('tabLC Order').where('name', name).first()) as Record<string, unknown>;

  describe('allowed transitions', () => {
    it('0 -> 0: save keeps a draft and stores the change', async () => {
      const order = await newOrder();
      const saved = await docs().save('LC Order', order.name!, { notes: 'hello' });
      expect(saved.docstatus).to.equal(0);
      expect((await stored(String(order.name))).notes).to.equal('hello');
    });

    it('0 -> 1: submit sets docstatus 1 on the document and its child rows', async () => {
      const order = await newOrder();
      const submitted = await docs().submit('LC Order', order.name!);
      expect(submitted.docstatus).to.equal(1);
      expect((submitted.items as Doc[])[0]!.docstatus).to.equal(1);
      expect(Number((await stored(String(order.name))).docstatus)).to.equal(1);
    });

    it('1 -> 1: an allow_on_submit field may change after submit', async () => {
      const order = await newOrder();
      await docs().submit('LC Order', order.name!);
      const updated = await docs().save('LC Order', order.name!, { status: 'Closed' });
      expect(updated.status).to.equal('Closed');
      expect(updated.docstatus).to.equal(1);
    });

    it('1 -> 1: changing any other field raises UpdateAfterSubmitError naming it, and writes nothing', async () => {
      const order = await newOrder();
      await docs().submit('LC Order', order.name!);
      const error = await rejectsWith(docs().save('LC Order', order.name!, { status: 'Closed', customer: 'Other' }), UpdateAfterSubmitError);
      expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['customer']);
      expect(error.excType).to.equal('UpdateAfterSubmitError');
      const row = await stored(String(order.name));
      expect([row.customer, row.status]).to.deep.equal(['Acme', 'Open']);
      await rejectsWith(docs().save('LC Order', order.name!, { items: [{ item: 'Nut', qty: 1 }] }), UpdateAfterSubmitError);
    });

    it('1 -> 1: sending back unchanged values is not a change', async () => {
      const order = await newOrder();
      const submitted = await docs().submit('LC Order', order.name!);
      const again = await docs().save('LC Order', order.name!, { ...submitted, status: 'Closed' });
      expect(again.status).to.equal('Closed');
    });

    it('1 -> 2: cancel sets docstatus 2 on the document and its child rows', async () => {
      const order = await newOrder();
      await docs().submit('LC Order', order.name!);
      const cancelled = await docs().cancel('LC Order', order.name!);
      expect(cancelled.docstatus).to.equal(2);
      expect((cancelled.items as Doc[]).map((r) => r.docstatus)).to.deep.equal([2]);
    });

    it('inserting with docstatus 1 submits the document', async () => {
      const order = await newOrder({ docstatus: 1 });
      expect(order.docstatus).to.equal(1);
      expect(Number((await stored(String(order.name))).docstatus)).to.equal(1);
    });
  });

  describe('refused transitions', () => {
    it('0 -> 2 raises DocstatusTransitionError', async () => {
      const order = await newOrder();
      const error = await rejectsWith(docs().save('LC Order', order.name!, { docstatus: 2 }), DocstatusTransitionError);
      expect(error.httpStatus).to.equal(417);
      expect(error.errors[0]!.fieldname).to.equal('docstatus');
      expect(Number((await stored(String(order.name))).docstatus)).to.equal(0);
    });

    it('1 -> 0 raises DocstatusTransitionError', async () => {
      const order = await newOrder({ docstatus: 1 });
      await rejectsWith(docs().save('LC Order', order.name!, { docstatus: 0 }), DocstatusTransitionError);
      expect(Number((await stored(String(order.name))).docstatus)).to.equal(1);
    });

    it('a new document cannot start cancelled', async () => {
      await rejectsWith(newOrder({ docstatus: 2 }), DocstatusTransitionError);
    });

    it('editing, resubmitting or re-cancelling a cancelled document raises ValidationError', async () => {
      const order = await newOrder({ docstatus: 1 });
      await docs().cancel('LC Order', order.name!);
      for (const changes of [{ notes: 'late' }, { docstatus: 1 }, { docstatus: 2 }, { status: 'Closed' }]) {
        const error = await rejectsWith(docs().save('LC Order', order.name!, changes), ValidationError);
        expect(error.errors[0]!.fieldname).to.equal('docstatus');
      }
      expect((await stored(String(order.name))).notes).to.equal(null);
    });

    it('a DocType that is not submittable cannot be submitted, by insert or by save', async () => {
      await rejectsWith(docs().insert('LC Note', { title: 'n', docstatus: 1 }), ValidationError);
      const note = await docs().insert('LC Note', { title: 'n' });
      await rejectsWith(docs().submit('LC Note', note.name!), ValidationError);
      await rejectsWith(docs().cancel('LC Note', note.name!), ValidationError);
      expect(Number(((await site.db.knex('tabLC Note').where('name', note.name!).first()) as Doc).docstatus)).to.equal(0);
    });
  });

  describe('amend', () => {
    it('amending a cancelled document makes a draft ORIG-1; amending that (after submit+cancel) makes ORIG-2', async () => {
      const order = await newOrder({ docstatus: 1, notes: 'first' });
      await docs().cancel('LC Order', order.name!);
      const first = await docs().amend('LC Order', order.name!);
      expect(first.name).to.equal(`${order.name}-1`);
      expect(first.docstatus).to.equal(0);
      expect(first.amended_from).to.equal(order.name);
      expect(first.notes).to.equal('first');
      await docs().submit('LC Order', first.name!);
      await docs().cancel('LC Order', first.name!);
      const second = await docs().amend('LC Order', first.name!, { notes: 'second' });
      expect(second.name).to.equal(`${order.name}-2`);
      expect(second.amended_from).to.equal(first.name);
      expect(second.notes).to.equal('second');
    });

    it('an amendment takes no number from the series', async () => {
      const before = await newOrder();
      const cancelled = await newOrder({ docstatus: 1 });
      await docs().cancel('LC Order', cancelled.name!);
      await docs().amend('LC Order', cancelled.name!);
      const after = await newOrder();
      expect(Number(String(after.name).slice(3)) - Number(String(before.name).slice(3))).to.equal(2);
    });

    it('refuses to amend a draft or a submitted document', async () => {
      const draft = await newOrder();
      const submitted = await newOrder({ docstatus: 1 });
      for (const name of [draft.name!, submitted.name!]) await rejectsWith(docs().amend('LC Order', name), ValidationError);
      expect(await docs().exists('LC Order', `${draft.name}-1`)).to.equal(false);
      expect(await docs().exists('LC Order', `${submitted.name}-1`)).to.equal(false);
    });

    it('does not copy no_copy fields, and copies child rows as new rows', async () => {
      const order = await newOrder({ ref_no: 'R-1', items: [{ item: 'Bolt', qty: 2, remark: 'x' }, { item: 'Nut', qty: 5 }], docstatus: 1 });
      await docs().cancel('LC Order', order.name!);
      const amended = await docs().amend('LC Order', order.name!);
      expect(amended.ref_no).to.equal(null);
      const rows = amended.items as Doc[];
      expect(rows.map((r) => [r.item, r.qty, r.remark, r.idx, r.docstatus])).to.deep.equal([
        ['Bolt', 2, null, 1, 0],
        ['Nut', 5, null, 2, 0],
      ]);
      const originalRows = (await docs().get('LC Order', order.name!)).items as Doc[];
      expect(rows.map((r) => r.name)).to.not.include.members(originalRows.map((r) => r.name));
      expect(originalRows.map((r) => [r.parent, r.docstatus])).to.deep.equal([
        [order.name, 2],
        [order.name, 2],
      ]);
    });

    it('an autoincrement DocType amends to the next number, keeping amended_from', async () => {
      const first = await docs().insert('LC Auto Sub', { title: 'a', docstatus: 1 });
      await docs().cancel('LC Auto Sub', first.name!);
      const amended = await docs().amend('LC Auto Sub', first.name!);
      expect(amended.name).to.equal(Number(first.name) + 1);
      expect(Number(amended.amended_from)).to.equal(first.name); // exact text: see lifecycle-pending
      expect(amended.title).to.equal('a');
    });
  });
});
