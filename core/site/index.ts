/**
 * The composition root: config -> meta -> db -> documents, wired in one place. Everything that needs
 * a running site (CLI, server, tests) opens it here.
 */
import { APP_FOLDERS, APP_REPORT_FOLDERS, type SiteConfig } from '../config';
import { openDatabase, syncSchema, type Database, type SyncLogger, type SyncPlan } from '../db';
import { ControllerRegistry, DocumentStore, type Controller } from '../document';
import { MetaError, type MetaProblem } from '../errors';
import { loadDocTypes, type DocTypeDef, type DocTypeSource, type MetaRegistry } from '../meta';
import { createReportRunner, ReportRegistry, type ReportDefinition, type ReportEnvironment, type ReportRunner } from '../reports';
import { installDefaults } from './defaults';
import { syncDocTypeRecords } from './doctype-records';
import { installAppFixtures } from './fixtures';

export { defineFixtures, type FixtureRecord } from './fixtures';

export interface Site {
  readonly config: SiteConfig;
  readonly registry: MetaRegistry;
  /** Problems that did not stop loading (features not implemented, unknown references in display keys). */
  readonly warnings: MetaProblem[];
  readonly db: Database;
  readonly controllers: ControllerRegistry;
  /** The document API acting as Administrator with no permission checks (trusted callers only). */
  readonly documents: DocumentStore;
  readonly reports: ReportRegistry;
  /** Runs report queries within their time budgets (worker threads on a SQLite file). */
  readonly reportRunner: ReportRunner;
  close(): Promise<void>;
}

export interface OpenSiteOptions {
  /** DocTypes given as objects rather than files (tests). */
  extraDoctypes?: { app: string; def: DocTypeDef }[];
  /** Controllers given as objects rather than modules beside the JSON (tests). */
  extraControllers?: Record<string, Controller>;
  /** Reports given as definitions rather than modules (tests). */
  extraReports?: ReportDefinition[];
}

/** The apps' report folders, then TABULA_REPORT_PATHS. */
export function reportFolders(config: SiteConfig): string[] {
  return [...config.apps.flatMap((app) => (APP_REPORT_FOLDERS[app] ? [APP_REPORT_FOLDERS[app]] : [])), ...config.reportPaths];
}

/** What the report engine needs from a site. */
export function reportEnvironment(site: Site): ReportEnvironment {
  return { registry: site.registry, reports: site.reports, db: site.db, runner: site.reportRunner, defaultTimeout: site.config.reportTimeout };
}

export function doctypeSources(config: SiteConfig): DocTypeSource[] {
  const sources: DocTypeSource[] = [];
  for (const app of config.apps) {
    const folder = APP_FOLDERS[app];
    if (!folder) throw new Error(`TABULA_APPS names an unknown app "${app}" (known: ${Object.keys(APP_FOLDERS).join(', ')})`);
    sources.push({ app, folder });
  }
  for (const folder of config.doctypePaths) sources.push({ app: 'paths', folder });
  return sources;
}

/** Loads and checks every DocType; refuses (MetaError) if any file has an error. */
export function loadSiteMeta(config: SiteConfig, options: OpenSiteOptions = {}) {
  const result = loadDocTypes(doctypeSources(config), options.extraDoctypes ?? []);
  if (result.errors.length) throw new MetaError(result.errors);
  return result;
}

export async function openSite(config: SiteConfig, options: OpenSiteOptions = {}): Promise<Site> {
  const { registry, warnings } = loadSiteMeta(config, options);
  const controllers = await ControllerRegistry.load(registry.all(), options.extraControllers);
  const reports = await ReportRegistry.load(reportFolders(config), registry, options.extraReports);
  const db = await openDatabase(config.dbUrl);
  const reportRunner = createReportRunner(db);
  return {
    config,
    registry,
    warnings,
    db,
    controllers,
    documents: new DocumentStore(db.knex, registry, controllers),
    reports,
    reportRunner,
    async close() {
      await reportRunner.close();
      await db.close();
    },
  };
}

/** Brings the database in line with the DocTypes, then installs default records that are missing. */
export async function migrate(site: Site, log: SyncLogger = () => {}): Promise<SyncPlan> {
  const plan = await syncSchema(site.db, site.registry, log);
  await syncDocTypeRecords(site.db.knex, site.registry, log);
  await installDefaults(site, log);
  await installAppFixtures(site.documents, site.config.apps, log);
  return plan;
}
