/** scrypt password hashes: the stored format, round trips, salting, and refusal of malformed values. */
import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../../core/auth';

describe('auth: password hashing', () => {
  it('stores scrypt with its parameters, a 16-byte salt and a 64-byte key, and verifies the password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, n, r, p, rest.length]).to.deep.equal(['scrypt', '16384', '8', '1', 0]);
    expect(Buffer.from(salt!, 'base64')).to.have.length(16);
    expect(Buffer.from(hash!, 'base64')).to.have.length(64);
    expect(stored).to.not.include('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).to.equal(true);
  });

  it('refuses a wrong password, including one differing only in case or by a trailing space', async () => {
    const stored = await hashPassword('Secret-1');
    expect(await verifyPassword('Secret-2', stored)).to.equal(false);
    expect(await verifyPassword('secret-1', stored)).to.equal(false);
    expect(await verifyPassword('Secret-1 ', stored)).to.equal(false);
    expect(await verifyPassword('', stored)).to.equal(false);
  });

  it('salts every hash: the same password twice gives different values, both of which verify', async () => {
    const [a, b] = [await hashPassword('same'), await hashPassword('same')];
    expect(a).to.not.equal(b);
    expect(a.split('$')[4]).to.not.equal(b.split('$')[4]);
    expect([await verifyPassword('same', a), await verifyPassword('same', b)]).to.deep.equal([true, true]);
  });

  it('verifies hashes made with other (bounded) parameters, so they can be changed later', async () => {
    // Made with N=1024, r=8, p=1, a 64-byte key: scryptSync('legacy', Buffer.alloc(16, 7), 64, { N: 1024 }).
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const stored = `scrypt$1024$8$1$${salt.toString('base64')}$${scryptSync('legacy', salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64')}`;
    expect(await verifyPassword('legacy', stored)).to.equal(true);
    expect(await verifyPassword('legacy!', stored)).to.equal(false);
  });

  it('answers false, never throws, for malformed stored values', async () => {
    const good = await hashPassword('pw');
    const parts = good.split('$');
    const malformed = [
      '',
      'pw',
      'scrypt',
      'bcrypt$16384$8$1$' + parts.slice(4).join('$'),
      parts.slice(0, 5).join('$'), // no hash
      [...parts, 'extra'].join('$'),
      ['scrypt', 'x', '8', '1', parts[4], parts[5]].join('$'), // N not a number
      ['scrypt', '1000', '8', '1', parts[4], parts[5]].join('$'), // N not a power of two
      ['scrypt', String(2 ** 24), '8', '1', parts[4], parts[5]].join('$'), // N too large (memory)
      ['scrypt', '16384', '8', '1', '!!not base64!!', parts[5]].join('$'),
      ['scrypt', '16384', '8', '1', parts[4], 'AAAA'].join('$'), // hash too short
      ['scrypt', '16384', '8', '1', parts[4], parts[5]!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))].join('$'), // tampered hash
      null as unknown as string,
      undefined as unknown as string,
    ];
    for (const stored of malformed) expect(await verifyPassword('pw', stored), String(stored)).to.equal(false);
    expect(await verifyPassword('pw', good)).to.equal(true);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).to.equal(true);
  });
});
