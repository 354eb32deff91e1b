/** Optimistic locking: the client's `modified` must match the stored one (frappe-spec section 4, Concurrency). */
import { expect } from 'chai';
import type { Doc } from '../../core/document';
import { TimestampMismatchError } from '../../core/errors';
import { rejectsWith } from '../fixtures/lifecycle/expect-error';
import { NOTE, ORDER, ORDER_ITEM } from '../fixtures/lifecycle/lifecycle-doctypes';
import { createTestSite, type TestSite } from '../support/site';

describe('lifecycle: optimistic locking', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'lifecycle_locking', doctypes: [ORDER_ITEM, ORDER, NOTE] });
  });
  after(() => site.destroy());

  const docs = () => site.documents;
  const storedModified = async (name: string) => String(((await site.db.knex('tabLC Note').where('name', name).first('modified')) as { modified: unknown }).modified);

  it('a save carrying the modified value just read succeeds (it survives the database round trip)', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    const loaded = await docs().get('LC Note', note.name!);
    const saved = await docs().save('LC Note', note.name!, { ...loaded, body: 'edited' });
    expect(saved.body).to.equal('edited');
    expect(saved.modified).to.not.equal(loaded.modified);
  });

  it('a save with a stale modified raises TimestampMismatchError (417) and changes nothing', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    const stale = note.modified;
    await docs().save('LC Note', note.name!, { body: 'first', modified: stale });
    const error = await rejectsWith(docs().save('LC Note', note.name!, { body: 'second', modified: stale }), TimestampMismatchError);
    expect(error.httpStatus).to.equal(417);
    expect(error.excType).to.equal('TimestampMismatchError');
    expect(error.toJSON().exc_type).to.equal('TimestampMismatchError');
    expect((await docs().get('LC Note', note.name!)).body).to.equal('first');
  });

  it('a stale modified also stops submit and cancel', async () => {
    const order = await docs().insert('LC Order', { customer: 'a' });
    const stale = order.modified;
    await docs().save('LC Order', order.name!, { notes: 'x' });
    await rejectsWith(docs().submit('LC Order', order.name!, { modified: stale }), TimestampMismatchError);
    const submitted = await docs().submit('LC Order', order.name!);
    await rejectsWith(docs().save('LC Order', order.name!, { docstatus: 2, modified: stale }), TimestampMismatchError);
    expect((await docs().get('LC Order', order.name!)).docstatus).to.equal(1);
    expect((await docs().save('LC Order', order.name!, { docstatus: 2, modified: submitted.modified })).docstatus).to.equal(2);
  });

  it('a save that leaves modified out skips the check', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    await docs().save('LC Note', note.name!, { body: 'one' });
    const saved = await docs().save('LC Note', note.name!, { body: 'two' });
    expect(saved.body).to.equal('two');
  });

  it('updates modified and modified_by on every save, keeping creation and owner', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    expect(note.modified).to.equal(note.creation);
    const saved = await docs().save('LC Note', note.name!, { body: 'x', creation: '2000-01-01 00:00:00.000000', owner: 'someone' });
    expect(saved.creation).to.equal(note.creation);
    expect(saved.owner).to.equal('Administrator');
    expect(saved.modified_by).to.equal('Administrator');
    expect(saved.modified! > note.modified!).to.equal(true);
  });

  it('saves in the same millisecond still get different, increasing modified values', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    const seen: string[] = [];
    for (let i = 0; i < 25; i++) {
      await docs().save('LC Note', note.name!, { body: String(i) });
      seen.push(await storedModified(String(note.name)));
    }
    expect(new Set(seen).size).to.equal(25);
    expect([...seen].sort()).to.deep.equal(seen);
    for (const value of seen) expect(value).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it('of two concurrent saves from the same modified, exactly one wins', async () => {
    const note = await docs().insert('LC Note', { title: 'a' });
    const results = await Promise.allSettled(['left', 'right'].map((body) => docs().save('LC Note', note.name!, { body, modified: note.modified })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]!.reason).to.be.instanceOf(TimestampMismatchError);
    const body = (await docs().get('LC Note', note.name!)).body;
    expect(body).to.equal((won[0] as PromiseFulfilledResult<Doc>).value.body);
  });
});
