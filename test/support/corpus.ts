/**
 * The ERPNext corpus site (../shared/compat/erpnext on a core-only site), started once per test run
 * and shared by the specs that use it: migrating its ~500 tables is the slow part (about 100 s on
 * MariaDB), so the API specs and the desk specs use one site. Closed after the whole run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestServer, type TestServer } from './api';

export const CORPUS = resolve(import.meta.dirname, '../../../shared/compat/erpnext');
export const corpusAvailable = existsSync(CORPUS);

let started: Promise<TestServer> | undefined;

export function corpusServer(): Promise<TestServer> {
  started ??= (async () => {
    const since = Date.now();
    const server = await startTestServer({ apps: ['core'], doctypePaths: [CORPUS], label: 'erpnext_corpus' });
    console.log(`      (load + migrate of ${server.site.registry.size} DocTypes: ${Date.now() - since} ms)`);
    return server;
  })();
  return started;
}

// A root hook: runs once after every spec file, whichever of them started the site.
after(async () => {
  if (started) await (await started).close();
});

/** Inserts a record unless one of that name exists (specs may run alone or after each other). */
export async function ensureRecord(server: TestServer, doctype: string, name: string, values: Record<string, unknown>): Promise<void> {
  if (!(await server.site.documents.exists(doctype, name))) await server.site.documents.insert(doctype, values);
}
