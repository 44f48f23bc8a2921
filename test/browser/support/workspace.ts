import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { loadConfig } from '@indaga/platform';
import { createApp } from '../../../apps/api/src/create-app';
import { api, Client } from './seed';

export const ADMIN_TOKEN = 'browser-admin-token-0123456789';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Workspace {
  base: string;
  app: NestFastifyApplication;
  admin: Client;
  browser: Browser;
  /** A fresh browser context (its own sessionStorage), Spanish-Chilean by default. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  issue(role: 'analyst' | 'network' | 'admin', networkId?: string): Promise<string>;
  close(): Promise<void>;
}

let built = false;

/**
 * The real app listening on a free port, on a fresh SQLite file in a temp dir,
 * with the workspace bundle built, and a headless Debian chromium driven by
 * playwright-core.
 */
export async function startWorkspace(): Promise<Workspace> {
  if (!built) {
    execFileSync(process.execPath, [join(__dirname, '../../../apps/web/build.mjs')], { stdio: 'inherit' });
    built = true;
  }
  const dir = mkdtempSync(join(tmpdir(), 'indaga-browser-'));
  const config = loadConfig({
    INDAGA_STORE: 'sqlite',
    INDAGA_SQLITE_PATH: join(dir, 'indaga.db'),
    INDAGA_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const app: NestFastifyApplication = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const admin = { base, token: ADMIN_TOKEN };
  return {
    base,
    app,
    admin,
    browser,
    context: (options = {}) =>
      browser.newContext({
        locale: 'es-CL',
        timezoneId: 'America/Santiago',
        viewport: { width: 1200, height: 900 },
        ...options,
      }),
    async issue(role, networkId) {
      return (await api(admin, 'POST', '/v1/tokens', { role, ...(networkId ? { networkId } : {}) })).token;
    },
    async close() {
      await browser.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the route's page is drawn with its data (main[data-page] is set last). */
export async function ready(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`main[data-page="${name}"]:not([aria-busy])`);
}

export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.fill('input[name=token]', token);
  await page.click('form.login button[type=submit]');
  await ready(page, 'overview');
}

export async function goTo(page: Page, base: string, hash: string, name: string): Promise<void> {
  await page.goto(`${base}/app/#/${hash}`);
  await ready(page, name);
}

/** Waits for the projections to reflect everything written so far (reads are eventually consistent). */
export async function settled(client: Client): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const projections = await api<Array<{ lag: number; status: string }>>(client, 'GET', '/v1/projections');
    if (projections.every((p) => p.lag === 0 && p.status === 'live')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('projections did not catch up');
}
