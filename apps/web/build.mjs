// Bundles the workspace (apps/web/src) into apps/web/dist with esbuild: one
// minified script, the stylesheet and index.html. Run by `npm start`
// (prestart), `npm run build:web`, the browser tests and the web benchmark;
// `--report` prints the gzipped size.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

export async function buildWeb() {
  // Built aside, then swapped in: a server (or a test) reading dist meanwhile never sees it half-written.
  const out = join(here, `dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // ES modules with splitting: ECharts (most of the code) is its own chunk, fetched at boot
  // alongside the first API calls rather than before them.
  await build({
    entryPoints: { app: join(here, 'src/main.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: ['es2020'],
    outdir: out,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(here, 'src', file), join(out, file));
  rmSync(dist, { recursive: true, force: true });
  renameSync(out, dist);
  const sizes = {};
  for (const file of readdirSync(dist)) {
    const bytes = readFileSync(join(dist, file));
    sizes[file] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const sizes = await buildWeb();
  if (process.argv.includes('--report')) {
    const gzip = Object.values(sizes).reduce((sum, s) => sum + s.gzip, 0);
    console.log(`workspace built in ${Date.now() - started} ms: ${(gzip / 1024).toFixed(1)} kB gzipped`, sizes);
  }
}
