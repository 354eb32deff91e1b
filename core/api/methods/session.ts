/** login, logout, get_logged_user, API key generation and the boot data the desk starts from. */
import { checkPassword, generateKeys } from '../../auth';
import { assertCanRun } from '../../reports';
import { reportEnvironment } from '../../site';
import { AuthenticationError, PermissionError } from '../../errors';
import { GUEST_USER } from '../../permissions';
import { forgetVerifiedKeys, rateLimited } from '../authenticate';
import { clearSessionCookies, setSessionCookies } from '../cookies';
import { requiredText } from '../params';
import { read, WholeBody, write, type MethodCall, type MethodTable } from './types';

interface UserRow {
  name: string;
  full_name: string | null;
  enabled: number;
  user_type: string | null;
}

/** The user a login name means: the User's name, email or username. */
async function findUser(call: MethodCall, login: string): Promise<UserRow | undefined> {
  const k = call.state.site.db.knex;
  return (await k('tabUser')
    .where('name', login)
    .orWhere('email', login)
    .orWhere('username', login)
    .first('name', 'full_name', 'enabled', 'user_type')) as UserRow | undefined;
}

async function login(call: MethodCall) {
  const { args, req, res, state } = call;
  const login = requiredText(args, 'usr').trim();
  const password = requiredText(args, 'pwd');
  const byUser = `user:${login.toLowerCase()}`;
  const byIp = `ip:${req.ip}`;
  for (const [limiter, key] of [[state.loginByUser, byUser], [state.loginByIp, byIp]] as const) {
    const status = limiter.peek(key);
    if (!status.allowed) throw rateLimited(res, status, 'failed login attempts');
  }
  const user = await findUser(call, login);
  const ok = user !== undefined && user.name !== GUEST_USER && Number(user.enabled) === 1 && (await checkPassword(state.site.db.knex, user.name, password));
  if (!ok || !user) {
    state.loginByUser.hit(byUser);
    state.loginByIp.hit(byIp);
    // One message for unknown users, wrong passwords and disabled accounts: no user enumeration.
    throw new AuthenticationError('Invalid login credentials', [{ fieldname: 'pwd', message: 'Invalid login credentials' }]);
  }
  state.loginByUser.reset(byUser);
  const session = await state.sessions.create(user.name, { ip: req.ip, userAgent: req.get('user-agent') });
  const fullName = user.full_name || user.name;
  const systemUser = (user.user_type ?? 'System User') === 'System User';
  setSessionCookies(res, session.sid, { name: user.name, fullName, systemUser }, state.config.sessionHours * 3600_000);
  return new WholeBody({ message: 'Logged In', home_page: systemUser ? '/app' : '/me', full_name: fullName, csrf_token: session.csrfToken });
}

async function logout(call: MethodCall) {
  if (call.ctx.session) await call.state.sessions.destroy(call.ctx.session.sid);
  clearSessionCookies(call.res);
  return undefined;
}

/** Frappe's generate_keys: System Managers only; the secret is answered once and stored hashed. */
async function keys(call: MethodCall) {
  const { ctx, args, state } = call;
  const user = requiredText(args, 'user');
  if (!ctx.access.isAdministrator && !ctx.access.roles.has('System Manager'))
    throw new PermissionError('Only a System Manager can generate API keys', [{ fieldname: 'user', message: 'System Manager role required' }]);
  const keys = await generateKeys(state.site.db.knex, user);
  forgetVerifiedKeys(); // the old secret must stop working now, not in a minute
  return keys;
}

/** The script reports the user may run, judged by the same check the report API makes. */
function runnableReports(call: MethodCall): { name: string; ref_doctype: string; module: string }[] {
  const env = reportEnvironment(call.state.site);
  const runnable = env.reports.all().filter((report) => {
    try {
      assertCanRun(call.ctx.access, env, report);
      return true;
    } catch (error) {
      if (error instanceof PermissionError) return false;
      throw error;
    }
  });
  return runnable
    .map(({ definition: d }) => ({ name: d.name, ref_doctype: d.ref_doctype, module: d.module ?? env.registry.get(d.ref_doctype).def.module ?? '' }))
    .sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name));
}

/** What the desk needs on load: who is logged in, their language, roles, the CSRF token and what they can open. */
async function boot(call: MethodCall) {
  const { ctx, state } = call;
  const registry = state.site.registry;
  const doctypes = registry
    .all()
    .filter((m) => !m.istable && !m.isVirtual && ctx.access.can(m, 'read'))
    .map((m) => ({ name: m.name, module: m.def.module ?? '', issingle: m.issingle ? 1 : 0, is_tree: m.isTree ? 1 : 0, is_submittable: m.isSubmittable ? 1 : 0 }))
    .sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name));
  const k = state.site.db.knex;
  const row = (await k('tabUser').where('name', ctx.user).first('full_name', 'language')) as { full_name: string | null; language: string | null } | undefined;
  // As Frappe's get_roles: Administrator holds every role, so role checks in the desk show it everything.
  const roles = ctx.access.isAdministrator ? new Set([...ctx.access.roles, ...((await k('tabRole').pluck('name')) as string[])]) : ctx.access.roles;
  return {
    user: ctx.user,
    full_name: row?.full_name || ctx.user,
    // The desk sets <html lang dir> from it; Frappe's default language is English.
    lang: row?.language || 'en',
    roles: [...roles].sort(),
    csrf_token: ctx.session?.csrfToken ?? null,
    doctypes,
    reports: runnableReports(call),
  };
}

export const SESSION_METHODS: MethodTable = {
  login: write(login),
  logout: write(logout),
  'frappe.auth.get_logged_user': read(({ ctx }) => ctx.user),
  'frappe.ping': read(() => 'pong'),
  'frappe.core.doctype.user.user.generate_keys': write(keys),
  'tabula.desk.boot': read(boot),
};

