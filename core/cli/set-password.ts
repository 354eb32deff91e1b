/** `tabula set-password <user> <password>`: sets a user's login password (e.g. a lost Administrator one). */
import { setPassword } from '../auth';
import { readConfig } from '../config';
import { openSite } from '../site';

export async function setPasswordCommand(args: string[]): Promise<number> {
  const [user, password] = args;
  if (!user || !password) {
    console.error('Usage: tabula set-password <user> <password>');
    return 1;
  }
  const site = await openSite(readConfig());
  try {
    if (!(await site.documents.exists('User', user))) {
      console.error(`No user "${user}" on this site (run "tabula migrate" first for Administrator)`);
      return 1;
    }
    await setPassword(site.db.knex, user, password);
    console.log(`Password set for ${user}`);
    return 0;
  } finally {
    await site.close();
  }
}
