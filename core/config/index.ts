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
}

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
  };
}

function splitList(value: string, separator: string): string[] {
  return value.split(separator).map((s) => s.trim()).filter(Boolean);
}
