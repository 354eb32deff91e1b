/** A migrated site on a fresh test database, with the DocTypes a test asks for. */
import { readConfig } from '../../core/config';
import type { Controller } from '../../core/document';
import type { DocTypeDef } from '../../core/meta';
import type { ReportDefinition } from '../../core/reports';
import { migrate, openSite, type Site } from '../../core/site';
import { createTestDatabase } from './database';

export interface TestSiteOptions {
  /** Apps to load (default: core only, so a test sees just the DocTypes it brings). */
  apps?: string[];
  doctypePaths?: string[];
  doctypes?: DocTypeDef[];
  controllers?: Record<string, Controller>;
  reports?: ReportDefinition[];
  label?: string;
}

export interface TestSite extends Site {
  destroy(): Promise<void>;
}

export async function createTestSite(options: TestSiteOptions = {}): Promise<TestSite> {
  const database = await createTestDatabase(options.label);
  const config = {
    ...readConfig({}),
    dbUrl: database.url,
    apps: options.apps ?? ['core'],
    doctypePaths: options.doctypePaths ?? [],
  };
  const site = await openSite(config, {
    extraDoctypes: (options.doctypes ?? []).map((def) => ({ app: 'test', def })),
    extraControllers: options.controllers,
    extraReports: options.reports,
  });
  await migrate(site);
  return {
    ...site,
    async destroy() {
      await site.close();
      await database.drop();
    },
  };
}
