/** The in-memory rate limiter on an injected clock. */
import { expect } from 'chai';
import { RateLimiter } from '../../../core/auth';

describe('auth: rate limiter', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('allows `limit` hits per window, counting down, then refuses with Retry-After', () => {
    const limiter = new RateLimiter(3, 60_000, now);
    expect(limiter.hit('ip:1')).to.deep.equal({ allowed: true, remaining: 2, retryAfterSeconds: 0, limit: 3, resetSeconds: 60 });
    clock += 10_000;
    expect(limiter.hit('ip:1')).to.include({ allowed: true, remaining: 1, resetSeconds: 50 });
    expect(limiter.hit('ip:1')).to.include({ allowed: true, remaining: 0 });
    clock += 500;
    expect(limiter.hit('ip:1')).to.deep.equal({ allowed: false, remaining: 0, retryAfterSeconds: 50, limit: 3, resetSeconds: 50 });
    clock += 40_000;
    expect(limiter.hit('ip:1')).to.include({ allowed: false, retryAfterSeconds: 10 });
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(1, 1000, now);
    expect(limiter.hit('a').allowed).to.equal(true);
    expect(limiter.hit('a').allowed).to.equal(false);
    expect(limiter.hit('b').allowed).to.equal(true);
  });

  it('allows again once the window has passed, with a full count', () => {
    const limiter = new RateLimiter(2, 60_000, now);
    limiter.hit('k');
    limiter.hit('k');
    expect(limiter.hit('k').allowed).to.equal(false);
    clock += 59_999;
    expect(limiter.hit('k').allowed).to.equal(false);
    clock += 1;
    expect(limiter.hit('k')).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0, limit: 2, resetSeconds: 60 });
  });

  it('refused hits do not extend the wait', () => {
    const limiter = new RateLimiter(1, 10_000, now);
    limiter.hit('k');
    for (let i = 0; i < 9; i++) {
      clock += 1000;
      expect(limiter.hit('k').allowed).to.equal(false);
    }
    clock += 1000;
    expect(limiter.hit('k').allowed).to.equal(true);
  });

  it('peek reports without counting', () => {
    const limiter = new RateLimiter(2, 60_000, now);
    expect(limiter.peek('k')).to.deep.equal({ allowed: true, remaining: 2, retryAfterSeconds: 0, limit: 2, resetSeconds: 60 });
    expect(limiter.peek('k').remaining).to.equal(2);
    limiter.hit('k');
    clock += 15_000;
    expect(limiter.peek('k')).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0, limit: 2, resetSeconds: 45 });
    limiter.hit('k');
    expect(limiter.peek('k')).to.deep.equal({ allowed: false, remaining: 0, retryAfterSeconds: 45, limit: 2, resetSeconds: 45 });
    expect(limiter.peek('k').allowed).to.equal(false);
  });

  it('reset forgets a key (e.g. after a successful login)', () => {
    const limiter = new RateLimiter(1, 60_000, now);
    limiter.hit('k');
    expect(limiter.hit('k').allowed).to.equal(false);
    limiter.reset('k');
    expect(limiter.hit('k')).to.include({ allowed: true, remaining: 0 });
    limiter.reset('never seen'); // no error
  });

  it('a limit of 0 means unlimited', () => {
    const limiter = new RateLimiter(0, 1000, now);
    for (let i = 0; i < 1000; i++) expect(limiter.hit('k').allowed).to.equal(true);
    expect(limiter.hit('k')).to.deep.equal({ allowed: true, remaining: Infinity, retryAfterSeconds: 0, limit: 0, resetSeconds: 0 });
    expect(limiter.peek('k').allowed).to.equal(true);
    expect(limiter.size).to.equal(0);
  });

  it('drops keys whose window has passed, so memory stays bounded', () => {
    const limiter = new RateLimiter(5, 1000, now);
    for (let i = 0; i < 500; i++) limiter.hit(`ip:${i}`);
    expect(limiter.size).to.equal(500);
    clock += 1000;
    limiter.hit('late');
    expect(limiter.size).to.equal(1);
    // An expired key looked at again is dropped too, and starts a fresh window.
    clock += 1000;
    expect(limiter.peek('late').remaining).to.equal(5);
    expect(limiter.size).to.equal(0);
  });

  it('never tracks more than maxKeys at once, forgetting the oldest', () => {
    const limiter = new RateLimiter(1, 60_000, now, 100);
    for (let i = 0; i < 250; i++) limiter.hit(`ip:${i}`);
    expect(limiter.size).to.equal(100);
    expect(limiter.hit('ip:249').allowed).to.equal(false); // newest still counted
    expect(limiter.hit('ip:0').allowed).to.equal(true); // oldest forgotten
  });

  it('refuses nonsensical settings', () => {
    expect(() => new RateLimiter(-1, 1000)).to.throw(/limit/);
    expect(() => new RateLimiter(1.5, 1000)).to.throw(/limit/);
    expect(() => new RateLimiter(5, 0)).to.throw(/window/);
  });
});
