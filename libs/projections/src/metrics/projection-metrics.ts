import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { NETWORK_STREAM_PREFIX } from '@indaga/domain';
import { storeTelemetry, type EventStore, type StreamHead } from '@indaga/event-store';
import type { NetworkProjection } from '../projection';
import type { ReadModelStore } from '../read-models/read-model-store';
import { BullMqScheduler } from '../runner/bullmq-scheduler';
import { InProcessScheduler } from '../runner/in-process-scheduler';
import type { ProjectionScheduler } from '../runner/scheduler.port';
import { projectionTelemetry } from '../telemetry';
import { indexedNetworkHeads } from '../runner/stream-heads';

export interface OperationalMetricsDeps {
  store: EventStore;
  /** INDAGA_STORE: a process has one store, so it is a constant label. */
  storeKind: string;
  readModels: Pick<ReadModelStore, 'rows' | 'rebuilds' | 'parking'>;
  projections: readonly NetworkProjection[];
  scheduler: ProjectionScheduler;
}

/** Networks whose oldest unreflected event is looked up per scrape (the lag in seconds is the oldest among them). */
const LAG_AGE_SAMPLE = 50;
/** One scrape computes the gauges once, however many of them ask. */
const SNAPSHOT_TTL_MS = 1000;

interface ProjectionSnapshot {
  lagEvents: number;
  lagSeconds: number;
  parked: number;
  rebuilding: number;
  rebuildProgress: number;
}
interface Snapshot {
  projections: Map<string, ProjectionSnapshot>;
  queue: Record<string, number>;
}

/**
 * The metrics of the stores and projections, shared by the API and the
 * worker: counters and histograms fed by the libraries' telemetry (once per
 * batch or catch-up, never per network), and gauges computed when scraped
 * (lag, parked networks, rebuild progress, queue depth). No label carries a
 * network id, so the series count stays fixed however many networks exist.
 * Answers the function that unsubscribes (call it at shutdown).
 */
