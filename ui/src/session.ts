/** Who is logged in, from `tabula.desk.boot`: the user, their roles, the CSRF token and the DocTypes they can open. */
import { reactive } from 'vue';
import { call, setCsrfToken, ApiError } from './api/client';

export interface BootDocType {
  name: string;
  module: string;
  issingle: 0 | 1;
  is_tree: 0 | 1;
  is_submittable: 0 | 1;
}

/** A script report the user may run (the server applies the report API's own permission check). */
export interface BootReport {
  name: string;
  ref_doctype: string;
  module: string;
}

export interface Boot {
  user: string;
  full_name: string;
  /** The user's language code (User.language), `en` when none is set. */
  lang: string;
  roles: string[];
  csrf_token: string | null;
  doctypes: BootDocType[];
  reports: BootReport[];
}

export const session = reactive<{ boot: Boot | null; loaded: boolean }>({ boot: null, loaded: false });

/** Loads the boot data; a Guest (not logged in) leaves `boot` empty. */
export async function loadSession(): Promise<Boot | null> {
  try {
    const boot = await call<Boot>('tabula.desk.boot');
    session.boot = boot.user === 'Guest' ? null : boot;
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
    session.boot = null;
  }
  session.loaded = true;
  setCsrfToken(session.boot?.csrf_token ?? null);
  return session.boot;
}

export async function login(usr: string, pwd: string): Promise<void> {
  await call('login', { usr, pwd }, 'POST');
  await loadSession();
}

export async function logout(): Promise<void> {
  await call('logout', {}, 'POST');
  session.boot = null;
  setCsrfToken(null);
}
