/**
 * `tabula doctor`: every problem in the DocType definitions (errors and warnings, with file and key),
 * then, if the database can be reached, what migrate would change and what it will not change on its
 * own (columns whose field was removed, type changes that need a data patch).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig } from '../config';
import { describeStep, maskUrl, openDatabase, parseDbUrl, planSync } from '../db';
import { formatMetaProblem } from '../errors';
import { loadDocTypes } from '../meta';
import { doctypeSources } from '../site';

export async function doctorCommand(): Promise<number> {
  const config = readConfig();
  const { registry, errors, warnings } = loadDocTypes(doctypeSources(config));
  console.log(`DocTypes: ${registry.size} loaded from ${config.apps.join(', ')}${config.doctypePaths.length ? ` and ${config.doctypePaths.join(', ')}` : ''}`);
  for (const problem of [...errors, ...warnings]) console.log(formatMetaProblem(problem));
  console.log(`${errors.length} errors, ${warnings.length} warnings`);
  if (errors.length) return 1;

  const missing = `Database ${maskUrl(config.dbUrl)} does not exist yet: tabula migrate creates it`;
  if (sqliteFileMissing(config.dbUrl)) {
    console.log(missing);
    return 0;
  }
  let db;
  try {
    db = await openDatabase(config.dbUrl, { createDatabase: false });
    const plan = await planSync(db, registry);
    console.log(`Database ${maskUrl(config.dbUrl)}: ${plan.steps.length} pending schema steps`);
    for (const step of plan.steps) console.log(`  pending: ${describeStep(step).replace('[sync] ', '')}`);
    for (const drift of plan.drift) console.log(`  ${drift.kind}: ${drift.table}.${drift.column} ${drift.detail}`);
  } catch (error) {
    // ER_BAD_DB_ERROR: MariaDB has no such database yet.
    console.log((error as { errno?: number }).errno === 1049 ? missing : `Database ${maskUrl(config.dbUrl)} not checked: ${(error as Error).message}`);
  } finally {
    await db?.close();
  }
  return 0;
}

/** doctor only reads: it must not create a SQLite file (opening one creates it). */
function sqliteFileMissing(url: string): boolean {
  try {
    const target = parseDbUrl(url);
    return target.dialect === 'sqlite' && target.filename !== ':memory:' && !existsSync(resolve(target.filename!));
  } catch {
    return false; // let openDatabase report the bad URL
  }
}
