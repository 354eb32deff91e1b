export { defineJobs, type AppJob, type Job, type JobContext } from './define';
export { jobsFile, loadAppJobs } from './load';
export { runJobs, type JobResult } from './run';
export { DAY_MS, startScheduler, type Scheduler } from './scheduler';
