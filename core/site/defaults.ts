/** Records every site needs, installed by migrate when missing: the built-in users and roles, the Administrator's password. */
import { ensureAdministratorPassword } from '../auth';
import type { SyncLogger } from '../db';
import type { Site } from './index';

const ROLES = ['Administrator', 'System Manager', 'All', 'Guest', 'Desk User'];
const USERS = [
  { __newname: 'Administrator', email: 'admin@example.com', first_name: 'Administrator', roles: [{ role: 'Administrator' }, { role: 'System Manager' }] },
  { __newname: 'Guest', email: 'guest@example.com', first_name: 'Guest', user_type: 'Website User', roles: [{ role: 'Guest' }] },
];

export async function installDefaults(site: Site, log: SyncLogger): Promise<void> {
  const { documents, registry } = site;
  if (registry.has('Role'))
    for (const role of ROLES)
      if (!(await documents.exists('Role', role))) {
        await documents.insert('Role', { role_name: role });
        log(`[defaults] role ${role}`);
      }
  if (registry.has('User'))
    for (const user of USERS)
      if (!(await documents.exists('User', user.__newname))) {
        await documents.insert('User', user);
        log(`[defaults] user ${user.__newname}`);
      }
  if (registry.has('User')) {
    const { generated } = await ensureAdministratorPassword(site.db.knex, site.config.adminPassword);
    if (generated) log(`[defaults] Administrator password (shown once; set TABULA_ADMIN_PASSWORD to choose it): ${generated}`);
  }
}
