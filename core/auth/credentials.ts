/**
 * Secrets in `__Auth` (Frappe's table): one hash per (doctype, name, fieldname), never in the document
 * tables. User passwords are stored under doctype `User`, fieldname `password`.
 */
import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';

export const AUTH_TABLE = '__Auth';

const USER = 'User';
const PASSWORD = 'password';

/** Sets (or replaces) a user's password. An empty password is refused. */
export async function setPassword(k: Knex, user: string, plain: string): Promise<void> {
  if (typeof plain !== 'string' || plain === '') {
    const message = 'Password cannot be empty';
    throw new ValidationError(message, [{ fieldname: 'new_password', message }]);
  }
  await writeSecret(k, USER, user, PASSWORD, await hashPassword(plain));
}

/** True when `plain` is the user's password; false when it is not or the user has none. */
export async function checkPassword(k: Knex, user: string, plain: string): Promise<boolean> {
  return verifySecret(await readSecret(k, USER, user, PASSWORD), plain);
}

export async function hasPassword(k: Knex, user: string): Promise<boolean> {
  return (await readSecret(k, USER, user, PASSWORD)) !== undefined;
}

// ---- shared with api-keys and bootstrap ----

export async function readSecret(k: Knex, doctype: string, name: string, fieldname: string): Promise<string | undefined> {
  const row = (await k(AUTH_TABLE).where({ doctype, name, fieldname }).first('password')) as { password: string } | undefined;
  return row?.password;
}

/** Inserts or replaces the hash stored for (doctype, name, fieldname). */
export async function writeSecret(k: Knex, doctype: string, name: string, fieldname: string, hash: string): Promise<void> {
  await k(AUTH_TABLE).insert({ doctype, name, fieldname, password: hash, encrypted: 0 }).onConflict(['doctype', 'name', 'fieldname']).merge(['password', 'encrypted']);
}

/**
 * Stores the hash only if (doctype, name, fieldname) has none yet; true when this call's hash is the one
 * stored. Safe against a concurrent writer: whichever insert lands first wins, the other sees false.
 */
export async function writeSecretIfAbsent(k: Knex, doctype: string, name: string, fieldname: string, hash: string): Promise<boolean> {
  await k(AUTH_TABLE).insert({ doctype, name, fieldname, password: hash, encrypted: 0 }).onConflict(['doctype', 'name', 'fieldname']).ignore();
  return (await readSecret(k, doctype, name, fieldname)) === hash;
}

/**
 * Verifies `plain` against a stored hash. When there is none, a dummy hash is checked anyway so that
 * "no such user" takes as long as "wrong password" and response times do not reveal which users exist.
 */
export async function verifySecret(stored: string | undefined, plain: string): Promise<boolean> {
  if (stored === undefined) {
    await verifyPassword(typeof plain === 'string' ? plain : '', await dummyHash());
    return false;
  }
  return verifyPassword(plain, stored);
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not a password: equalises timing for unknown users');
  return dummy;
}
