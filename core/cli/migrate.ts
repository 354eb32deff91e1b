/** `tabula migrate`: sync every table with its DocType and install default records. */
import { readConfig } from '../config';
import { maskUrl } from '../db';
import { formatMetaProblem } from '../errors';
import { migrate, openSite } from '../site';

export async function migrateCommand(): Promise<number> {
  const config = readConfig();
  const started = Date.now();
  const site = await openSite(config);
  try {
    console.log(`Migrating ${maskUrl(config.dbUrl)}: ${site.registry.size} DocTypes from ${config.apps.join(', ')}${config.doctypePaths.length ? ` and ${config.doctypePaths.join(', ')}` : ''}`);
    for (const warning of site.warnings) console.log(formatMetaProblem(warning));
    const plan = await migrate(site, (line) => console.log(line));
    console.log(`Migrated in ${Date.now() - started} ms: ${plan.steps.length} schema steps, ${plan.drift.length} differences left for you (see tabula doctor).`);
    return 0;
  } finally {
    await site.close();
  }
}
