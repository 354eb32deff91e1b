/**
 * The configuration contract (see README): environment variables read in one place, so that the rest
 * of the code receives plain values and tests can build a config without touching `process.env`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where `doctypes/`, `reports/` and `core/` live). */
export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

export interface SiteConfig {
  dbUrl: string;
  apps: string[];
  doctypePaths: string[];
  reportPaths: string[];
  adminPassword: string | undefined;
  port: number;
  /** Seconds a report run may take before it is cancelled at the database (a report may set its own). */
  reportTimeout: number;
  /** Security and limits of the HTTP API (see README "Configuration"). */
  api: ApiConfig;
}

export interface ApiConfig {
  /** The most rows a list request answers; `limit=0` (all) and larger limits are capped and reported. */
  maxPageLength: number;
  sessionHours: number;
  /** Failed logins allowed per user in `loginWindowSeconds` (per IP: four times as many); 0 = no limit. */
  loginAttempts: number;
  loginWindowSeconds: number;
  /** Requests per minute per user (per IP for guests); 0 = no limit. */
  requestsPerMinute: number;
  /** Development mode: error answers carry stack traces. */
  devMode: boolean;
  /** Origins allowed to call the API from a browser with credentials (CORS). */
  corsOrigins: string[];
}

/** Where each app keeps its script reports (one folder per report). */
export const APP_REPORT_FOLDERS: Readonly<Record<string, string>> = {
  crm: resolve(PROJECT_ROOT, 'reports'),
};

/** Where each app keeps its DocTypes. `core` always loads first. */
export const APP_FOLDERS: Readonly<Record<string, string>> = {
  core: resolve(PROJECT_ROOT, 'core/doctypes'),
  crm: resolve(PROJECT_ROOT, 'doctypes'),
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const apps = splitList(env.TABULA_APPS ?? 'core,crm', ',');
  return {
    dbUrl: env.TABULA_DB_URL || 'sqlite:data/site.sqlite',
    apps: ['core', ...apps.filter((a) => a !== 'core')],
    doctypePaths: splitList(env.TABULA_DOCTYPE_PATHS ?? '', ':').map((p) => resolve(p)),
    reportPaths: splitList(env.TABULA_REPORT_PATHS ?? '', ':').map((p) => resolve(p)),
    adminPassword: env.TABULA_ADMIN_PASSWORD || undefined,
    port: Number(env.PORT || 8000),
    reportTimeout: positiveInt(env.TABULA_REPORT_TIMEOUT, 60, 'TABULA_REPORT_TIMEOUT'),
    api: {
      maxPageLength: positiveInt(env.TABULA_MAX_PAGE_LENGTH, 10000, 'TABULA_MAX_PAGE_LENGTH'),
      sessionHours: positiveInt(env.TABULA_SESSION_HOURS, 168, 'TABULA_SESSION_HOURS'),
      loginAttempts: positiveInt(env.TABULA_LOGIN_ATTEMPTS, 5, 'TABULA_LOGIN_ATTEMPTS', true),
      loginWindowSeconds: positiveInt(env.TABULA_LOGIN_WINDOW_SECONDS, 300, 'TABULA_LOGIN_WINDOW_SECONDS'),
      requestsPerMinute: positiveInt(env.TABULA_RATE_LIMIT, 1200, 'TABULA_RATE_LIMIT', true),
      devMode: env.TABULA_DEV === '1' || env.TABULA_DEV === 'true',
      corsOrigins: splitList(env.TABULA_CORS_ORIGINS ?? '', ','),
    },
  };
}

function positiveInt(value: string | undefined, fallback: number, name: string, zeroAllowed = false): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroAllowed ? 0 : 1)) throw new Error(`${name} must be a whole number ${zeroAllowed ? '>= 0' : '>= 1'}, got "${value}"`);
  return n;
}

function splitList(value: string, separator: string): string[] {
  return value.split(separator).map((s) => s.trim()).filter(Boolean);
}
