/**
 * Lifecycle edge cases found while testing: client names under a controller autoname, duplicate
 * names racing on MariaDB, amendments of autoincrement documents, cancel's hook order, and
 * allow_on_submit child fields.
 */
import { expect } from 'chai';
import { defineController, type Doc } from '../../core/document';
import { DuplicateEntryError, LinkExistsError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { TEST_DIALECT } from '../support/database';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'PD Fallback', autoname: 'format:PF-{####}', fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'PD Unique', autoname: 'field:title', fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'PD Counter Sub', autoname: 'autoincrement', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'PD Source', autoname: 'PS-.###', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  { name: 'PD User', autoname: 'PU-.###', is_submittable: 1, fields: [{ fieldname: 'source', fieldtype: 'Link', options: 'PD Source' }] },
  { name: 'PD Line', istable: 1, fields: [{ fieldname: 'item', fieldtype: 'Data' }, { fieldname: 'delivered', fieldtype: 'Int', allow_on_submit: 1 }] },
  { name: 'PD Order', autoname: 'PO-.###', is_submittable: 1, fields: [{ fieldname: 'lines', fieldtype: 'Table', options: 'PD Line' }] },
];

const hooks: string[] = [];

/** On MariaDB, holds each PD Unique insert in validate until all have got there, so they race for real. */
const barrier = { expected: 0, arrived: 0, release: () => {}, opened: Promise.resolve() };
function armBarrier(expected: number): void {
  barrier.expected = expected;
  barrier.arrived = 0;
  barrier.opened = new Promise((resolve) => (barrier.release = resolve));
}

describe('lifecycle: edge cases', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({
      label: 'lifecycle_pending',
      doctypes: DOCTYPES,
      controllers: {
        'PD Fallback': defineController({ autoname: () => undefined }),
        'PD Unique': defineController({
          async validate() {
            if (TEST_DIALECT !== 'mariadb' || !barrier.expected) return;
            if (++barrier.arrived === barrier.expected) barrier.release();
            await Promise.race([barrier.opened, new Promise((resolve) => setTimeout(resolve, 2000))]);
          },
        }),
        'PD Source': defineController({
          before_cancel: () => void hooks.push('before_cancel'),
          on_cancel: () => void hooks.push('on_cancel'),
          on_change: () => void hooks.push('on_change'),
        }),
      },
    });
  });
  after(() => site.destroy());

  // write.ts nameDocument(): the controller's autoname() runs with the client's name still on the doc,
  // and when it sets nothing that client name is taken as the controller's choice.
  it('a client name is ignored when the controller autoname() sets nothing (write.ts nameDocument)', async () => {
    const doc = await site.documents.insert('PD Fallback', { name: 'CLIENT-CHOSEN', title: 'x' });
    expect(doc.name).to.equal('PF-0001');
  });

  // write.ts writeNew(): the duplicate check is a plain SELECT, so two concurrent inserts of the same
  // name both pass it and the loser gets the driver's raw ER_DUP_ENTRY instead of DuplicateEntryError.
  it('concurrent inserts of one name: one wins, the others get DuplicateEntryError (write.ts writeNew)', async () => {
    armBarrier(6);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => site.documents.insert('PD Unique', { title: 'Same' })));
    barrier.expected = 0;
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of lost) expect(r.reason, String(r.reason)).to.be.instanceOf(DuplicateEntryError);
  });

  // prepare.ts castInput(): after casting the fields it copies the raw input of `amended_from` (and
  // `naming_series`, `name`) over them, so store.amend's numeric source name (autoincrement) stays a JS
  // number; better-sqlite3 binds it as a REAL and the varchar column holds '1.0' (MariaDB stores '1').
  it('amending an autoincrement document stores amended_from as "1" (prepare.ts castInput)', async () => {
    const source = await site.documents.insert('PD Counter Sub', { title: 't', docstatus: 1 });
    await site.documents.cancel('PD Counter Sub', source.name!);
    const amended = await site.documents.amend('PD Counter Sub', source.name!);
    const row = (await site.db.knex('tabPD Counter Sub').where('name', amended.name!).first()) as Doc;
    expect(row.amended_from).to.equal(String(source.name));
  });

  // write.ts saveDocument(): on cancel, on_change runs before the back-link check; Frappe runs
  // on_cancel, then check_no_back_links_exist, then on_change (frappe-spec section 4, save step 7-8).
  it('a cancel refused by a submitted back link never reaches on_change (write.ts saveDocument)', async () => {
    const source = await site.documents.insert('PD Source', { title: 's', docstatus: 1 });
    await site.documents.insert('PD User', { source: source.name, docstatus: 1 });
    hooks.length = 0;
    await rejectsWith(site.documents.cancel('PD Source', source.name!), LinkExistsError);
    expect(hooks).to.deep.equal(['before_cancel', 'on_cancel']);
  });

  // write.ts checkConstants()/tableChanged(): any change inside a Table field without allow_on_submit is
  // refused. Frappe compares only the table's size there and checks each row's own allow_on_submit fields.
  it('after submit, an allow_on_submit field of a child row may change (write.ts checkConstants)', async () => {
    const order = await site.documents.insert('PD Order', { lines: [{ item: 'a', delivered: 0 }], docstatus: 1 });
    const rows = order.lines as Doc[];
    const updated = await site.documents.save('PD Order', order.name!, { lines: [{ ...rows[0]!, delivered: 3 }] });
    expect((updated.lines as Doc[])[0]!.delivered).to.equal(3);
  });
});
