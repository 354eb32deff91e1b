/**
 * Password hashing with scrypt (node:crypto), a deliberately slow, memory-hard hash. The stored form
 * names its parameters, `scrypt$N$r$p$<salt base64>$<hash base64>`, so they can be raised later while
 * old hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const COST = 16384; // N
const BLOCK_SIZE = 8; // r
const PARALLELISM = 1; // p
const SALT_BYTES = 16;
const KEY_BYTES = 64;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9][0-9]{0,7}$/;

export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return [SCHEME, COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `plain` is the password `stored` was made from; false for any malformed stored value. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (typeof plain !== 'string') return false;
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(plain, parsed.salt, parsed.hash.length, parsed.options);
  return timingSafeEqual(key, parsed.hash);
}

interface ParsedHash {
  options: { N: number; r: number; p: number };
  salt: Buffer;
  hash: Buffer;
}

/**
 * Reads a stored hash, refusing anything that is not one we could have written: parameters are bounded
 * so that a corrupted (or planted) row cannot make a single login attempt eat gigabytes of memory.
 */
function parseHash(stored: unknown): ParsedHash | undefined {
  if (typeof stored !== 'string') return undefined;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return undefined;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (![n, r, p].every((v) => DECIMAL.test(v)) || !BASE64.test(salt) || !BASE64.test(hash)) return undefined;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (options.N < 2 || options.N > 2 ** 20 || (options.N & (options.N - 1)) !== 0) return undefined;
  if (options.r > 32 || options.p > 16 || 128 * options.N * options.r > 256 * 1024 * 1024) return undefined;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < 8 || hashBytes.length < 16 || hashBytes.length > 256) return undefined;
  return { options, salt: saltBytes, hash: hashBytes };
}

function derive(plain: string, salt: Buffer, length: number, options: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes (per lane); allow that plus headroom over Node's 32 MB default.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 128 * options.N * options.r * options.p + 32 * 1024 * 1024 };
  // NFC: the same password typed on systems that compose accents differently hashes the same.
  return new Promise((resolve, reject) =>
    scrypt(plain.normalize('NFC'), salt, length, scryptOptions, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
