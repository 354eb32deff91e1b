/**
 * API keys, as Frappe issues them: the key in `tabUser.api_key` (public, identifies the user), the
 * secret hashed in `__Auth` under fieldname `api_secret` and shown only once, when generated.
 * Clients send `Authorization: token <api_key>:<api_secret>`.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { DoesNotExistError } from '../errors';
import { readSecret, verifySecret, writeSecret } from './credentials';
import { hashPassword } from './passwords';
import { formatDatetime } from '../db';

const USER_TABLE = 'tabUser';
const API_SECRET = 'api_secret';

export interface ApiKeys {
  api_key: string;
  api_secret: string;
}

/**
 * Issues a new secret for `user` (the old one stops working) and returns it with the user's key. An
 * existing key is kept, as Frappe does, so only the secret has to be handed out again.
 */
export async function generateKeys(k: Knex, user: string): Promise<ApiKeys> {
  const row = (await k(USER_TABLE).where('name', user).first('name', 'api_key', 'modified')) as
    | { name: string; api_key: string | null; modified: string | null }
    | undefined;
  if (!row) throw new DoesNotExistError(`User ${user} not found`);
  let apiKey = row.api_key;
  if (!apiKey) {
    apiKey = randomHex(15);
    // A direct row change still moves `modified`, so a form opened before it cannot save over the key.
    await k(USER_TABLE).where('name', row.name).update({ api_key: apiKey, modified: nextModified(row.modified) });
  }
  const apiSecret = randomHex(15);
  await writeSecret(k, 'User', row.name, API_SECRET, await hashPassword(apiSecret));
  return { api_key: apiKey, api_secret: apiSecret };
}

/** The enabled user holding this key, if the secret is theirs; undefined otherwise. */
export async function userForApiKey(k: Knex, apiKey: string, apiSecret: string): Promise<string | undefined> {
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string' || !apiKey || !apiSecret) return undefined;
  const row = (await k(USER_TABLE).where({ api_key: apiKey, enabled: 1 }).first('name', 'api_key')) as { name: string; api_key: string } | undefined;
  // Keys compare exactly on both databases (MariaDB's collation would otherwise ignore case).
  const user = row && row.api_key === apiKey ? row.name : undefined;
  const stored = user === undefined ? undefined : await readSecret(k, 'User', user, API_SECRET);
  return (await verifySecret(stored, apiSecret)) ? user : undefined;
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Now in Frappe's timestamp format, strictly after `previous` (a save in the same millisecond). */
function nextModified(previous: string | null): string {
  const value = formatDatetime(new Date());
  if (!previous || value > previous) return value;
  const micros = Number(previous.slice(-6));
  return /^\d{6}$/.test(previous.slice(-6)) && micros < 999_999 ? `${previous.slice(0, -6)}${String(micros + 1).padStart(6, '0')}` : value;
}
