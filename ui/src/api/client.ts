/**
 * The desk's only way to the server: Frappe's REST API over fetch, with the session cookie and the
 * CSRF token the boot data carries. Errors come back as ApiError with the server's field-level detail.
 */

export interface FieldError {
  fieldname?: string;
  /** Child row number (from 1) and its table field, when the error is in a grid row. */
  idx?: number;
  parentfield?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly excType: string,
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Args = Record<string, unknown>;

/** Frappe encodes non-string arguments as JSON in query strings. */
function queryString(args: Args): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function parse(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    if (!response.ok) throw new ApiError(response.status, 'HTTPError', text || response.statusText, []);
  }
  if (!response.ok) {
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    throw new ApiError(response.status, String(body.exc_type ?? 'HTTPError'), message, (body.errors as FieldError[]) ?? []);
  }
  return body;
}

export async function request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-Frappe-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  return parse(response);
}

/** A whitelisted method; reads go as GET, anything that writes as POST. Answers `message`. */
export async function call<T = unknown>(method: string, args: Args = {}, http: 'GET' | 'POST' = 'GET'): Promise<T> {
  const path = `/api/method/${method}`;
  const body = http === 'GET' ? await request('GET', path + queryString(args)) : await request('POST', path, args);
  return body.message as T;
}

/** The URL of a GET method call, for downloads (exports) the browser fetches itself. */
export function methodUrl(method: string, args: Args = {}): string {
  return `/api/method/${method}${queryString(args)}`;
}

const resource = (doctype: string, name?: string) => `/api/resource/${encodeURIComponent(doctype)}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;

export type Doc = Record<string, unknown> & { name?: string; doctype?: string };

export async function getDoc(doctype: string, name: string): Promise<Doc> {
  return (await request('GET', resource(doctype, name))).data as Doc;
}

export async function insertDoc(doctype: string, doc: Doc): Promise<Doc> {
  return (await request('POST', resource(doctype), doc)).data as Doc;
}

export async function saveDoc(doctype: string, name: string, doc: Doc): Promise<Doc> {
  return (await request('PUT', resource(doctype, name), doc)).data as Doc;
}

export async function deleteDoc(doctype: string, name: string): Promise<void> {
  await request('DELETE', resource(doctype, name));
}
