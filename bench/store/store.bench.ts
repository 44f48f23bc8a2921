import type { BenchSection } from '../lib/bench-section';
import { median } from '../lib/measure';
import { readAllMillion } from './readall-million';
import { appendManyStreams, appendOneStream, fillStream, readAllRate, readStreamRate } from './store-workloads';
import { kurrentdbTarget, postgresTarget, sqliteTarget, type Target } from './store-targets';

type Key =
  | 'raw1'
  | 'raw100'
  | 'raw32x32'
  | 'rawRead'
  | 'many1'
  | 'many8'
  | 'many32'
  | 'one8'
  | 'one32'
  | 'readStream'
  | 'readAll';

/** Row order and the raw baseline each store figure is divided by. */
const MEASURES: Array<{ key: Key; label: string; baseline?: Key }> = [
  { key: 'raw1', label: 'raw: insert, 1 row per commit' },
  { key: 'raw100', label: 'raw: insert, 100 rows per commit' },
  { key: 'raw32x32', label: 'raw: insert, 32 rows per commit over 32 streams' },
  { key: 'rawRead', label: 'raw: select + JSON.parse, pages of 1,000' },
  { key: 'many1', label: 'store: append, 1 caller', baseline: 'raw1' },
  { key: 'many8', label: 'store: append, 8 callers, 8 streams', baseline: 'raw100' },
  { key: 'many32', label: 'store: append, 32 callers, 32 streams', baseline: 'raw100' },
  { key: 'one8', label: "store: append, 8 callers, 1 stream ('any')", baseline: 'raw100' },
  { key: 'one32', label: "store: append, 32 callers, 1 stream ('any')", baseline: 'raw100' },
  { key: 'readStream', label: 'store: readStream, pages of 1,000', baseline: 'rawRead' },
  { key: 'readAll', label: 'store: readAll, pages of 1,000', baseline: 'rawRead' },
];

/**
 * Interleaved: every run measures each workload once, raw and store side by
 * side, so that drift on this shared machine (disk cache, checkpoints) falls on
 * both; then each workload's median over the runs.
 */
async function measure(t: Target, runs: number): Promise<Record<Key, number>> {
  const c = t.counts;
  const samples = {} as Record<Key, number[]>;
  const take = async (key: Key, run: () => Promise<number>) => (samples[key] ??= []).push(await run());
  let rawRows = 0;
  for (let i = 0; i < runs; i++) {
    await take('raw1', () => t.raw.insertOnePerCommit(c.onePerCommit));
    await take('raw100', () => t.raw.insertBatched(c.batched, 100));
    await take('raw32x32', () => t.raw.insertBatched(c.append32, 32, 32));
    rawRows += c.onePerCommit + c.batched + c.append32;
    if (rawRows < c.read) {
      await t.raw.insertBatched(c.read - rawRows, 1000); // setup: enough rows to read
      rawRows = c.read;
    }
    await take('rawRead', () => t.raw.readAndParse(c.read));
    await take('many1', () => appendManyStreams(t.store, 1, c.append1));
    await take('many8', () => appendManyStreams(t.store, 8, c.append8));
    await take('many32', () => appendManyStreams(t.store, 32, c.append32));
    await take('one8', () => appendOneStream(t.store, 8, c.append8));
    await take('one32', () => appendOneStream(t.store, 32, c.append32));
    if (i === 0) await fillStream(t.store, 'bench-read', c.read);
    await take('readStream', () => readStreamRate(t.store, 'bench-read', c.read));
    await take('readAll', () => readAllRate(t.store, c.read));
  }
  const medians = {} as Record<Key, number>;
  for (const key of Object.keys(samples) as Key[]) medians[key] = median(samples[key]);
  return medians;
}

/**
 * Store throughput on both adapters beside the raw rates of the same database
 * with the same durability, each store figure as a ratio to its raw anchor.
 * Medians of 3 runs (1 when quick); `quick` also skips the 1M-event readAll.
 */
export async function runStoreBench(opts: { quick?: boolean } = {}): Promise<BenchSection> {
  const quick = opts.quick ?? false;
  const runs = quick ? 1 : 3;
  const results: Array<{ label: string; values?: Record<Key, number>; error?: string }> = [];
  const notes: string[] = [];
  const labels = new Map([
    [sqliteTarget, 'SQLite'],
    [postgresTarget, 'PostgreSQL'],
    [kurrentdbTarget, 'KurrentDB'],
  ]);
  const targets = process.env.KURRENTDB_URL
    ? [sqliteTarget, postgresTarget, kurrentdbTarget]
    : [sqliteTarget, postgresTarget];
  if (!process.env.KURRENTDB_URL)
    notes.push(
      'KurrentDB not measured: set KURRENTDB_URL to a real 25.1+ server (the test double is not a benchmark).',
    );
  for (const open of targets) {
    let target: Target | undefined;
    try {
      target = await open(quick);
      results.push({ label: target.label, values: await measure(target, runs) });
      const millionPath = (target as Target & { millionPath?: string }).millionPath;
      if (millionPath && !quick) {
        const m = await readAllMillion(millionPath);
        notes.push(
          `SQLite readAll of ${m.events.toLocaleString('en-US')} events in pages of 1,000: ${m.readSeconds.toFixed(2)} s ` +
            `(${Math.round(m.events / m.readSeconds).toLocaleString('en-US')} ev/s; target < 10 s), ` +
            `RSS ${m.rssBeforeMiB} MiB before, ${m.rssPeakMiB} MiB peak (filled in ${m.fillSeconds.toFixed(1)} s).`,
        );
      }
    } catch (error) {
      results.push({ label: labels.get(open)!, error: (error as Error).message });
    } finally {
      await target?.cleanup();
    }
  }
  const rows = MEASURES.map(({ key, label, baseline }) => {
    const row: Record<string, string | number> = { measure: label };
    for (const r of results) {
      row[`${r.label} ev/s`] = r.values ? r.values[key] : 'n/a';
      row[`${r.label} × raw`] = r.values && baseline ? r.values[key] / r.values[baseline] : '';
    }
    return row;
  });
  for (const r of results) {
    if (r.error) notes.push(`${r.label} not measured: ${r.error}`);
    else if (r.values) {
      const v = r.values;
      notes.push(
        `${r.label} targets: 32 callers ÷ raw 100/commit = ${(v.many32 / v.raw100).toFixed(2)} (≥ 0.4); ` +
          `32 callers ÷ raw 32 rows/commit over 32 streams = ${(v.many32 / v.raw32x32).toFixed(2)}; ` +
          `readStream ÷ raw read = ${(v.readStream / v.rawRead).toFixed(2)}, readAll ÷ raw read = ` +
          `${(v.readAll / v.rawRead).toFixed(2)} (≥ 0.5).`,
      );
    }
  }
  notes.push(
    "One-stream rows use expectedVersion 'any' (no retries); many-stream callers each own a stream and pass the exact version.",
    `~330-byte events (data + metadata JSON); ${runs === 1 ? 'single runs' : 'medians of 3 runs'}; SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit=on.`,
  );
  return { title: 'Event store: appends and reads vs raw baselines', rows, notes };
}
