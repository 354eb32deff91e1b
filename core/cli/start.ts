/**
 * `tabula start [--demo]`: migrate the site (and seed demo data on a new one), then serve the HTTP API;
 * purge expired sessions hourly; run the apps' daily jobs now and every 24 hours (core/jobs).
 */
import { readConfig } from '../config';
import { maskUrl } from '../db';
import { createApiState, createServer } from '../api';
import { loadAppJobs, startScheduler } from '../jobs';
import { migrate, openSite } from '../site';
import { QUICK_START_DEMO, seedDemo } from './demo';

export async function startCommand(args: string[] = []): Promise<number> {
  const config = readConfig();
  const site = await openSite(config);
  await migrate(site, (line) => console.log(line));
  // `--demo` (the quick start): a new CRM site gets the small demo data set once.
  if (args.includes('--demo') && site.registry.has('Customer') && !(await site.db.knex('tabCustomer').first('name'))) await seedDemo(site, QUICK_START_DEMO);
  const state = createApiState(site);
  const app = createServer(site, state);
  // Sessions nobody comes back to are removed hourly (a returning one is checked when used).
  const purge = setInterval(() => void state.sessions.purgeExpired().catch((error) => console.error('[sessions] purge failed:', error)), 3600_000);
  purge.unref();
  const scheduler = startScheduler(site, await loadAppJobs(config.apps), { log: (line) => console.log(line) });
  await new Promise<void>((resolveListen) => {
    const server = app.listen(config.port, () => resolveListen());
    const stop = () => {
      scheduler.stop();
      server.close(() => void site.close().then(() => process.exit(0)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log(`Tabula is serving ${maskUrl(config.dbUrl)} at http://localhost:${config.port}`);
  return new Promise<number>(() => {}); // runs until stopped
}
