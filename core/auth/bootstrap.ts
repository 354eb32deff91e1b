/**
 * The first login: Administrator gets the configured password, or a generated one that the caller
 * prints once. A password already set is never replaced (not even by a changed configuration).
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { hasPassword, writeSecretIfAbsent } from './credentials';
import { hashPassword } from './passwords';

const ADMINISTRATOR = 'Administrator';

export async function ensureAdministratorPassword(k: Knex, configured: string | undefined): Promise<{ generated?: string }> {
  if (await hasPassword(k, ADMINISTRATOR)) return {};
  const generated = configured ? undefined : randomBytes(12).toString('base64url'); // 16 characters
  const password = configured || generated!;
  // Insert-if-absent: two processes starting at once cannot both think they set it.
  const stored = await writeSecretIfAbsent(k, 'User', ADMINISTRATOR, 'password', await hashPassword(password));
  return stored && generated ? { generated } : {};
}
