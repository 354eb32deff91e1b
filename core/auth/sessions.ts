/**
 * Login sessions in `tabSessions`. A session id is 32 random bytes (hex) and comes with its own CSRF
 * token; it expires `ttlHours` after it was last used (sliding expiry), written back at most once a
 * minute per session so that busy clients do not turn every request into a write.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { formatDatetime } from '../db';

export const SESSIONS_TABLE = 'tabSessions';

const DEFAULT_TTL_HOURS = 168;
const TOUCH_INTERVAL_MS = 60_000;
const SID_PATTERN = /^[0-9a-f]{64}$/;

export interface Session {
  sid: string;
  user: string;
  csrfToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface SessionMeta {
  ip?: string;
  userAgent?: string;
}

export interface SessionStoreOptions {
  /** How long an unused session lives (default 168 hours, a week). */
  ttlHours?: number;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

interface SessionRow {
  sid: string;
  user: string;
  csrf_token: string;
  expires_at: number | string;
}

export class SessionStore {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly k: Knex,
    options: SessionStoreOptions = {},
  ) {
    const ttlHours = options.ttlHours ?? DEFAULT_TTL_HOURS;
    if (!(ttlHours > 0)) throw new Error(`Session lifetime must be positive, got ${ttlHours} hours`);
    this.ttlMs = Math.round(ttlHours * 3_600_000);
    this.now = options.now ?? Date.now;
  }

  async create(user: string, meta: SessionMeta = {}): Promise<Session> {
    const now = this.now();
    const session: Session = {
      sid: randomBytes(32).toString('hex'),
      user,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: now + this.ttlMs,
    };
    await this.k(SESSIONS_TABLE).insert({
      sid: session.sid,
      user,
      csrf_token: session.csrfToken,
      ip: clip(meta.ip, 64),
      user_agent: clip(meta.userAgent, 255),
      created: formatDatetime(new Date(now)),
      last_seen: formatDatetime(new Date(now)),
      expires_at: session.expiresAt,
    });
    return session;
  }

  /** The live session with this id, its expiry moved forward; undefined (and deleted) once expired. */
  async get(sid: string): Promise<Session | undefined> {
    // Anything but an id we issued is not looked up at all (and MariaDB would match it without case).
    if (typeof sid !== 'string' || !SID_PATTERN.test(sid)) return undefined;
    const row = (await this.k(SESSIONS_TABLE).where('sid', sid).first('sid', 'user', 'csrf_token', 'expires_at')) as SessionRow | undefined;
    if (!row) return undefined;
    const now = this.now();
    let expiresAt = Number(row.expires_at);
    if (expiresAt <= now) {
      await this.destroy(sid);
      return undefined;
    }
    // Last written at expiresAt - ttl: slide only when that was a minute ago or more.
    if (now - (expiresAt - this.ttlMs) >= TOUCH_INTERVAL_MS) {
      expiresAt = now + this.ttlMs;
      await this.k(SESSIONS_TABLE).where('sid', sid).update({ last_seen: formatDatetime(new Date(now)), expires_at: expiresAt });
    }
    return { sid: row.sid, user: row.user, csrfToken: row.csrf_token, expiresAt };
  }

  async destroy(sid: string): Promise<void> {
    if (typeof sid !== 'string' || !SID_PATTERN.test(sid)) return;
    await this.k(SESSIONS_TABLE).where('sid', sid).delete();
  }

  /** Logs the user out everywhere (password change, disabled user), optionally keeping one session. */
  async destroyAllFor(user: string, options: { except?: string } = {}): Promise<void> {
    const query = this.k(SESSIONS_TABLE).where('user', user);
    if (options.except) query.whereNot('sid', options.except);
    await query.delete();
  }

  /** Deletes every expired session (those nobody asks for again are otherwise kept); answers how many. */
  async purgeExpired(): Promise<number> {
    return Number(await this.k(SESSIONS_TABLE).where('expires_at', '<=', this.now()).delete());
  }
}

/** Compares a submitted CSRF token with the session's in constant time. */
export function csrfTokenMatches(session: Session, token: unknown): boolean {
  if (typeof token !== 'string' || !token) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function clip(value: string | undefined, length: number): string | null {
  // By code points, as the column counts characters (a cut surrogate pair would not be valid text).
  return typeof value === 'string' && value ? Array.from(value).slice(0, length).join('') : null;
}
