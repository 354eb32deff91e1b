/** `tabula start`: migrate the site, then serve the HTTP API. */
import { readConfig } from '../config';
import { maskUrl } from '../db';
import { createServer } from '../api';
import { migrate, openSite } from '../site';

export async function startCommand(): Promise<number> {
  const config = readConfig();
  const site = await openSite(config);
  await migrate(site, (line) => console.log(line));
  const app = createServer(site);
  await new Promise<void>((resolveListen) => {
    const server = app.listen(config.port, () => resolveListen());
    const stop = () => server.close(() => void site.close().then(() => process.exit(0)));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log(`Tabula is serving ${maskUrl(config.dbUrl)} at http://localhost:${config.port}`);
  return new Promise<number>(() => {}); // runs until stopped
}
