/**
 * Who is calling: an API key (`Authorization: token key:secret` or `Basic base64(key:secret)`), else
 * the `sid` session cookie (or `sid` parameter), else Guest. Cookie sessions must send the CSRF token
 * (`X-Frappe-CSRF-Token`) on unsafe methods; requests with an Authorization header never need it.
 * Then the per-user rate limit applies (per IP for guests).
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfTokenMatches, userForApiKey, type Session } from '../auth';
import { AuthenticationError, CSRFTokenError, RateLimitExceededError } from '../errors';
import { GUEST_USER, UserAccess } from '../permissions';
import type { ApiState, RequestContext } from './context';
import { clearSessionCookies } from './cookies';
import type { RateLimitResult } from '../auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Logging in cannot carry a token yet; Frappe exempts it too. */
const CSRF_EXEMPT = new Set(['/method/login']);

/**
 * Checking a secret costs a slow hash (~80 ms): a verified key:secret pair is remembered for a minute,
 * keyed by a SHA-256 of the pair, so a client making many calls pays once. A disabled user is still
 * refused at once, because the user's access is loaded on every request.
 */
const VERIFIED_TTL_MS = 60_000;
const verifiedKeys = new Map<string, { user: string; until: number }>();

async function verifiedUser(state: ApiState, key: string, secret: string): Promise<string | undefined> {
  const digest = createHash('sha256').update(`${key}:${secret}`).digest('hex');
  const now = Date.now();
  const cached = verifiedKeys.get(digest);
  if (cached && cached.until > now) return cached.user;
  const user = await userForApiKey(state.site.db.knex, key, secret);
  if (user) {
    if (verifiedKeys.size > 10_000) verifiedKeys.clear();
    verifiedKeys.set(digest, { user, until: now + VERIFIED_TTL_MS });
  }
  return user;
}

/** Forgets verified secrets (after keys are regenerated). */
export function forgetVerifiedKeys(): void {
  verifiedKeys.clear();
}

async function userFromAuthorization(state: ApiState, header: string): Promise<string> {
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const credentials = rest.join(' ');
  let pair: string;
  switch ((scheme ?? '').toLowerCase()) {
    case 'token':
      pair = credentials;
      break;
    case 'basic':
      pair = Buffer.from(credentials, 'base64').toString('utf8');
      break;
    case 'bearer':
      throw new AuthenticationError('OAuth bearer tokens are not supported: use "token <api_key>:<api_secret>"');
    default:
      throw new AuthenticationError(`Unsupported Authorization scheme "${scheme ?? ''}": use "token <api_key>:<api_secret>"`);
  }
  const colon = pair.indexOf(':');
  if (colon <= 0) throw new AuthenticationError('Malformed API credentials: expected <api_key>:<api_secret>');
  const user = await verifiedUser(state, pair.slice(0, colon), pair.slice(colon + 1));
  if (!user) throw new AuthenticationError('Invalid API key or secret');
  return user;
}

function sidOf(req: Request): string | undefined {
  const fromCookie = (req.cookies as Record<string, unknown> | undefined)?.sid;
  const fromParam = (req.query.sid ?? (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).sid : undefined)) as unknown;
  const sid = typeof fromCookie === 'string' && fromCookie ? fromCookie : typeof fromParam === 'string' ? fromParam : undefined;
  return sid && sid !== GUEST_USER ? sid : undefined;
}

function setRateHeaders(res: Response, result: RateLimitResult): void {
  if (!Number.isFinite(result.remaining)) return;
  res.setHeader('X-RateLimit-Limit', String(result.limit));
  res.setHeader('X-RateLimit-Remaining', String(Math.max(0, result.remaining)));
  res.setHeader('X-RateLimit-Reset', String(result.resetSeconds));
}

export function rateLimited(res: Response, result: RateLimitResult, what: string): RateLimitExceededError {
  res.setHeader('Retry-After', String(result.retryAfterSeconds));
  return new RateLimitExceededError(`Too many ${what}: try again in ${result.retryAfterSeconds} seconds`, [{ message: `retry after ${result.retryAfterSeconds} s` }]);
}

export function authenticate(state: ApiState): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.headers.authorization;
    let user = GUEST_USER;
    let session: Session | undefined;
    if (authorization) user = await userFromAuthorization(state, authorization);
    else {
      const sid = sidOf(req);
      if (sid) {
        session = await state.sessions.get(sid);
        if (session) user = session.user;
        else clearSessionCookies(res); // expired or unknown: carry on as Guest, and say so to the browser
      }
    }
    const limit = state.requests.hit(user === GUEST_USER ? `ip:${req.ip}` : `user:${user}`);
    setRateHeaders(res, limit);
    if (!limit.allowed) throw rateLimited(res, limit, 'requests');
    if (session && !SAFE_METHODS.has(req.method) && !CSRF_EXEMPT.has(req.path.replace(/^\/v1/, '')) && !csrfTokenMatches(session, req.get('X-Frappe-CSRF-Token')))
      throw new CSRFTokenError('Invalid or missing CSRF token: send the X-Frappe-CSRF-Token header from the login answer or the boot data');
    let access: UserAccess;
    try {
      access = await UserAccess.load(state.site.db.knex, state.site.registry, user);
    } catch (error) {
      if (session) await state.sessions.destroy(session.sid);
      throw error;
    }
    const ctx: RequestContext = {
      user,
      access,
      session,
      documents: state.site.documents.as({ user }, access),
      query: { k: state.site.db.knex, registry: state.site.registry, access },
    };
    res.locals.ctx = ctx;
    next();
  };
}
