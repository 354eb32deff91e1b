/**
 * End-to-end support: the desk built once per test run, a real server over a test site, and Debian's
 * headless Chromium driven by playwright-core (never a downloaded browser). Screenshots go to
 * test-artifacts/<database>/ for people to look at; they are not committed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../core/config';
import { startTestServer, TEST_PASSWORD, type TestServer } from './api';
import type { TestSiteOptions } from './site';

export const CHROMIUM_PATH = process.env.TABULA_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let built: Promise<void> | undefined;

/** Builds ui/ into ui/dist with Vite, once per test process, so the tests see the desk as the sources say. */
export function buildDesk(): Promise<void> {
  built ??= (async () => {
    const vite = await import('vite');
    await vite.build({ configFile: join(PROJECT_ROOT, 'ui', 'vite.config.ts'), logLevel: 'warn' });
  })();
  return built;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

export interface DeskSession {
  server: TestServer;
  browser: Browser;
  /** A fresh page (own cookies), 1280 px wide unless asked otherwise. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A fresh page logged in as Administrator through the login form, on the home page. */
  loggedInPage(viewport?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', process.env.TABULA_TEST_DB ?? 'sqlite');

export async function startDesk(options: TestSiteOptions = { apps: ['core', 'crm'] }): Promise<DeskSession> {
  await buildDesk();
  const server = await startTestServer(options);
  const desk = await attachDesk(server);
  return {
    ...desk,
    async close() {
      await desk.close();
      await server.close();
    },
  };
}

/** A browser on a server someone else started (and closes): close() closes the browser only. */
export async function attachDesk(server: TestServer): Promise<DeskSession> {
  await buildDesk();
  const browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
  const newPage = async (viewport = { width: 1280, height: 800 }) => {
    const context = await browser.newContext({ viewport, baseURL: server.base });
    return context.newPage();
  };
  return {
    server,
    browser,
    newPage,
    async loggedInPage(viewport) {
      const page = await newPage(viewport);
      await page.goto('/login');
      await page.getByLabel('Email or user name').fill('Administrator');
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL((url) => url.pathname === '/app');
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
    },
  };
}
