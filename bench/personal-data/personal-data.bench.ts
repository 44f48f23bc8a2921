import type { BenchSection } from '../lib/bench-section';
import { runSealedRebuildBench } from './sealed-rebuild.bench';
import { runSealingWriteBench } from './sealing.bench';

/** `npm run bench -- --only=personal-data`: the cost of SPEC 6.1 on writes and on rebuilds. */
export async function runPersonalDataBench(opts: { quick?: boolean } = {}): Promise<BenchSection[]> {
  return [await runSealingWriteBench(opts), await runSealedRebuildBench(opts)];
}
