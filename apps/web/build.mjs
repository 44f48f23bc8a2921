// Bundles the workspace (apps/web/src) into apps/web/dist with esbuild: one
// minified script, the stylesheet and index.html. Run by `npm start`
// (prestart), `npm run build:web`, the browser tests and the web benchmark;
// `--report` prints the gzipped size.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

export async function buildWeb() {
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: [join(here, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    outfile: join(dist, 'app.js'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(here, 'src', file), join(dist, file));
  const sizes = {};
  for (const file of ['app.js', 'styles.css', 'index.html']) {
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
