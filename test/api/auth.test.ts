/**
 * Authentication over real HTTP: password login (JSON and form bodies) with Frappe's answer and
 * cookies, sessions by cookie or `sid` parameter, logout, the CSRF rule for cookie sessions, API keys
 * in `token` and `Basic` headers, key generation, and the login and request rate limits.
 */
import { expect } from 'chai';
import { setPassword } from '../../core/auth';
import { startTestServer, TEST_PASSWORD, type ApiClient, type TestServer } from '../support/api';
import { API_DOCTYPES } from '../fixtures/api/doctypes';
import { expectError, ok, resourcePath, rowCount } from '../fixtures/api/support';

const CUSTOMER = 'API Customer';

interface Cookie {
  name: string;
  value: string;
  attributes: string[];
}

function cookiesOf(response: Response): Map<string, Cookie> {
  const cookies = new Map<string, Cookie>();
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    cookies.set(name, { name, value: decodeURIComponent(pair!.slice(eq + 1)), attributes: attributes.map((a) => a.toLowerCase()) });
  }
  return cookies;
}

describe('api: authentication', function () {
  this.timeout(60_000);
  let server: TestServer;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.base}${path}`, { headers });
  const loggedUser = async (headers: Record<string, string>, query = '') => {
    const response = await get(`/api/method/frappe.auth.get_logged_user${query}`, headers);
    return { status: response.status, body: (await response.json()) as { message?: string; exc_type?: string } };
  };
  const sessionCookie = (response: Response) => `sid=${cookiesOf(response).get('sid')!.value}`;

  before(async () => {
    server = await startTestServer({ doctypes: API_DOCTYPES, label: 'api_auth' });
    await server.site.documents.insert('User', { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', username: 'ada' });
    await setPassword(server.site.db.knex, 'ada@example.com', TEST_PASSWORD);
    await server.site.documents.insert('User', { email: 'web@example.com', first_name: 'Web', user_type: 'Website User' });
    await setPassword(server.site.db.knex, 'web@example.com', TEST_PASSWORD);
    await server.site.documents.insert('User', { email: 'off@example.com', first_name: 'Off', enabled: 0 });
    await setPassword(server.site.db.knex, 'off@example.com', TEST_PASSWORD);
  });
  after(() => server.close());

  describe('login', () => {
    it('answers Frappe\'s login message with the CSRF token and sets the session cookies', async () => {
      const response = await post('/api/method/login', { usr: 'ada@example.com', pwd: TEST_PASSWORD });
      expect(response.status).to.equal(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).to.include({ message: 'Logged In', home_page: '/app', full_name: 'Ada Lovelace' });
      expect(body.csrf_token).to.be.a('string').with.length.greaterThan(20);
      const cookies = cookiesOf(response);
      const sid = cookies.get('sid')!;
      expect(sid.value).to.match(/^[0-9a-f]{64}$/);
      expect(sid.attributes).to.include.members(['httponly', 'samesite=lax', 'path=/']);
      expect(cookies.get('user_id')).to.include({ value: 'ada@example.com' });
      expect(cookies.get('full_name')).to.include({ value: 'Ada Lovelace' });
      expect(cookies.get('system_user')).to.include({ value: 'yes' });
      for (const readable of ['user_id', 'full_name', 'system_user']) expect(cookies.get(readable)!.attributes, readable).to.not.include('httponly');
      const stored = await server.site.db.knex('tabSessions').where('sid', sid.value).first('user', 'csrf_token');
      expect(stored).to.deep.equal({ user: 'ada@example.com', csrf_token: body.csrf_token });
    });

    it('accepts a form-encoded body', async () => {
      const response = await fetch(`${server.base}/api/method/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ usr: 'ada@example.com', pwd: TEST_PASSWORD }).toString(),
      });
      expect(response.status).to.equal(200);
      expect(((await response.json()) as { message: string }).message).to.equal('Logged In');
      expect((await loggedUser({ Cookie: sessionCookie(response) })).body.message).to.equal('ada@example.com');
    });

    it('accepts the email or the username as the login name', async () => {
      const byEmail = await post('/api/method/login', { usr: 'admin@example.com', pwd: TEST_PASSWORD });
      expect(byEmail.status).to.equal(200);
      expect((await loggedUser({ Cookie: sessionCookie(byEmail) })).body.message).to.equal('Administrator');
      const byUsername = await post('/api/method/login', { usr: 'ada', pwd: TEST_PASSWORD });
      expect(byUsername.status).to.equal(200);
      expect(cookiesOf(byUsername).get('user_id')!.value).to.equal('ada@example.com');
    });

    it('a Website User lands on /me and is not a system user', async () => {
      const response = await post('/api/method/login', { usr: 'web@example.com', pwd: TEST_PASSWORD });
      expect(((await response.json()) as { home_page: string }).home_page).to.equal('/me');
      expect(cookiesOf(response).get('system_user')!.value).to.equal('no');
    });

    it('a wrong password, an unknown user and a disabled user all get the same 401, and no session', async () => {
      const sessionsBefore = await rowCount(server.site, 'Sessions');
      const messages: string[] = [];
      for (const [usr, pwd] of [
        ['ada@example.com', 'wrong password'],
        ['nobody@example.com', TEST_PASSWORD],
        ['off@example.com', TEST_PASSWORD],
        ['Guest', 'any password'],
      ]) {
        const response = await post('/api/method/login', { usr, pwd });
        expect(response.status, usr).to.equal(401);
        const body = (await response.json()) as { exc_type: string; message: string };
        expect(body.exc_type).to.equal('AuthenticationError');
        messages.push(body.message);
        expect(cookiesOf(response).has('sid'), usr).to.equal(false);
      }
      expect(new Set(messages.slice(0, 3)).size, messages.join(' | ')).to.equal(1);
      expect(await rowCount(server.site, 'Sessions')).to.equal(sessionsBefore);
    });

    it('without usr or pwd is a 417, never a 500', async () => {
      for (const body of [{}, { usr: 'ada@example.com' }, { pwd: TEST_PASSWORD }, { usr: ['ada@example.com'], pwd: TEST_PASSWORD }, { usr: 'ada@example.com', pwd: { a: 1 } }]) {
        const response = await post('/api/method/login', body);
        expect(response.status, JSON.stringify(body)).to.equal(417);
      }
    });
  });

  describe('sessions', () => {
    it('get_logged_user answers the session\'s user, the API key\'s user, or Guest', async () => {
      const session = await server.login('ada@example.com', TEST_PASSWORD);
      expect(ok(await session.get('/api/method/frappe.auth.get_logged_user'))).to.deep.equal({ message: 'ada@example.com' });
      const token = await server.tokenClient('ada@example.com');
      expect(ok(await token.get('/api/method/frappe.auth.get_logged_user'))).to.deep.equal({ message: 'ada@example.com' });
      expect(ok(await server.guest.get('/api/method/frappe.auth.get_logged_user'))).to.deep.equal({ message: 'Guest' });
    });

    it('accepts sid as a query parameter', async () => {
      const response = await post('/api/method/login', { usr: 'ada@example.com', pwd: TEST_PASSWORD });
      const sid = cookiesOf(response).get('sid')!.value;
      expect((await loggedUser({}, `?sid=${sid}`)).body.message).to.equal('ada@example.com');
      expect((await loggedUser({}, '?sid=not-a-session')).body.message).to.equal('Guest');
    });

    it('an unknown sid cookie is Guest, and the answer clears the cookie', async () => {
      const response = await get('/api/method/frappe.auth.get_logged_user', { Cookie: `sid=${'ab'.repeat(32)}` });
      expect(((await response.json()) as { message: string }).message).to.equal('Guest');
      expect(cookiesOf(response).get('sid')!.value).to.equal('Guest');
    });

    it('logout ends the session: the old sid is Guest afterwards and the cookies are cleared', async () => {
      const login = await post('/api/method/login', { usr: 'ada@example.com', pwd: TEST_PASSWORD });
      const { csrf_token } = (await login.json()) as { csrf_token: string };
      const cookie = sessionCookie(login);
      const sid = cookie.slice(4);
      expect((await loggedUser({ Cookie: cookie })).body.message).to.equal('ada@example.com');
      const logout = await post('/api/method/logout', {}, { Cookie: cookie, 'X-Frappe-CSRF-Token': csrf_token });
      expect(logout.status).to.equal(200);
      expect(await logout.json()).to.deep.equal({});
      const cleared = cookiesOf(logout);
      expect(cleared.get('sid')!.value).to.equal('Guest');
      expect(cleared.get('user_id')!.value).to.equal('Guest');
      expect((await loggedUser({ Cookie: cookie })).body.message).to.equal('Guest');
      expect(await server.site.db.knex('tabSessions').where('sid', sid)).to.deep.equal([]);
    });

    it('a session of a user disabled since login is refused with 401 and ended', async () => {
      await server.createUser('later-off@example.com');
      const client = await server.login('later-off@example.com', TEST_PASSWORD);
      expect(ok(await client.get('/api/method/frappe.auth.get_logged_user')).message).to.equal('later-off@example.com');
      await server.site.documents.save('User', 'later-off@example.com', { enabled: 0 });
      expectError(await client.get('/api/method/frappe.auth.get_logged_user'), 401, 'AuthenticationError');
      expect(await server.site.db.knex('tabSessions').where('user', 'later-off@example.com')).to.deep.equal([]);
    });
  });

  describe('CSRF', () => {
    let cookie: string;
    let csrf: string;
    before(async () => {
      const login = await post('/api/method/login', { usr: 'Administrator', pwd: TEST_PASSWORD });
      csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
      cookie = sessionCookie(login);
    });

    it('an unsafe request on a cookie session without the token answers 400 CSRFTokenError and writes nothing', async () => {
      const before = await rowCount(server.site, CUSTOMER);
      const attempts: Record<string, string>[] = [{ Cookie: cookie }, { Cookie: cookie, 'X-Frappe-CSRF-Token': 'wrong' }, { Cookie: cookie, 'X-Frappe-CSRF-Token': '' }];
      for (const headers of attempts) {
        const response = await post(resourcePath(CUSTOMER), { customer_name: 'CSRF Victim' }, headers);
        expect(response.status).to.equal(400);
        expect(((await response.json()) as { exc_type: string }).exc_type).to.equal('CSRFTokenError');
      }
      const method = await post('/api/method/frappe.client.insert', { doc: { doctype: CUSTOMER, customer_name: 'CSRF Victim' } }, { Cookie: cookie });
      expect(method.status).to.equal(400);
      expect(await rowCount(server.site, CUSTOMER)).to.equal(before);
    });

    it('PUT and DELETE need the token too', async () => {
      await server.site.documents.insert(CUSTOMER, { customer_name: 'CSRF Target', employees: 1 });
      const put = await fetch(`${server.base}${resourcePath(CUSTOMER, 'CSRF Target')}`, { method: 'PUT', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{"employees":2}' });
      expect(put.status).to.equal(400);
      const del = await fetch(`${server.base}${resourcePath(CUSTOMER, 'CSRF Target')}`, { method: 'DELETE', headers: { Cookie: cookie } });
      expect(del.status).to.equal(400);
      expect((await server.site.documents.get(CUSTOMER, 'CSRF Target')).employees).to.equal(1);
    });

    it('with the token the same request goes through', async () => {
      const response = await post(resourcePath(CUSTOMER), { customer_name: 'CSRF Ok' }, { Cookie: cookie, 'X-Frappe-CSRF-Token': csrf });
      expect(response.status).to.equal(200);
      expect(await server.site.documents.exists(CUSTOMER, 'CSRF Ok')).to.equal(true);
    });

    it('a session given as the sid parameter needs the token too', async () => {
      const sid = cookie.slice('sid='.length);
      const without = await post(`${resourcePath(CUSTOMER)}?sid=${sid}`, { customer_name: 'Sid Param Co' });
      expect(without.status).to.equal(400);
      expect(await server.site.documents.exists(CUSTOMER, 'Sid Param Co')).to.equal(false);
      const withToken = await post(`${resourcePath(CUSTOMER)}?sid=${sid}`, { customer_name: 'Sid Param Co' }, { 'X-Frappe-CSRF-Token': csrf });
      expect(withToken.status).to.equal(200);
      expect((await server.site.documents.get(CUSTOMER, 'Sid Param Co')).owner).to.equal('Administrator');
    });

    it('safe requests on a cookie session need no token', async () => {
      expect((await loggedUser({ Cookie: cookie })).body.message).to.equal('Administrator');
    });

    it('another session\'s token does not do', async () => {
      const other = await post('/api/method/login', { usr: 'Administrator', pwd: TEST_PASSWORD });
      const otherToken = ((await other.json()) as { csrf_token: string }).csrf_token;
      const response = await post(resourcePath(CUSTOMER), { customer_name: 'CSRF Crossed' }, { Cookie: cookie, 'X-Frappe-CSRF-Token': otherToken });
      expect(response.status).to.equal(400);
      expect(await server.site.documents.exists(CUSTOMER, 'CSRF Crossed')).to.equal(false);
    });

    it('requests with an API key never need the token', async () => {
      const token = await server.tokenClient('Administrator');
      expect(ok(await token.post(resourcePath(CUSTOMER), { customer_name: 'Token Made' })).data.name).to.equal('Token Made');
      expect((await token.delete(resourcePath(CUSTOMER, 'Token Made'))).status).to.equal(202);
    });
  });

  describe('API keys', () => {
    let admin: ApiClient;
    let keys: { api_key: string; api_secret: string };
    before(async () => {
      admin = await server.login('Administrator', TEST_PASSWORD);
      await server.createUser('keyed@example.com');
      keys = ok(await admin.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'keyed@example.com' })).message;
    });
    const whoAmI = (authorization: string) => loggedUser({ Authorization: authorization });

    it('generate_keys by Administrator answers {api_key, api_secret} and stores the key on the User', async () => {
      expect(keys).to.have.all.keys('api_key', 'api_secret');
      expect(keys.api_key).to.be.a('string').and.not.equal('');
      expect((await server.site.documents.get('User', 'keyed@example.com')).api_key).to.equal(keys.api_key);
    });

    it('Authorization: token key:secret and Basic base64(key:secret) both authenticate', async () => {
      expect((await whoAmI(`token ${keys.api_key}:${keys.api_secret}`)).body.message).to.equal('keyed@example.com');
      expect((await whoAmI(`Basic ${Buffer.from(`${keys.api_key}:${keys.api_secret}`).toString('base64')}`)).body.message).to.equal('keyed@example.com');
    });

    it('a wrong secret, an unknown key, a malformed header and Bearer are 401', async () => {
      for (const header of [
        `token ${keys.api_key}:${keys.api_secret}x`,
        `token ffffffffffffff0:${keys.api_secret}`,
        `token ${keys.api_key}`,
        `token :${keys.api_secret}`,
        'token',
        `Basic ${Buffer.from(`${keys.api_key}:wrong`).toString('base64')}`,
        'Basic !!!not-base64!!!',
        'Bearer abcdef',
        `Digest ${keys.api_key}:${keys.api_secret}`,
      ]) {
        const answer = await whoAmI(header);
        expect(answer.status, header).to.equal(401);
        expect(answer.body.exc_type, header).to.equal('AuthenticationError');
      }
    });

    it('a second generate_keys keeps the key and invalidates the old secret at once', async () => {
      await server.createUser('rotate@example.com');
      const first = ok(await admin.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'rotate@example.com' })).message;
      expect((await whoAmI(`token ${first.api_key}:${first.api_secret}`)).body.message).to.equal('rotate@example.com'); // now remembered as verified
      const second = ok(await admin.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'rotate@example.com' })).message;
      expect(second.api_key).to.equal(first.api_key);
      expect(second.api_secret).to.not.equal(first.api_secret);
      expect((await whoAmI(`token ${first.api_key}:${first.api_secret}`)).status).to.equal(401);
      expect((await whoAmI(`token ${second.api_key}:${second.api_secret}`)).body.message).to.equal('rotate@example.com');
    });

    it('generate_keys by a user without System Manager is a 403; a System Manager may', async () => {
      await server.createUser('no-keys@example.com');
      const plain = await server.login('no-keys@example.com', TEST_PASSWORD);
      expectError(await plain.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'no-keys@example.com' }), 403, 'PermissionError');
      expect((await server.site.documents.get('User', 'no-keys@example.com')).api_key).to.equal(null);
      expect(await server.site.db.knex('__Auth').where({ name: 'no-keys@example.com', fieldname: 'api_secret' })).to.deep.equal([]);
      await server.createUser('sysman@example.com', ['System Manager']);
      const manager = await server.login('sysman@example.com', TEST_PASSWORD);
      const made = ok(await manager.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'no-keys@example.com' })).message;
      expect((await whoAmI(`token ${made.api_key}:${made.api_secret}`)).body.message).to.equal('no-keys@example.com');
    });

    it('generate_keys for an unknown user is a 404; by GET it is a 403', async () => {
      expectError(await admin.post('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'ghost@example.com' }), 404, 'DoesNotExistError');
      expectError(await admin.get('/api/method/frappe.core.doctype.user.user.generate_keys', { user: 'keyed@example.com' }), 403, 'PermissionError');
    });

    it('the key of a disabled user stops working at once', async () => {
      await server.createUser('key-off@example.com');
      const client = await server.tokenClient('key-off@example.com');
      expect(ok(await client.get('/api/method/frappe.auth.get_logged_user')).message).to.equal('key-off@example.com');
      await server.site.documents.save('User', 'key-off@example.com', { enabled: 0 });
      expectError(await client.get('/api/method/frappe.auth.get_logged_user'), 401, 'AuthenticationError');
    });
  });

  describe('rate limits', () => {
    describe('failed logins (api.loginAttempts = 3)', () => {
      let limited: TestServer;
      const attempt = (usr: string, pwd: string) =>
        fetch(`${limited.base}/api/method/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ usr, pwd }) });
      before(async () => {
        limited = await startTestServer({ api: { loginAttempts: 3 }, label: 'api_login_limit' });
        await limited.createUser('blocked@example.com');
        await limited.createUser('reset@example.com');
      });
      after(() => limited.close());

      it('the 4th failed attempt answers 429 with Retry-After, and even the right password is refused while blocked', async () => {
        for (let i = 1; i <= 3; i++) expect((await attempt('blocked@example.com', `wrong ${i}`)).status, `attempt ${i}`).to.equal(401);
        const fourth = await attempt('blocked@example.com', 'wrong 4');
        expect(fourth.status).to.equal(429);
        expect(((await fourth.json()) as { exc_type: string }).exc_type).to.equal('RateLimitExceededError');
        expect(Number(fourth.headers.get('Retry-After'))).to.be.greaterThan(0);
        const right = await attempt('blocked@example.com', TEST_PASSWORD);
        expect(right.status).to.equal(429);
        expect(right.headers.getSetCookie().some((c) => c.startsWith('sid='))).to.equal(false);
        // The block is per user: another user still logs in.
        expect((await attempt('reset@example.com', TEST_PASSWORD)).status).to.equal(200);
      });

      it('a successful login resets the user\'s counter', async () => {
        for (let i = 1; i <= 2; i++) expect((await attempt('reset@example.com', 'wrong')).status).to.equal(401);
        expect((await attempt('reset@example.com', TEST_PASSWORD)).status).to.equal(200);
        for (let i = 1; i <= 3; i++) expect((await attempt('reset@example.com', 'wrong')).status, `after reset ${i}`).to.equal(401);
        expect((await attempt('reset@example.com', 'wrong')).status).to.equal(429);
      });
    });

    describe('requests (api.requestsPerMinute = 5)', () => {
      let limited: TestServer;
      before(async () => {
        limited = await startTestServer({ api: { requestsPerMinute: 5 }, label: 'api_request_limit' });
        await limited.createUser('busy@example.com');
        await limited.createUser('calm@example.com');
      });
      after(() => limited.close());

      it('the 6th request in a minute answers 429 with Retry-After and X-RateLimit-* headers; other users go on', async () => {
        const busy = await limited.tokenClient('busy@example.com');
        for (let i = 1; i <= 5; i++) {
          const answer = await busy.get('/api/method/frappe.ping');
          expect(answer.status, `request ${i}`).to.equal(200);
          expect(answer.headers.get('X-RateLimit-Limit')).to.equal('5');
          expect(answer.headers.get('X-RateLimit-Remaining')).to.equal(String(5 - i));
          expect(Number(answer.headers.get('X-RateLimit-Reset'))).to.be.within(1, 60);
        }
        const sixth = await busy.get('/api/method/frappe.ping');
        expectError(sixth, 429, 'RateLimitExceededError');
        expect(Number(sixth.headers.get('Retry-After'))).to.be.within(1, 60);
        expect(sixth.headers.get('X-RateLimit-Remaining')).to.equal('0');
        const calm = await limited.tokenClient('calm@example.com');
        expect((await calm.get('/api/method/frappe.ping')).status).to.equal(200);
      });
    });
  });
});
