/**
 * The HTTP surface: Frappe's REST resources and methods under /api and /api/v1, authenticated
 * (session cookie or API key), permission-checked through the user's store and query context, with
 * Frappe-shaped answers and errors.
 */
import cookieParser from 'cookie-parser';
import express, { Router, type Express, type RequestHandler } from 'express';
import { RateLimiter, SessionStore } from '../auth';
import { DoesNotExistError } from '../errors';
import type { Site } from '../site';
import { authenticate } from './authenticate';
import { deskRoutes } from './desk-assets';
import type { ApiState } from './context';
import { errorHandler } from './errors';
import { methodRoutes } from './method';
import { resourceRoutes } from './resource';

export { METHODS } from './method';
export type { ApiState } from './context';

/** Browsers on the configured origins may call the API with credentials (cookies). */
function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Frappe-CSRF-Token, X-Frappe-Site-Name, Accept');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

export function createApiState(site: Site): ApiState {
  const config = site.config.api;
  const loginWindow = config.loginWindowSeconds * 1000;
  return {
    site,
    config,
    sessions: new SessionStore(site.db.knex, { ttlHours: config.sessionHours }),
    loginByUser: new RateLimiter(config.loginAttempts, loginWindow),
    loginByIp: new RateLimiter(config.loginAttempts * 4, loginWindow),
    requests: new RateLimiter(config.requestsPerMinute, 60_000),
  };
}

export function createServer(site: Site, state: ApiState = createApiState(site)): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(cors(state.config.corsOrigins));
  app.use(express.json({ limit: '10mb' }));
  app.use(express.urlencoded({ extended: false, limit: '10mb' }));
  app.use(cookieParser());
  const api = Router();
  api.use(authenticate(state));
  api.use(resourceRoutes(state));
  api.use(methodRoutes(state));
  api.use((req) => {
    throw new DoesNotExistError(`Not found: ${req.method} ${req.originalUrl.split('?')[0]}`, [{ fieldname: 'path', message: 'no such API route' }]);
  });
  app.use('/api/v1', api);
  app.use('/api', api);
  app.use(deskRoutes());
  app.use((req) => {
    throw new DoesNotExistError(`Not found: ${req.method} ${req.path}`);
  });
  app.use(errorHandler(state.config.devMode));
  return app;
}
