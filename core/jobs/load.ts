/** Finds each app's jobs in `fixtures/<app>/jobs.ts`, the way core/site/fixtures.ts finds its defaults. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { loadModule } from '../document';
import type { AppJob, Job } from './define';

export function jobsFile(app: string): string {
  return resolve(PROJECT_ROOT, 'fixtures', app, 'jobs.ts');
}

export async function loadAppJobs(apps: readonly string[]): Promise<AppJob[]> {
  const found: AppJob[] = [];
  for (const app of apps) {
    const file = jobsFile(app);
    if (!existsSync(file)) continue;
    const module = (await loadModule(file)) as { jobs?: Job[] };
    if (!Array.isArray(module.jobs)) throw new Error(`${file}: export const jobs = defineJobs([...]) is missing`);
    for (const job of module.jobs) {
      if (found.some((j) => j.app === app && j.name === job.name)) throw new Error(`${file}: job "${job.name}" is declared twice`);
      found.push({ ...job, app });
    }
  }
  return found;
}
