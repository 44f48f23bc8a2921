/**
 * `npm run bench [-- --quick] [-- --only=store,api]`: runs the benchmarks in
 * one process, prints markdown, and writes it to bench/results/latest.md
 * with the machine and date (copy the figures into BENCHMARKS.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runApiBench } from './api/api.bench';
import { runContentionBench } from './api/contention.bench';
import { runAnalysesBench } from './exports/analyses.bench';
import { runExportsBench } from './exports/exports.bench';
import type { BenchSection } from './lib/bench-section';
import { renderSection } from './lib/table';
import { runPersonalDataBench } from './personal-data/personal-data.bench';
import { runLagBench } from './projections/lag.bench';
import { runRebuildBench } from './projections/rebuild.bench';
import { runRecoveryBench } from './recovery/recovery.bench';
import { runStoreBench } from './store/store.bench';
import { runWebBench } from './web/web.bench';

const SUITES: Record<string, (opts: { quick: boolean }) => Promise<BenchSection | BenchSection[]>> = {
  store: runStoreBench,
  api: runApiBench,
  contention: runContentionBench,
  rebuild: runRebuildBench,
  lag: runLagBench,
  exports: runExportsBench,
  analyses: runAnalysesBench,
  recovery: runRecoveryBench,
  web: runWebBench,
  'personal-data': runPersonalDataBench,
};

async function main() {
  const quick = process.argv.includes('--quick');
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const names = only ?? Object.keys(SUITES);
  const unknown = names.filter((n) => !SUITES[n]);
  if (unknown.length)
    throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const out = [`# indaga benchmarks${quick ? ' (quick)' : ''}`, '', `${new Date().toISOString()} on ${machine}`, ''];
  for (const name of names) {
    process.stderr.write(`running ${name}…\n`);
    const sections = [await SUITES[name]({ quick })].flat();
    for (const section of sections) {
      const text = renderSection(section);
      console.log(text + '\n');
      out.push(text, '');
    }
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.md'), out.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
