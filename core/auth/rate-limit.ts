/**
 * A fixed-window rate limiter in process memory: at most `limit` hits per key in each window of
 * `windowMs`, the window starting at a key's first hit. A limit of 0 means unlimited. Memory stays
 * bounded: keys whose window has passed are dropped once per window, and beyond `maxKeys` live keys
 * the oldest are forgotten (they start afresh, which errs on the side of letting requests through).
 */

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window (Infinity when unlimited). */
  remaining: number;
  /** Seconds to wait before the next hit is allowed; 0 when allowed. */
  retryAfterSeconds: number;
  limit: number;
  /** Seconds until the current window ends (0 when unlimited). */
  resetSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`Rate limit must be a whole number >= 0, got ${limit}`);
    if (!(windowMs > 0)) throw new Error(`Rate limit window must be positive, got ${windowMs} ms`);
    this.lastSweep = now();
  }

  /** Counts a hit for `key` (unless it is refused) and says whether it may go ahead. */
  hit(key: string): RateLimitResult {
    if (this.limit === 0) return this.unlimited();
    const now = this.now();
    this.sweep(now);
    let window = this.current(key, now);
    if (!window) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      this.enforceMaxKeys();
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count++;
    return this.result(window, now, allowed);
  }

  /** What the next hit for `key` would get, without counting it. */
  peek(key: string): RateLimitResult {
    if (this.limit === 0) return this.unlimited();
    const now = this.now();
    const window = this.current(key, now) ?? { start: now, count: 0 };
    return this.result(window, now, window.count < this.limit);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Keys currently tracked (for monitoring and tests). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.start < this.windowMs) return window;
    if (window) this.windows.delete(key);
    return undefined;
  }

  private result(window: Window, now: number, allowed: boolean): RateLimitResult {
    const resetSeconds = Math.max(0, Math.ceil((window.start + this.windowMs - now) / 1000));
    return {
      allowed,
      remaining: Math.max(0, this.limit - window.count),
      retryAfterSeconds: allowed ? 0 : Math.max(1, resetSeconds),
      limit: this.limit,
      resetSeconds,
    };
  }

  private unlimited(): RateLimitResult {
    return { allowed: true, remaining: Infinity, retryAfterSeconds: 0, limit: 0, resetSeconds: 0 };
  }

  /** Once per window, forgets every key whose window has ended. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }

  private enforceMaxKeys(): void {
    if (this.windows.size <= this.maxKeys) return;
    // Map order is insertion order, and a key is re-inserted when its window restarts: oldest first.
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
