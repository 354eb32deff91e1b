/** Controller hooks run in frappe-spec section 4's order, around the framework's checks and the write. */
import { expect } from 'chai';
import { ControllerRegistry, defineController, HOOK_NAMES, type Controller, type Hook, type HookContext } from '../../core/document';
import { MandatoryError, UpdateAfterSubmitError, ValidationError } from '../../core/errors';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { createTestSite, type TestSite } from '../support/site';

/** Hook names in call order; for each hook, the stored docstatus of the document then (or 'absent'). */
const log: string[] = [];
const storedAt: Record<string, number | 'absent'> = {};
const actions: Record<string, string> = {};

function recorder(hook: string): Hook {
  return async (doc, ctx: HookContext) => {
    log.push(hook);
    actions[hook] = ctx.action;
    if (doc.name === undefined) return;
    const row = (await ctx.db('tabHK Doc').where('name', doc.name).first('docstatus')) as { docstatus: number } | undefined;
    storedAt[hook] = row ? Number(row.docstatus) : 'absent';
  };
}

const controller: Controller = Object.fromEntries(HOOK_NAMES.map((h) => [h, recorder(h)]));
controller.autoname = () => void log.push('autoname');
controller.validate = async (doc, ctx) => {
  await recorder('validate')(doc, ctx);
  if (doc.plan === 'fill-title') doc.title = 'filled by validate';
  if (doc.plan === 'bad-type') doc.amount = 'many';
  if (doc.plan === 'side-then-missing') {
    await ctx.documents.insert('HK Side', { label: `side of ${String(doc.name)}` });
    doc.title = null;
  }
  if (doc.plan === 'side-ok') await ctx.documents.insert('HK Side', { label: `side of ${String(doc.name)}` });
};
controller.on_update = async (doc, ctx) => {
  await recorder('on_update')(doc, ctx);
  if (doc.plan === 'side-then-throw') {
    await ctx.documents.insert('HK Side', { label: `side of ${String(doc.name)}` });
    throw new ValidationError('on_update refused', [{ fieldname: 'plan', message: 'refused' }]);
  }
};
controller.on_trash = async (doc, ctx) => {
  await recorder('on_trash')(doc, ctx);
  if (doc.plan === 'keep') throw new ValidationError('on_trash refused', [{ fieldname: 'plan', message: 'keep me' }]);
};