export function registerOperationalMetrics(registry: Registry, deps: OperationalMetricsDeps): () => void {
  const store = { store: deps.storeKind };
  const batchSize = new Histogram({
    name: 'indaga_append_batch_size',
    help: 'Appends committed together in one group-committed transaction',
    labelNames: ['store'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [registry],
  });
  const commitSeconds = new Histogram({
    name: 'indaga_append_commit_seconds',
    help: 'Time to write and commit one batch of appends (the durable flush included)',
    labelNames: ['store'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const conflicts = new Counter({
    name: 'indaga_append_conflicts_total',
    help: 'Appends refused because the stream had moved; the command handler retries them (unless If-Match was sent)',
    labelNames: ['store'] as const,
    registers: [registry],
  });
  const catchUps = new Histogram({
    name: 'indaga_catch_up_duration_seconds',
    help: 'Time to catch one network up in every projection, in this process',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'indaga_projection_job_failures_total',
    help: 'Failed attempts of projection jobs run by this process (retried with backoff, then the network is parked)',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  conflicts.inc(store, 0);
  for (const outcome of ['ok', 'failed']) catchUps.zero({ outcome });
  for (const job of ['catch-up', 'rebuild']) jobFailures.inc({ job }, 0);
  const unsubscribe = [
    storeTelemetry.subscribe({
      batchCommitted: (appends, seconds) => {
        batchSize.observe(store, appends);
        commitSeconds.observe(store, seconds);
      },
      appendConflicted: () => conflicts.inc(store),
    }),
    projectionTelemetry.subscribe({
      catchUpFinished: (seconds, failed) => catchUps.observe({ outcome: failed ? 'failed' : 'ok' }, seconds),
      jobFailed: (job) => jobFailures.inc({ job }),
    }),
  ];

  let cached: { at: number; snapshot: Promise<Snapshot> } | undefined;
  const snapshot = (): Promise<Snapshot> => {
    const now = Date.now();
    if (!cached || now - cached.at > SNAPSHOT_TTL_MS) {
      cached = { at: now, snapshot: takeSnapshot(deps) };
      cached.snapshot.catch(() => (cached = undefined));
    }
    return cached.snapshot;
  };
  const perProjection = (name: string, help: string, field: keyof ProjectionSnapshot) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [projection, s] of (await snapshot()).projections) this.set({ projection }, s[field]);
      },
    });
  perProjection(
    'indaga_projection_lag_events',
    'Events in network streams the active read model does not reflect yet',
    'lagEvents',
  );
  perProjection(
    'indaga_projection_lag_seconds',
    'Age of the oldest event not yet reflected (parked networks left out; 0 when caught up)',
    'lagSeconds',
  );
  perProjection('indaga_projection_parked_networks', 'Networks whose catch-up failed every retry', 'parked');
  perProjection('indaga_projection_rebuilding', '1 while a rebuild of the projection runs', 'rebuilding');
  perProjection(
    'indaga_projection_rebuild_progress',
    'Share of the log the running (or last) rebuild has processed, 0-1',
    'rebuildProgress',
  );
  new Gauge({
    name: 'indaga_queue_jobs',
    help: 'Projection jobs by state (BullMQ queue, or the in-process queue without REDIS_URL)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, n] of Object.entries((await snapshot()).queue)) this.set({ state }, n);
    },
  });
  return () => unsubscribe.forEach((u) => u());
}

async function takeSnapshot({
  store,
  readModels,
  projections: all,
  scheduler,
}: OperationalMetricsDeps): Promise<Snapshot> {
  const heads = await scrapeHeads(store, readModels, all);
  const projections = new Map<string, ProjectionSnapshot>();
  for (const { name } of all) {
    const status = await readModels.rebuilds.status(name);
    const versions = await readModels.rows.versions(name, status.activeGeneration);
    const parked = new Set((await readModels.parking.parked(name, status.activeGeneration)).map((p) => p.networkId));
    let lagEvents = 0;
    const behind: Array<{ streamId: string; from: number }> = [];
    for (const head of heads) {
      const networkId = head.streamId.slice(NETWORK_STREAM_PREFIX.length);
      const reflected = versions.get(networkId) ?? 0;
      if (head.version <= reflected) continue;
      lagEvents += head.version - reflected;
      if (!parked.has(networkId) && behind.length < LAG_AGE_SAMPLE)
        behind.push({ streamId: head.streamId, from: reflected + 1 });
    }
    let oldest = Date.now();
    for (const { streamId, from } of behind) {
      const [event] = await store.readStream(streamId, { fromVersion: from, limit: 1 });
      const recordedAt = Date.parse(String(event?.metadata?.recordedAt ?? ''));
      if (Number.isFinite(recordedAt)) oldest = Math.min(oldest, recordedAt);
    }
    const running = status.rebuildState === 'running';
    projections.set(name, {
      lagEvents,
      lagSeconds: Math.max(0, (Date.now() - oldest) / 1000),
      parked: parked.size,
      rebuilding: running ? 1 : 0,
      rebuildProgress: status.rebuildTotal
        ? Math.min(1, (status.rebuildProcessed ?? 0) / status.rebuildTotal)
        : running
          ? 0
          : 1,
    });
  }
  return { projections, queue: await queueDepth(scheduler) };
}

/**
 * Network streams and their versions at scrape time: the store's stream index
 * where it has one; else (KurrentDB) the networks the read models know, each
 * asked for its version (a cheap read per stream; never a scan of the log per
 * scrape). A network with no row yet is then missing from the lag until its
 * first catch-up.
 */
async function scrapeHeads(
  store: EventStore,
  readModels: OperationalMetricsDeps['readModels'],
  projections: readonly NetworkProjection[],
): Promise<StreamHead[]> {
  const indexed = await indexedNetworkHeads(store);
  if (indexed) return indexed;
  const known = new Set<string>();
  for (const { name } of projections) {
    const status = await readModels.rebuilds.status(name);
    for (const networkId of (await readModels.rows.versions(name, status.activeGeneration)).keys())
      known.add(networkId);
  }
  const heads: StreamHead[] = [];
  for (const networkId of known) {
    const streamId = `${NETWORK_STREAM_PREFIX}${networkId}`;
    heads.push({ streamId, version: await store.streamVersion(streamId) });
  }
  return heads;
}

async function queueDepth(scheduler: ProjectionScheduler): Promise<Record<string, number>> {
  if (scheduler instanceof BullMqScheduler) {
    const c = await scheduler.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    // Catch-ups are removed when they fail for good (their network is parked), so `failed` counts rebuilds only.
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
    };
  }
  if (scheduler instanceof InProcessScheduler) return { ...scheduler.backlog, delayed: 0, failed: 0 };
  return {};
}
