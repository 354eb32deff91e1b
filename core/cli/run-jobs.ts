/**
 * `tabula run-jobs [--job <name>] [--today YYYY-MM-DD]`: runs the apps' scheduled jobs now, once (what
 * `tabula start` runs daily), e.g. from cron on a site served some other way. Exit code 1 if a job fails.
 */
import { readConfig } from '../config';
import { loadAppJobs, runJobs } from '../jobs';
import { openSite } from '../site';
import { dateOption, option } from './options';

export async function runJobsCommand(args: string[]): Promise<number> {
  const config = readConfig();
  const wanted = option(args, 'job');
  const today = dateOption(args, 'today');
  const jobs = (await loadAppJobs(config.apps)).filter((job) => wanted === undefined || job.name === wanted);
  if (wanted !== undefined && jobs.length === 0) {
    console.error(`No job named "${wanted}" in the apps ${config.apps.join(', ')}`);
    return 1;
  }
  const site = await openSite(config);
  try {
    const results = await runJobs(site, jobs, { today, log: (line) => console.log(line) });
    if (results.length === 0) console.log('[jobs] no jobs to run');
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await site.close();
  }
}
