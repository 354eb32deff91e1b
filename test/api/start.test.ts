/**
 * The Administrator's first password, set by migrate: the configured one (TABULA_ADMIN_PASSWORD), or
 * a generated one printed once in migrate's log; never replaced by a later migrate. Then the same over
 * the CLI: `tabula migrate`, `tabula set-password` and `tabula start`, each in a child process, with
 * logins over HTTP proving the passwords work.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer } from '../../core/api';
import { readConfig } from '../../core/config';
import { migrate, openSite, type Site } from '../../core/site';
import { createTestDatabase } from '../support/database';
import { cliDatabase, lines, removeScratch, tabula, TABULA_BIN, type CliDatabase, type CliResult } from '../fixtures/cli/run';

const PASSWORD_LINE = /Administrator password .*: (\S+)$/;

/** Serves a site on a free port; answers its base URL and a function that stops it. */
async function serve(site: Site): Promise<{ base: string; stop: () => Promise<void> }> {
  const app = createServer(site);
  const server: Server = await new Promise((resolveListen) => {
    const s = app.listen(0, '127.0.0.1', () => resolveListen(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}

async function loginStatus(base: string, usr: string, pwd: string): Promise<number> {
  const response = await fetch(`${base}/api/method/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ usr, pwd }) });
  await response.arrayBuffer();
  return response.status;
}

/** Opens a site on `database` (config as a test wants it), migrates it and collects migrate's log. */
async function openAndMigrate(database: { url: string }, adminPassword: string | undefined): Promise<{ site: Site; log: string[] }> {
  const site = await openSite({ ...readConfig({}), dbUrl: database.url, apps: ['core'], doctypePaths: [], adminPassword });
  const log: string[] = [];
  await migrate(site, (line) => log.push(line));
  return { site, log };
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).to.equal(code);
}

describe('api: the Administrator\'s first password', function () {
  this.timeout(90_000);

  describe('through migrate', () => {
    const opened: { site: Site; database: { drop(): Promise<void> } }[] = [];
    afterEach(async () => {
      while (opened.length) {
        const { site, database } = opened.pop()!;
        await site.close();
        await database.drop();
      }
      removeScratch();
    });

    it('a new site with a configured password logs in with it, and the log never shows it', async () => {
      const database = await createTestDatabase('start_configured');
      const { site, log } = await openAndMigrate(database, 'configured secret 42');
      opened.push({ site, database });
      expect(log.filter((l) => PASSWORD_LINE.test(l))).to.deep.equal([]);
      expect(log.join('\n')).to.not.contain('configured secret 42');
      const { base, stop } = await serve(site);
      try {
        expect(await loginStatus(base, 'Administrator', 'configured secret 42')).to.equal(200);
        expect(await loginStatus(base, 'Administrator', 'something else')).to.equal(401);
      } finally {
        await stop();
      }
    });

    it('without one, migrate prints a generated password once; it works; a second migrate prints nothing and keeps it', async () => {
      const database = await createTestDatabase('start_generated');
      const { site, log } = await openAndMigrate(database, undefined);
      opened.push({ site, database });
      const printed = log.filter((l) => PASSWORD_LINE.test(l));
      expect(printed, log.join('\n')).to.have.length(1);
      const generated = PASSWORD_LINE.exec(printed[0]!)![1]!;
      expect(generated.length).to.be.at.least(12);
      expect(printed[0]).to.contain('TABULA_ADMIN_PASSWORD');
      const hashBefore = await site.db.knex('__Auth').where({ doctype: 'User', name: 'Administrator', fieldname: 'password' }).first('password');

      const second: string[] = [];
      await migrate(site, (line) => second.push(line));
      expect(second.filter((l) => PASSWORD_LINE.test(l) || l.includes(generated))).to.deep.equal([]);
      expect(await site.db.knex('__Auth').where({ doctype: 'User', name: 'Administrator', fieldname: 'password' }).first('password')).to.deep.equal(hashBefore);

      const { base, stop } = await serve(site);
      try {
        expect(await loginStatus(base, 'Administrator', generated)).to.equal(200);
        expect(await loginStatus(base, 'Administrator', `${generated}x`)).to.equal(401);
      } finally {
        await stop();
      }
    });

    it('a password configured later does not replace the one already set', async () => {
      // A database that outlives the first site: a SQLite file, or a MariaDB schema.
      const database = await cliDatabase('start_later');
      const first = await openAndMigrate(database, 'the first password');
      await first.site.close();
      const later = await openAndMigrate(database, 'a later password');
      opened.push({ site: later.site, database });
      expect(later.log.filter((l) => PASSWORD_LINE.test(l))).to.deep.equal([]);
      const { base, stop } = await serve(later.site);
      try {
        expect(await loginStatus(base, 'Administrator', 'the first password')).to.equal(200);
        expect(await loginStatus(base, 'Administrator', 'a later password')).to.equal(401);
      } finally {
        await stop();
      }
    });
  });

  describe('through the CLI', () => {
    let db: CliDatabase;
    let env: Record<string, string>;
    let generated: string;
    before(async () => {
      db = await cliDatabase('start_cli');
      env = { TABULA_APPS: 'core', TABULA_DB_URL: db.url, TABULA_ADMIN_PASSWORD: '' };
    });
    after(async () => {
      await db.drop();
      removeScratch();
    });

    /** Opens the CLI's database in this process, serves it, and runs `work` against the base URL. */
    async function withServedSite(work: (base: string) => Promise<void>): Promise<void> {
      const site = await openSite({ ...readConfig({}), dbUrl: db.url, apps: ['core'], doctypePaths: [] });
      const { base, stop } = await serve(site);
      try {
        await work(base);
      } finally {
        await stop();
        await site.close();
      }
    }

    it('`tabula migrate` prints the generated password once, and it logs in', async () => {
      const result = await tabula(['migrate'], env);
      expectExit(result, 0);
      const printed = lines(result.stdout).filter((l) => PASSWORD_LINE.test(l));
      expect(printed).to.have.length(1);
      generated = PASSWORD_LINE.exec(printed[0]!)![1]!;
      const again = await tabula(['migrate'], env);
      expectExit(again, 0);
      expect(again.stdout).to.not.match(/Administrator password/);
      expect(again.stdout).to.not.contain(generated);
      await withServedSite(async (base) => {
        expect(await loginStatus(base, 'Administrator', generated)).to.equal(200);
      });
    });

    it('`tabula set-password` replaces it: the new password logs in, the old one no longer does', async () => {
      const result = await tabula(['set-password', 'Administrator', 'a brand new password'], env);
      expectExit(result, 0);
      expect(lines(result.stdout)).to.include('Password set for Administrator');
      expect(result.stdout).to.not.contain('a brand new password');
      await withServedSite(async (base) => {
        expect(await loginStatus(base, 'Administrator', 'a brand new password')).to.equal(200);
        expect(await loginStatus(base, 'Administrator', generated)).to.equal(401);
      });
    });

    it('`tabula set-password` refuses an unknown user and missing arguments with exit code 1', async () => {
      const unknown = await tabula(['set-password', 'nobody@example.com', 'pw'], env);
      expectExit(unknown, 1);
      expect(unknown.stderr).to.contain('nobody@example.com');
      const missing = await tabula(['set-password', 'Administrator'], env);
      expectExit(missing, 1);
      expect(missing.stderr).to.contain('Usage: tabula set-password');
    });

    it('`tabula start` migrates and serves the API on PORT; the password logs in', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [TABULA_BIN, 'start'], {
        env: { ...process.env, TABULA_APPS: 'core', TABULA_DOCTYPE_PATHS: '', TABULA_REPORT_PATHS: '', TABULA_DB_URL: db.url, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const out = await waitForOutput(child, /Tabula is serving/, 45_000);
        expect(out).to.contain(`http://localhost:${port}`);
        const base = `http://127.0.0.1:${port}`;
        const ping = await fetch(`${base}/api/method/frappe.ping`);
        expect(await ping.json()).to.deep.equal({ message: 'pong' });
        expect(await loginStatus(base, 'Administrator', 'a brand new password')).to.equal(200);
      } finally {
        await stopChild(child);
      }
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Resolves with the output so far once `pattern` appears; rejects if the process ends first or time runs out. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolveOutput(out);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tabula start exited with ${code} before serving; output:\n${out}`));
    });
  });
}

/** Stops the child this test started (SIGTERM, then SIGKILL if it lingers). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
