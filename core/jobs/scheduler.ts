/**
 * The daily scheduler of `tabula start`: runs the apps' daily jobs once at start, then every 24 hours.
 * The timer is unref'd (it never keeps the process alive on its own), and a run still going when the
 * next one is due makes that one skip rather than overlap.
 */
import type { Site } from '../site';
import type { AppJob } from './define';
import { runJobs, type JobResult } from './run';

export const DAY_MS = 24 * 3600_000;

export interface Scheduler {
  /** The run started at start-up (tests wait for it). */
  readonly first: Promise<JobResult[]>;
  stop(): void;
}

export function startScheduler(site: Site, jobs: readonly AppJob[], options: { everyMs?: number; log?: (line: string) => void } = {}): Scheduler {
  const daily = jobs.filter((j) => j.frequency === 'daily');
  let running = false;
  const tick = async (): Promise<JobResult[]> => {
    if (running) return [];
    running = true;
    try {
      return await runJobs(site, daily, { log: options.log });
    } finally {
      running = false;
    }
  };
  const first = tick();
  const timer = setInterval(() => void tick(), options.everyMs ?? DAY_MS);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
