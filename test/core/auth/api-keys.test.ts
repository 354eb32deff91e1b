/** API keys: key on tabUser, hashed secret in __Auth, lookups refusing wrong secrets and disabled users. */
import { expect } from 'chai';
import { checkPassword, generateKeys, setPassword, userForApiKey, verifyPassword } from '../../../core/auth';
import { DoesNotExistError } from '../../../core/errors';
import { rejectsWith } from '../../support/reject';
import { createTestSite, type TestSite } from '../../support/site';

describe('auth: API keys', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'auth_api_keys' });
    await site.documents.insert('User', { email: 'a@example.com', first_name: 'A' });
    await site.documents.insert('User', { email: 'b@example.com', first_name: 'B' });
  });
  after(() => site.destroy());

  const k = () => site.db.knex;
  const apiKeyOf = async (user: string) => ((await k()('tabUser').where('name', user).first('api_key')) as { api_key: string | null }).api_key;
  const secretRows = async (user: string) => (await k()('__Auth').where({ doctype: 'User', name: user, fieldname: 'api_secret' })) as { password: string }[];

  it('generates a 15-hex-character key on the user and a 15-hex-character secret; the pair finds the user', async () => {
    expect(await apiKeyOf('a@example.com')).to.equal(null);
    const keys = await generateKeys(k(), 'a@example.com');
    expect(keys.api_key).to.match(/^[0-9a-f]{15}$/);
    expect(keys.api_secret).to.match(/^[0-9a-f]{15}$/);
    expect(await apiKeyOf('a@example.com')).to.equal(keys.api_key);
    expect((await site.documents.get('User', 'a@example.com')).api_key).to.equal(keys.api_key);
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal('a@example.com');
  });

  it('stores the secret only as a hash', async () => {
    const keys = await generateKeys(k(), 'b@example.com');
    const rows = await secretRows('b@example.com');
    expect(rows).to.have.length(1);
    expect(rows[0]!.password).to.match(/^scrypt\$/);
    expect(rows[0]!.password).to.not.include(keys.api_secret);
    expect(await verifyPassword(keys.api_secret, rows[0]!.password)).to.equal(true);
    const everything = JSON.stringify([await k()('__Auth'), await k()('tabUser')]);
    expect(everything).to.not.include(keys.api_secret);
  });

  it('refuses a wrong secret, another user\'s secret, an unknown key and empty values', async () => {
    const a = await generateKeys(k(), 'a@example.com');
    const b = await generateKeys(k(), 'b@example.com');
    expect(await userForApiKey(k(), a.api_key, a.api_secret.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).to.equal(undefined);
    expect(await userForApiKey(k(), a.api_key, b.api_secret)).to.equal(undefined);
    expect(await userForApiKey(k(), 'fffffffffffffff', a.api_secret)).to.equal(undefined);
    expect(await userForApiKey(k(), a.api_key, '')).to.equal(undefined);
    expect(await userForApiKey(k(), '', '')).to.equal(undefined);
    // The key compares exactly, also on MariaDB, whose collation ignores case.
    expect(await userForApiKey(k(), a.api_key.toUpperCase(), a.api_secret)).to.equal(a.api_key === a.api_key.toUpperCase() ? 'a@example.com' : undefined);
    expect(await userForApiKey(k(), b.api_key, b.api_secret)).to.equal('b@example.com');
  });

  it('does not confuse the API secret with the login password', async () => {
    const keys = await generateKeys(k(), 'a@example.com');
    await setPassword(k(), 'a@example.com', 'login-pw');
    expect(await checkPassword(k(), 'a@example.com', keys.api_secret)).to.equal(false);
    expect(await userForApiKey(k(), keys.api_key, 'login-pw')).to.equal(undefined);
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal('a@example.com');
  });

  it('regenerating keeps the key, issues a new secret and invalidates the old one', async () => {
    const first = await generateKeys(k(), 'a@example.com');
    const second = await generateKeys(k(), 'a@example.com');
    expect(second.api_key).to.equal(first.api_key);
    expect(second.api_secret).to.not.equal(first.api_secret);
    expect(await userForApiKey(k(), first.api_key, first.api_secret)).to.equal(undefined);
    expect(await userForApiKey(k(), second.api_key, second.api_secret)).to.equal('a@example.com');
    expect(await secretRows('a@example.com')).to.have.length(1);
  });

  it('moves modified when it writes a new key, so a form loaded before cannot save over it', async () => {
    await site.documents.insert('User', { email: 'm@example.com', first_name: 'M' });
    const before = await site.documents.get('User', 'm@example.com');
    await generateKeys(k(), 'm@example.com');
    const after = await site.documents.get('User', 'm@example.com');
    expect(String(after.modified) > String(before.modified), `${after.modified} > ${before.modified}`).to.equal(true);
    // Regenerating only replaces the secret: the user row is left alone.
    await generateKeys(k(), 'm@example.com');
    expect((await site.documents.get('User', 'm@example.com')).modified).to.equal(after.modified);
  });

  it('refuses a disabled user, and finds them again once re-enabled', async () => {
    await site.documents.insert('User', { email: 'd@example.com', first_name: 'D' });
    const keys = await generateKeys(k(), 'd@example.com');
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal('d@example.com');
    await site.documents.save('User', 'd@example.com', { enabled: 0 });
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal(undefined);
    await site.documents.save('User', 'd@example.com', { enabled: 1 });
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal('d@example.com');
  });

  it('throws DoesNotExistError for an unknown user and stores nothing', async () => {
    const error = await rejectsWith(generateKeys(k(), 'ghost@example.com'), DoesNotExistError);
    expect(error.httpStatus).to.equal(404);
    expect(await secretRows('ghost@example.com')).to.have.length(0);
  });

  it('works for the built-in Administrator', async () => {
    const keys = await generateKeys(k(), 'Administrator');
    expect(await userForApiKey(k(), keys.api_key, keys.api_secret)).to.equal('Administrator');
  });
});
