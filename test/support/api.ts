/**
 * A real HTTP server over a fresh test site, and small clients for it: one per login session (cookie
 * + CSRF token) or per API key. Tests talk to the API exactly as a browser or the JS SDK would.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApiState, createServer } from '../../core/api';
import { generateKeys, setPassword } from '../../core/auth';
import type { ApiConfig } from '../../core/config';
import { createTestSite, type TestSite, type TestSiteOptions } from './site';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  /** The user this client acts as ('Guest' for an anonymous client). */
  user: string;
  get<T = any>(path: string, params?: Record<string, unknown>): Promise<ApiAnswer<T>>;
  post<T = any>(path: string, body?: unknown, params?: Record<string, unknown>): Promise<ApiAnswer<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  delete<T = any>(path: string): Promise<ApiAnswer<T>>;
  /** Any request, for tests of headers and raw bodies. */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestServer {
  site: TestSite;
  base: string;
  /** A client with no credentials. */
  guest: ApiClient;
  /** Logs in with a password (cookie session + CSRF token). */
  login(user: string, password: string): Promise<ApiClient>;
  /** A client authenticating with a freshly generated API key (`Authorization: token key:secret`). */
  tokenClient(user: string): Promise<ApiClient>;
  /** Creates an enabled System User with a password and roles; answers its name (the email). */
  createUser(email: string, roles?: string[], password?: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Query parameters as the JS SDK sends them: objects and arrays JSON-encoded, null/undefined left out. */
export function queryString(params: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function makeClient(base: string, user: string, headers: Record<string, string>): ApiClient {
  const request = async (method: string, path: string, body?: unknown, params?: Record<string, unknown>): Promise<ApiAnswer> => {
    const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json; charset=utf-8';
    }
    const response = await fetch(`${base}${path}${queryString(params)}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    user,
    get: (path, params) => request('GET', path, undefined, params),
    post: (path, body, params) => request('POST', path, body ?? {}, params),
    put: (path, body) => request('PUT', path, body ?? {}),
    delete: (path) => request('DELETE', path),
    raw: (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }),
  };
}

export async function startTestServer(options: TestSiteOptions & { api?: Partial<ApiConfig> } = {}): Promise<TestServer> {
  const site = await createTestSite(options);
  const siteWithConfig = { ...site, config: { ...site.config, api: { ...site.config.api, ...options.api } } };
  const app = createServer(siteWithConfig, createApiState(siteWithConfig));
  const server: Server = await new Promise((resolveListen) => {
    const s = app.listen(0, '127.0.0.1', () => resolveListen(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await setPassword(site.db.knex, 'Administrator', TEST_PASSWORD);
  return {
    site,
    base,
    guest: makeClient(base, 'Guest', {}),
    async login(user, password) {
      const response = await fetch(`${base}/api/method/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ usr: user, pwd: password }) });
      const body = (await response.json()) as { csrf_token?: string; message?: string };
      if (response.status !== 200 || !body.csrf_token) throw new Error(`login as ${user} failed: ${response.status} ${JSON.stringify(body)}`);
      const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return makeClient(base, user, { Cookie: cookie, 'X-Frappe-CSRF-Token': body.csrf_token });
    },
    async tokenClient(user) {
      const keys = await generateKeys(site.db.knex, user);
      return makeClient(base, user, { Authorization: `token ${keys.api_key}:${keys.api_secret}` });
    },
    async createUser(email, roles = [], password = TEST_PASSWORD) {
      await site.documents.insert('User', { email, first_name: email.split('@')[0], roles: roles.map((role) => ({ role })) });
      await setPassword(site.db.knex, email, password);
      return email;
    },
    async close() {
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await site.destroy();
    },
  };
}
