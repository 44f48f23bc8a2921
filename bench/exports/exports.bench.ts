import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eventsNdjson } from '../../apps/api/src/exports/events-export';
import { openSqliteEventStore } from '../../libs/event-store/src';
import { openingThreads, TextOpener } from '../../libs/platform/src';
import type { BenchSection } from '../lib/bench-section';
import { TEST_MASTER_KEY } from '../../test/support/postgres-database';
import { seedWithText } from '../personal-data/seed-with-text';
import { benchApi, medianSeconds, prepareDecades, processMemory } from './decade-server';

/** The export's stream in this process into a sink that drops it (no HTTP): events per second. */
async function streamRate(path: string, total: number): Promise<number> {
  const store = await openSqliteEventStore({ path });
  // Opening every sealed text, as the API does, its opening thread started beforehand (as in a running API).
  const opener = new TextOpener(Buffer.from(TEST_MASTER_KEY, 'base64'), (ids) => store.readDataKeys!(ids), {
    threads: openingThreads(),
  });
  try {
    await opener.warm();
    const start = process.hrtime.bigint();
    try {
      await pipeline(eventsNdjson(store, {}, opener), new Writable({ write: (_chunk, _encoding, done) => done() }));
    } finally {
      await opener.close();
    }
    return total / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await store.close();
  }
}

/** The store's readAll over the whole log in pages of 1,000, events parsed (the baseline), in this process. */
async function readAllRate(path: string): Promise<number> {
  const store = await openSqliteEventStore({ path });
  try {
    const start = process.hrtime.bigint();
    let read = 0;
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.length === 0) break;
      for (const e of page) void e.data;
      read += page.length;
      after = page[page.length - 1].position;
    }
    return read / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await store.close();
  }
}

/**
 * SPEC 5.5 exports through the real API (own process, SQLite):
 * events.ndjson of the whole log against the store's readAll rate measured
 * in the same run, with the server's memory; trajectories.csv of decade
 * networks against GET /v1/overview on the same data.
 */
export async function runExportsBench(opts: { quick?: boolean } = {}): Promise<BenchSection[]> {
  const logNetworks = opts.quick ? 100 : 1000;
  const decades = opts.quick ? 50 : 500;

  let storePath = '';
  const log = await benchApi(async (path) => {
    storePath = path;
    const store = await openSqliteEventStore({ path });
    try {
      // Free text sealed as the API writes it (SPEC 6.1): the export opens every text.
      return await seedWithText(store, logNetworks, 1000, Buffer.from(TEST_MASTER_KEY, 'base64'));
    } finally {
      await store.close();
    }
  });
  const ndjsonRows: BenchSection['rows'] = [];
  try {
    // Interleaved and repeated (medians of 3): the machine is shared, and load falls on all three alike.
    const rates = { baseline: [] as number[], inProcess: [] as number[], http: [] as number[] };
    const before = processMemory(log.server.pid);
    // One network's export first: the server starts its opening thread on the first export, as a running API has.
    await log.get('/v1/exports/events.ndjson?networkId=bench-red-0');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      rates.baseline.push(await readAllRate(storePath));
      rates.inProcess.push(await streamRate(storePath, log.events));
      const exported = await log.get('/v1/exports/events.ndjson');
      if (exported.lines !== log.events) throw new Error(`exported ${exported.lines} of ${log.events} events`);
      rates.http.push(exported.lines / exported.seconds);
      bytes = exported.bytes;
    }
    const after = processMemory(log.server.pid);
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[1];
    const baseline = median(rates.baseline);
    const row = (workload: string, values: number[], extra: Record<string, string | number> = {}) => ({
      workload,
      'events/s': median(values),
      seconds: log.events / median(values),
      ratio: median(values) / baseline,
      'ratios of the 3 runs': values.map((v, i) => (v / rates.baseline[i]).toFixed(2)).join(', '),
      ...extra,
    });
    ndjsonRows.push(
      row(`store readAll, ${log.events.toLocaleString('en-US')} events (baseline, in process)`, rates.baseline, {
        target: '',
      }),
      row('the export stream in process, into a sink (no HTTP)', rates.inProcess, { target: '' }),
      row('GET /v1/exports/events.ndjson (whole log, over HTTP)', rates.http, {
        target: '≥ 0.5×',
        'MiB sent': Math.round(bytes / 2 ** 20),
        'server RSS before → after MiB': `${before.rssMiB} → ${after.rssMiB}`,
        'server peak RSS MiB': after.peakMiB,
      }),
    );
  } finally {
    await log.stop();
  }

  const api = await benchApi((path) => prepareDecades(path, decades));
  const tableRows: BenchSection['rows'] = [];
  try {
    await api.get('/v1/overview'); // warm up (first read of the tables)
    const overview: number[] = [];
    const csv: number[] = [];
    let rows = 0;
    for (let i = 0; i < (opts.quick ? 3 : 5); i++) {
      overview.push((await api.get('/v1/overview?period=quarter')).seconds);
      const res = await api.get('/v1/exports/trajectories.csv?period=quarter');
      csv.push(res.seconds);
      rows = res.lines - 1;
    }
    const indicators = await api.get('/v1/exports/indicators.csv?period=quarter');
    const asOf = await api.get(
      `/v1/exports/trajectories.csv?period=quarter&asOf=${encodeURIComponent(new Date().toISOString())}`,
    );
    const base = medianSeconds(overview);
    tableRows.push(
      { workload: 'GET /v1/overview?period=quarter (baseline)', 'median ms': base * 1000, ratio: 1 },
      {
        workload: `GET /v1/exports/trajectories.csv?period=quarter (${rows.toLocaleString('en-US')} rows)`,
        'median ms': medianSeconds(csv) * 1000,
        ratio: medianSeconds(csv) / base,
      },
      {
        workload: 'GET /v1/exports/indicators.csv?period=quarter (one run)',
        'median ms': indicators.seconds * 1000,
        ratio: indicators.seconds / base,
      },
      {
        workload: 'GET /v1/exports/trajectories.csv?asOf=now (folded from the events, one run)',
        'median ms': asOf.seconds * 1000,
        ratio: asOf.seconds / base,
      },
    );
  } finally {
    await api.stop();
  }
  return [
    {
      title: `events.ndjson of the whole log (SQLite, ${logNetworks} networks of 1,000 events)`,
      rows: ndjsonRows,
      notes: [
        "The API runs in its own process (INDAGA_ROLE=api, no projection work); the client reads the body as it arrives. readAll is the store read in this process, pages of 1,000, events parsed; the export adds JSON serialisation and HTTP. Peak RSS is the server process's VmHWM (its whole life, start-up included).",
      ],
    },
    {
      title: `trajectories.csv and indicators.csv of ${decades} networks × 10 years (SQLite, read models rebuilt)`,
      rows: tableRows,
      notes: [
        'Without asOf the rows come from the network-views read model, network by network; with asOf every stream is folded from the store.',
      ],
    },
  ];
}