describe('lifecycle: hooks', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({
      label: 'lifecycle_hooks',
      doctypes: [
        {
          name: 'HK Doc',
          autoname: 'HK-.###',
          is_submittable: 1,
          fields: [
            { fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: 1 },
            { fieldname: 'status', fieldtype: 'Data', allow_on_submit: 1 },
            { fieldname: 'amount', fieldtype: 'Int' },
            { fieldname: 'plan', fieldtype: 'Data' },
          ],
        },
        { name: 'HK Side', autoname: 'SIDE-.###', fields: [{ fieldname: 'label', fieldtype: 'Data' }] },
      ],
      controllers: { 'HK Doc': defineController(controller) },
    });
  });
  after(() => site.destroy());
  beforeEach(() => {
    log.length = 0;
    for (const record of [storedAt, actions]) for (const key of Object.keys(record)) delete record[key];
  });

  const docs = () => site.documents;
  const fresh = async (values: Record<string, unknown> = {}) => {
    const doc = await docs().insert('HK Doc', { title: 't', ...values });
    log.length = 0;
    return doc.name!;
  };
  const sideCount = async () => Number(((await site.db.knex('tabHK Side').count({ n: '*' }).first()) as { n: number | string }).n);

  describe('order', () => {
    it('insert: before_insert, before_naming, autoname, before_validate, validate, before_save, [write], after_insert, on_update, on_change', async () => {
      await docs().insert('HK Doc', { title: 't' });
      expect(log).to.deep.equal(['before_insert', 'before_naming', 'autoname', 'before_validate', 'validate', 'before_save', 'after_insert', 'on_update', 'on_change']);
      expect([storedAt.before_save, storedAt.after_insert]).to.deep.equal(['absent', 0]);
      expect(actions.validate).to.equal('insert');
    });

    it('insert with docstatus 1: before_submit instead of before_save, then on_update, on_submit', async () => {
      await docs().insert('HK Doc', { title: 't', docstatus: 1 });
      expect(log).to.deep.equal(['before_insert', 'before_naming', 'autoname', 'before_validate', 'validate', 'before_submit', 'after_insert', 'on_update', 'on_submit', 'on_change']);
      expect([storedAt.before_submit, storedAt.on_submit]).to.deep.equal(['absent', 1]);
    });

    it('save: before_validate, validate, before_save, [write], on_update, on_change', async () => {
      const name = await fresh();
      await docs().save('HK Doc', name, { amount: 3 });
      expect(log).to.deep.equal(['before_validate', 'validate', 'before_save', 'on_update', 'on_change']);
      expect(actions.before_save).to.equal('save');
    });

    it('submit: before_validate, validate, before_submit, [write], on_update, on_submit, on_change', async () => {
      const name = await fresh();
      await docs().submit('HK Doc', name);
      expect(log).to.deep.equal(['before_validate', 'validate', 'before_submit', 'on_update', 'on_submit', 'on_change']);
      expect([storedAt.before_submit, storedAt.on_update, storedAt.on_submit]).to.deep.equal([0, 1, 1]);
      expect(actions.validate).to.equal('submit');
    });

    it('update after submit: before_update_after_submit, [write], on_update_after_submit, on_change', async () => {
      const name = await fresh({ docstatus: 1 });
      await docs().save('HK Doc', name, { status: 'late' });
      expect(log).to.deep.equal(['before_update_after_submit', 'on_update_after_submit', 'on_change']);
      expect(actions.on_change).to.equal('update_after_submit');
    });

    it('cancel: before_cancel, [write], on_cancel, on_change', async () => {
      const name = await fresh({ docstatus: 1 });
      await docs().cancel('HK Doc', name);
      expect(log).to.deep.equal(['before_cancel', 'on_cancel', 'on_change']);
      expect([storedAt.before_cancel, storedAt.on_cancel]).to.deep.equal([1, 2]);
    });

    it('delete: on_trash, [delete], after_delete', async () => {
      const name = await fresh();
      await docs().delete('HK Doc', name);
      expect(log).to.deep.equal(['on_trash', 'after_delete']);
      expect([storedAt.on_trash, storedAt.after_delete]).to.deep.equal([0, 'absent']);
      expect(actions.on_trash).to.equal('delete');
    });

    it('a failing framework check stops after the pre-save hooks', async () => {
      const name = await fresh();
      await rejectsWith(docs().save('HK Doc', name, { title: '' }), MandatoryError);
      expect(log).to.deep.equal(['before_validate', 'validate', 'before_save']);
      const submitted = await fresh({ docstatus: 1 });
      await rejectsWith(docs().save('HK Doc', submitted, { amount: 9 }), UpdateAfterSubmitError);
      expect(log).to.deep.equal(['before_update_after_submit']);
    });

    it('a hook that throws stops the write: on_trash refusing keeps the document', async () => {
      const name = await fresh({ plan: 'keep' });
      await rejectsWith(docs().delete('HK Doc', name), ValidationError);
      expect(log).to.deep.equal(['on_trash']);
      expect(await docs().exists('HK Doc', name)).to.equal(true);
    });
  });

  it('a controller given for a DocType that is not loaded (a typo) is refused, not silently ignored', async () => {
    let caught: unknown;
    await ControllerRegistry.load(site.registry.all(), { 'HK Dco': controller }).catch((e: unknown) => (caught = e));
    expect(String(caught)).to.contain('"HK Dco"');
    expect((await ControllerRegistry.load(site.registry.all(), { 'HK Doc': controller })).get('HK Doc')).to.equal(controller);
  });

  describe('validate runs before the framework checks', () => {
    it('a validate hook that fills a reqd field makes the insert succeed', async () => {
      const doc = await docs().insert('HK Doc', { plan: 'fill-title' });
      expect(doc.title).to.equal('filled by validate');
    });

    it('values a hook sets are type-checked like client input', async () => {
      const error = await rejectsWith(docs().insert('HK Doc', { title: 't', plan: 'bad-type' }), ValidationError);
      expect(error.errors.map((e) => e.fieldname)).to.include('amount');
    });
  });

  describe('writes through ctx.documents share the transaction', () => {
    it('commit together when the outer write succeeds', async () => {
      const before = await sideCount();
      const doc = await docs().insert('HK Doc', { title: 't', plan: 'side-ok' });
      expect(await sideCount()).to.equal(before + 1);
      expect(await docs().exists('HK Doc', doc.name!)).to.equal(true);
    });

    it('roll back together when the outer insert then fails its mandatory check', async () => {
      const before = await sideCount();
      await rejectsWith(docs().insert('HK Doc', { title: 't', plan: 'side-then-missing' }), MandatoryError);
      expect(await sideCount()).to.equal(before);
    });

    it('roll back together when a hook throws after the row was written', async () => {
      const before = await sideCount();
      const rows = Number(((await site.db.knex('tabHK Doc').count({ n: '*' }).first()) as { n: number | string }).n);
      await rejectsWith(docs().insert('HK Doc', { title: 't', plan: 'side-then-throw' }), ValidationError);
      expect(await sideCount()).to.equal(before);
      expect(Number(((await site.db.knex('tabHK Doc').count({ n: '*' }).first()) as { n: number | string }).n)).to.equal(rows);
    });

    it('roll back a save too: the stored document keeps its old values', async () => {
      const name = await fresh();
      const before = await sideCount();
      await rejectsWith(docs().save('HK Doc', name, { amount: 5, plan: 'side-then-throw' }), ValidationError);
      expect(await sideCount()).to.equal(before);
      const stored = await docs().get('HK Doc', name);
      expect([stored.amount, stored.plan]).to.deep.equal([0, null]);
    });
  });
});
