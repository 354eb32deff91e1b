/**
 * Runs jobs one after another. A failing job is logged and reported, and the others still run: one
 * broken job must not stop the rest of the day's work.
 */
import { todayDate } from '../document';
import type { Site } from '../site';
import type { AppJob } from './define';

export interface JobResult {
  job: string;
  ok: boolean;
  /** The job's own summary, or the error's message. */
  message: string;
  ms: number;
}

export async function runJobs(site: Site, jobs: readonly AppJob[], options: { today?: string; log?: (line: string) => void } = {}): Promise<JobResult[]> {
  const log = options.log ?? (() => {});
  const today = options.today ?? todayDate();
  const results: JobResult[] = [];
  for (const job of jobs) {
    const label = `${job.app}: ${job.name}`;
    const started = performance.now();
    try {
      const message = (await job.run({ site, today })) ?? 'done';
      const ms = Math.round(performance.now() - started);
      results.push({ job: label, ok: true, message, ms });
      log(`[jobs] ${label}: ${message} (${ms} ms)`);
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const message = error instanceof Error ? error.message : String(error);
      results.push({ job: label, ok: false, message, ms });
      log(`[jobs] ${label} failed: ${message}`);
    }
  }
  return results;
}
