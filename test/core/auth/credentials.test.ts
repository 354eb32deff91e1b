/** User passwords in __Auth: set, check, overwrite, refusal of empty ones, and the Administrator bootstrap. */
import { expect } from 'chai';
import { checkPassword, ensureAdministratorPassword, hasPassword, setPassword, verifyPassword } from '../../../core/auth';
import { ValidationError } from '../../../core/errors';
import { rejectsWith } from '../../support/reject';
import { createTestSite, type TestSite } from '../../support/site';

describe('auth: credentials', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ label: 'auth_credentials' });
  });
  after(() => site.destroy());

  const k = () => site.db.knex;
  const authRows = async (name: string) =>
    (await k()('__Auth').where('name', name).orderBy('fieldname')) as { doctype: string; name: string; fieldname: string; password: string; encrypted: number }[];

  describe('setPassword / checkPassword / hasPassword', () => {
    it('a user without a row has no password, and no password checks true for them', async () => {
      expect(await hasPassword(k(), 'nobody@example.com')).to.equal(false);
      expect(await checkPassword(k(), 'nobody@example.com', '')).to.equal(false);
      expect(await checkPassword(k(), 'nobody@example.com', 'anything')).to.equal(false);
    });

    it('stores a hash under (User, name, password) and checks the password against it', async () => {
      await setPassword(k(), 'ann@example.com', 'first-Passw0rd');
      const rows = await authRows('ann@example.com');
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ doctype: 'User', name: 'ann@example.com', fieldname: 'password' });
      expect(Number(rows[0]!.encrypted)).to.equal(0);
      expect(rows[0]!.password).to.match(/^scrypt\$16384\$8\$1\$/);
      expect(rows[0]!.password).to.not.include('first-Passw0rd');
      expect(await verifyPassword('first-Passw0rd', rows[0]!.password)).to.equal(true);
      expect(await hasPassword(k(), 'ann@example.com')).to.equal(true);
      expect(await checkPassword(k(), 'ann@example.com', 'first-Passw0rd')).to.equal(true);
      expect(await checkPassword(k(), 'ann@example.com', 'first-passw0rd')).to.equal(false);
    });

    it('overwrites: the new password works, the old one no longer does, still one row', async () => {
      await setPassword(k(), 'bob@example.com', 'old one');
      await setPassword(k(), 'bob@example.com', 'new one');
      expect(await checkPassword(k(), 'bob@example.com', 'new one')).to.equal(true);
      expect(await checkPassword(k(), 'bob@example.com', 'old one')).to.equal(false);
      expect(await authRows('bob@example.com')).to.have.length(1);
    });

    it('keeps each user apart', async () => {
      await setPassword(k(), 'cat@example.com', 'cat-pw');
      await setPassword(k(), 'dan@example.com', 'dan-pw');
      expect(await checkPassword(k(), 'cat@example.com', 'dan-pw')).to.equal(false);
      expect(await checkPassword(k(), 'dan@example.com', 'dan-pw')).to.equal(true);
    });

    it('refuses an empty password with a ValidationError on new_password, leaving the old one in place', async () => {
      await setPassword(k(), 'eve@example.com', 'keep me');
      const error = await rejectsWith(setPassword(k(), 'eve@example.com', ''), ValidationError);
      expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['new_password']);
      expect(error.httpStatus).to.equal(417);
      expect(await checkPassword(k(), 'eve@example.com', 'keep me')).to.equal(true);
      await rejectsWith(setPassword(k(), 'new@example.com', ''), ValidationError);
      expect(await hasPassword(k(), 'new@example.com')).to.equal(false);
    });

    it('finds a user name without regard to case on both databases, as tabUser does', async () => {
      await setPassword(k(), 'Fay@Example.com', 'fay-pw');
      expect(await checkPassword(k(), 'fay@example.com', 'fay-pw')).to.equal(true);
      await setPassword(k(), 'FAY@EXAMPLE.COM', 'fay-pw-2');
      expect(await authRows('fay@example.com')).to.have.length(1);
      expect(await checkPassword(k(), 'Fay@Example.com', 'fay-pw-2')).to.equal(true);
    });
  });

  describe('ensureAdministratorPassword', () => {
    beforeEach(async () => {
      await k()('__Auth').where({ doctype: 'User', name: 'Administrator' }).delete();
    });

    it('sets the configured password and reports nothing generated', async () => {
      expect(await ensureAdministratorPassword(k(), 'configured-pw')).to.deep.equal({});
      expect(await checkPassword(k(), 'Administrator', 'configured-pw')).to.equal(true);
    });

    it('generates a 16-character password when none is configured, and returns it once', async () => {
      for (const configured of [undefined, '']) {
        await k()('__Auth').where({ doctype: 'User', name: 'Administrator' }).delete();
        const { generated } = await ensureAdministratorPassword(k(), configured);
        expect(generated).to.be.a('string').and.match(/^[A-Za-z0-9_-]{16}$/);
        expect(await checkPassword(k(), 'Administrator', generated!)).to.equal(true);
        expect(await ensureAdministratorPassword(k(), undefined)).to.deep.equal({});
      }
    });

    it('never overwrites an existing password, configured or not', async () => {
      await setPassword(k(), 'Administrator', 'chosen by the admin');
      expect(await ensureAdministratorPassword(k(), 'from config')).to.deep.equal({});
      expect(await ensureAdministratorPassword(k(), undefined)).to.deep.equal({});
      expect(await checkPassword(k(), 'Administrator', 'chosen by the admin')).to.equal(true);
      expect(await checkPassword(k(), 'Administrator', 'from config')).to.equal(false);
    });

    it('two concurrent calls leave exactly one password, and exactly one of them reports it', async () => {
      const results = await Promise.all([ensureAdministratorPassword(k(), undefined), ensureAdministratorPassword(k(), undefined)]);
      const generated = results.map((r) => r.generated).filter((g): g is string => g !== undefined);
      expect(generated).to.have.length(1);
      expect(await checkPassword(k(), 'Administrator', generated[0]!)).to.equal(true);
      expect(await authRows('Administrator')).to.have.length(1);
    });
  });
});
