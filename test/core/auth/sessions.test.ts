/** Login sessions in tabSessions: create, get, destroy, expiry and sliding expiry on an injected clock. */
import { expect } from 'chai';
import { csrfTokenMatches, SessionStore } from '../../../core/auth';
import { createTestSite, type TestSite } from '../../support/site';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('auth: sessions', () => {
  let site: TestSite;
  let clock: number;
  const now = () => clock;
  before(async () => {
    site = await createTestSite({ label: 'auth_sessions' });
  });
  after(() => site.destroy());
  beforeEach(async () => {
    clock = Date.UTC(2030, 0, 15, 12, 0, 0);
    await k()('tabSessions').delete();
  });

  const k = () => site.db.knex;
  const row = async (sid: string) =>
    (await k()('tabSessions').where('sid', sid).first()) as
      | { sid: string; user: string; csrf_token: string; ip: string | null; user_agent: string | null; created: string; last_seen: string; expires_at: number | string }
      | undefined;

  it('creates a session with random ids, stores it with its metadata, and gets it back', async () => {
    const store = new SessionStore(k(), { now });
    const session = await store.create('a@example.com', { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 test' });
    expect(session.sid).to.match(/^[0-9a-f]{64}$/);
    expect(session.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(session.user).to.equal('a@example.com');
    expect(session.expiresAt).to.equal(clock + 168 * HOUR);
    const stored = (await row(session.sid))!;
    expect(stored).to.include({ user: 'a@example.com', csrf_token: session.csrfToken, ip: '203.0.113.9', user_agent: 'Mozilla/5.0 test' });
    expect(Number(stored.expires_at)).to.equal(session.expiresAt);
    expect(stored.created).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(stored.last_seen).to.equal(stored.created);
    expect(await store.get(session.sid)).to.deep.equal(session);
    const other = await store.create('a@example.com', {});
    expect(other.sid).to.not.equal(session.sid);
    expect(other.csrfToken).to.not.equal(session.csrfToken);
    expect(await row(other.sid)).to.include({ ip: null, user_agent: null });
  });

  it('clips an over-long user agent to the column instead of failing', async () => {
    const store = new SessionStore(k(), { now });
    const session = await store.create('a@example.com', { userAgent: 'x'.repeat(300) + '\u{1F600}', ip: '2001:db8::' + '1'.repeat(80) });
    const stored = (await row(session.sid))!;
    expect(stored.user_agent).to.equal('x'.repeat(255));
    expect(stored.ip).to.have.length(64);
  });

  it('answers undefined for unknown, malformed or destroyed ids', async () => {
    const store = new SessionStore(k(), { now });
    const session = await store.create('a@example.com', {});
    expect(await store.get('0'.repeat(64))).to.equal(undefined);
    expect(await store.get('')).to.equal(undefined);
    expect(await store.get("' or 1=1 --")).to.equal(undefined);
    expect(await store.get(session.sid.toUpperCase())).to.equal(undefined);
    await store.destroy(session.sid);
    expect(await store.get(session.sid)).to.equal(undefined);
    expect(await row(session.sid)).to.equal(undefined);
    await store.destroy(session.sid); // destroying twice is fine
  });

  it('destroyAllFor ends every session of one user (optionally but one) and leaves others alone', async () => {
    const store = new SessionStore(k(), { now });
    const [a1, a2, a3] = [await store.create('a@example.com', {}), await store.create('a@example.com', {}), await store.create('a@example.com', {})];
    const b = await store.create('b@example.com', {});
    await store.destroyAllFor('a@example.com', { except: a3.sid });
    expect(await store.get(a1.sid)).to.equal(undefined);
    expect(await store.get(a2.sid)).to.equal(undefined);
    expect((await store.get(a3.sid))?.user).to.equal('a@example.com');
    await store.destroyAllFor('a@example.com');
    expect(await store.get(a3.sid)).to.equal(undefined);
    expect((await store.get(b.sid))?.user).to.equal('b@example.com');
  });

  it('expires after the ttl: undefined at the expiry instant, and the row is deleted', async () => {
    const store = new SessionStore(k(), { now, ttlHours: 2 });
    const session = await store.create('a@example.com', {});
    expect(session.expiresAt).to.equal(clock + 2 * HOUR);
    clock += 2 * HOUR - 1;
    expect((await store.get(session.sid))?.sid).to.equal(session.sid);
    // That get slid the expiry; an untouched session expires exactly at its expiresAt.
    const untouched = await store.create('a@example.com', {});
    clock = untouched.expiresAt;
    expect(await store.get(untouched.sid)).to.equal(undefined);
    expect(await row(untouched.sid)).to.equal(undefined);
  });

  it('slides the expiry forward on use, writing at most once a minute', async () => {
    const store = new SessionStore(k(), { now, ttlHours: 1 });
    const session = await store.create('a@example.com', {});
    const created = (await row(session.sid))!;

    clock += 30_000; // within the minute: no write
    expect((await store.get(session.sid))!.expiresAt).to.equal(session.expiresAt);
    expect(await row(session.sid)).to.deep.equal(created);

    clock += 30_000; // a minute after the last write: slides
    const slid = (await store.get(session.sid))!;
    expect(slid.expiresAt).to.equal(clock + HOUR);
    const after = (await row(session.sid))!;
    expect(Number(after.expires_at)).to.equal(clock + HOUR);
    expect(after.last_seen > created.last_seen).to.equal(true);
    expect(after.created).to.equal(created.created);

    // Used every 50 minutes, a one-hour session lives on well past its first expiry.
    for (let i = 0; i < 5; i++) {
      clock += 50 * MINUTE;
      expect((await store.get(session.sid))?.user, `after ${i + 1} x 50 minutes`).to.equal('a@example.com');
    }
    clock += HOUR;
    expect(await store.get(session.sid)).to.equal(undefined);
  });

  it('purgeExpired deletes the expired sessions nobody asked for again', async () => {
    const store = new SessionStore(k(), { now, ttlHours: 1 });
    const old = await store.create('a@example.com', {});
    clock += 30 * MINUTE;
    const fresh = await store.create('a@example.com', {});
    clock += 31 * MINUTE;
    expect(await store.purgeExpired()).to.equal(1);
    expect(await row(old.sid)).to.equal(undefined);
    expect(await row(fresh.sid)).to.not.equal(undefined);
  });

  it('sessions outlive the store object: another store on the same database finds them', async () => {
    const session = await new SessionStore(k(), { now }).create('a@example.com', {});
    expect((await new SessionStore(k(), { now }).get(session.sid))?.csrfToken).to.equal(session.csrfToken);
  });

  it('compares CSRF tokens exactly', async () => {
    const session = await new SessionStore(k(), { now }).create('a@example.com', {});
    expect(csrfTokenMatches(session, session.csrfToken)).to.equal(true);
    expect(csrfTokenMatches(session, session.csrfToken.slice(1))).to.equal(false);
    expect(csrfTokenMatches(session, session.csrfToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))).to.equal(false);
    expect(csrfTokenMatches(session, undefined)).to.equal(false);
    expect(csrfTokenMatches(session, '')).to.equal(false);
  });

  it('refuses a lifetime that is not positive', () => {
    expect(() => new SessionStore(k(), { ttlHours: 0 })).to.throw(/positive/);
  });
});
