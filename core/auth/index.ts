/**
 * Authentication: password and API-secret hashes in `__Auth`, login sessions in `tabSessions`, an
 * in-memory rate limiter and the Administrator's first password. Depends on core/db, core/errors and
 * core/meta only; the API layer builds login, logout and request authentication on top.
 */
export { hashPassword, verifyPassword } from './passwords';
export { AUTH_TABLE, setPassword, checkPassword, hasPassword } from './credentials';
export { generateKeys, userForApiKey, type ApiKeys } from './api-keys';
export { SESSIONS_TABLE, SessionStore, csrfTokenMatches, type Session, type SessionMeta, type SessionStoreOptions } from './sessions';
export { RateLimiter, type RateLimitResult } from './rate-limit';
export { ensureAdministratorPassword } from './bootstrap';
