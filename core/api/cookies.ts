/**
 * Frappe's login cookies: `sid` (httpOnly, the session) and `user_id`, `full_name`, `system_user`,
 * `user_image`, which browser code reads (frappe-react-sdk treats user_id=Guest as logged out).
 */
import type { Response } from 'express';

const READABLE = ['user_id', 'full_name', 'system_user', 'user_image'] as const;

export function setSessionCookies(res: Response, sid: string, user: { name: string; fullName: string; systemUser: boolean }, maxAgeMs: number): void {
  const base = { path: '/', sameSite: 'lax' as const, maxAge: maxAgeMs };
  res.cookie('sid', sid, { ...base, httpOnly: true });
  res.cookie('user_id', user.name, base);
  res.cookie('full_name', user.fullName, base);
  res.cookie('system_user', user.systemUser ? 'yes' : 'no', base);
  res.cookie('user_image', '', base);
}

export function clearSessionCookies(res: Response): void {
  res.cookie('sid', 'Guest', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 0 });
  res.cookie('user_id', 'Guest', { path: '/', sameSite: 'lax' });
  for (const name of READABLE.slice(1)) res.clearCookie(name, { path: '/' });
}
