/**
 * App fixtures: the default records an app installs when a site is migrated (tree roots, stages,
 * roles ...). Each app may ship `fixtures/<app>/defaults.ts` exporting `records`, in install order
 * (tree parents before children). A record is inserted only when its name is not taken yet, so
 * migrate can run any number of times and never overwrites what users changed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { SyncLogger } from '../db';
import { loadModule, type DocumentStore } from '../document';

export interface FixtureRecord {
  doctype: string;
  /** The name the record gets (checked before inserting). */
  name: string;
  values: Record<string, unknown>;
}

export function defineFixtures(records: FixtureRecord[]): FixtureRecord[] {
  return records;
}

export function fixtureFile(app: string): string {
  return resolve(PROJECT_ROOT, 'fixtures', app, 'defaults.ts');
}

export async function installAppFixtures(documents: DocumentStore, apps: readonly string[], log: SyncLogger): Promise<number> {
  let installed = 0;
  for (const app of apps) {
    const file = fixtureFile(app);
    if (!existsSync(file)) continue;
    const module = (await loadModule(file)) as { records?: FixtureRecord[] };
    if (!Array.isArray(module.records)) throw new Error(`${file}: export const records = defineFixtures([...]) is missing`);
    for (const record of module.records) {
      if (await documents.exists(record.doctype, record.name)) continue;
      await documents.insert(record.doctype, record.values);
      installed++;
    }
    if (installed) log(`[defaults] ${app}: ${installed} records`);
  }
  return installed;
}
