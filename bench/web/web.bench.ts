import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { EVENT_STORE, type EventStore } from '../../libs/event-store/src';
import { loadConfig } from '../../libs/platform/src';
import { createApp } from '../../apps/api/src/create-app';
import type { BenchSection } from '../lib/bench-section';
import { median } from '../lib/measure';
import { seedDecades } from './seed-decade';

const ADMIN = 'bench-web-admin-token-0123456789';

/**
 * The workspace in headless Debian chromium over 500 networks of ten years:
 * milliseconds from navigation until the page is usable (its data loaded and
 * drawn: `main[data-page]` is set last), each run in a fresh browser context
 * (empty cache, as a first visit), median of runs; and the bundle's size.
 */
export async function runWebBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const networks = opts.quick ? 100 : 500;
  const runs = opts.quick ? 3 : 7;
  const root = join(__dirname, '../..');
  const buildStart = Date.now();
  execFileSync(process.execPath, [join(root, 'apps/web/build.mjs')]);
  const buildMs = Date.now() - buildStart;
  const dist = join(root, 'apps/web/dist');
  const files = readdirSync(dist);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  const raw = files.reduce((sum, f) => sum + readFileSync(join(dist, f)).length, 0);

  const dir = mkdtempSync(join(tmpdir(), 'indaga-bench-web-'));
  const app = await createApp(
    loadConfig({ INDAGA_SQLITE_PATH: join(dir, 'indaga.db'), INDAGA_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent' }),
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const seedStart = Date.now();
    const events = await seedDecades(app.get<EventStore>(EVENT_STORE), networks);
    // The sweeper notices the appended streams; wait until both projections reflect them all.
    for (;;) {
      const projections = (await (
        await fetch(`${base}/v1/projections`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json()) as Array<{ lag: number; checkpoint: number }>;
      if (projections.every((p) => p.lag === 0 && p.checkpoint >= events)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;

    const usable = async (hash: string, page: string): Promise<number> => {
      const context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1280, height: 900 } });
      // Signed in already: the token is where the sign-in page puts it (this script runs in the page).
      await context.addInitScript(`sessionStorage.setItem('indaga.token', ${JSON.stringify(ADMIN)})`);
      const tab = await context.newPage();
      await tab.goto(`${base}/app/#/${hash}`);
      await tab.waitForSelector(`main[data-page="${page}"]:not([aria-busy])`, { timeout: 60_000 });
      const ms = (await tab.evaluate('performance.now()')) as number;
      await context.close();
      return ms;
    };
    const rows: BenchSection['rows'] = [];
    for (const [label, hash, page] of [
      [`Resumen (${networks} networks)`, 'resumen', 'overview'],
      ['Red (one network, 40 quarters, ~300 events)', `red/bench-red-${Math.floor(networks / 2)}`, 'network'],
    ] as const) {
      await usable(hash, page); // warm the server's caches once, not the browser's
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await usable(hash, page));
      rows.push({ page: label, 'median ms': median(times), 'max ms': Math.max(...times), runs, target: '< 1,500 ms' });
    }
    rows.push({
      page: `bundle (${files.length} files: app.js, its ECharts chunk, styles.css, index.html)`,
      'gzipped kB': Math.round(gzip / 102.4) / 10,
      'raw kB': Math.round(raw / 1024),
      target: '< 400 kB gzipped',
    });
    return {
      title: `Web workspace in headless chromium (${networks} networks × 10 years, ${events.toLocaleString('en-US')} events, SQLite)`,
      rows,
      notes: [
        `Time from navigation start to the page drawn with its data, each run in a fresh browser context (cold cache, token already in sessionStorage), median of ${runs} runs after one warm-up of the server. Seeded and projected in ${seedSeconds.toFixed(1)} s; the bundle built by esbuild in ${buildMs} ms.`,
      ],
    };
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
