/**
 * What every request works with once authenticated: the user, their access (rights and scope), the
 * document store and the query context acting for them. Routes read it with `ctxOf(res)`; nothing in
 * a route talks to the database around it.
 */
import type { Response } from 'express';
import type { Session, SessionStore, RateLimiter } from '../auth';
import type { ApiConfig } from '../config';
import type { DocumentStore } from '../document';
import type { UserAccess } from '../permissions';
import type { QueryContext } from '../query';
import type { Site } from '../site';

export interface RequestContext {
  user: string;
  access: UserAccess;
  documents: DocumentStore;
  query: QueryContext;
  /** The cookie session, when the request came with one (not with an API key). */
  session?: Session;
}

/** Server-wide state shared by the routes. */
export interface ApiState {
  site: Site;
  config: ApiConfig;
  sessions: SessionStore;
  loginByUser: RateLimiter;
  loginByIp: RateLimiter;
  requests: RateLimiter;
}

export function ctxOf(res: Response): RequestContext {
  const ctx = res.locals.ctx as RequestContext | undefined;
  if (!ctx) throw new Error('request context missing: authenticate() must run first');
  return ctx;
}
