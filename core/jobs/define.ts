/**
 * Scheduled jobs, as Frappe's scheduler_events: an app declares them in `fixtures/<app>/jobs.ts`
 * (`export const jobs = defineJobs([...])`), beside its default records. Only daily jobs exist today.
 */
import type { Site } from '../site';

export interface JobContext {
  site: Site;
  /** The site's date the job runs for (YYYY-MM-DD): today, unless a caller (a test) says otherwise. */
  today: string;
}

export interface Job {
  /** Unique within its app, e.g. `quotation.set_expired_status`. */
  name: string;
  frequency: 'daily';
  /** What it did, in a few words for the log ("3 quotations expired"). */
  run(ctx: JobContext): Promise<string | void>;
}

/** A job as the scheduler knows it: with the app that declared it. */
export interface AppJob extends Job {
  app: string;
}

export function defineJobs(jobs: Job[]): Job[] {
  return jobs;
}
