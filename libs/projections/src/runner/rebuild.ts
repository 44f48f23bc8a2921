import { NETWORK_STREAM_PREFIX } from '@indaga/domain';
import type { EventStore } from '@indaga/event-store';
import type { NetworkProjection } from '../projection';
import type { ReadModelStore } from '../read-models/read-model-store';
import type { ProjectionRunner } from './projection-runner';
import { foldLogIntoRows } from './rebuild-log-pass';
import { networkStreamHeads } from './stream-heads';

export interface RebuildProgress {
  processed: number;
  total: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => Promise<void> | void;
  /** Set when the process is shutting down: stop between networks; the rebuild resumes at the next start. */
  signal?: { aborted: boolean };
  /** Report progress after at least this many more events. */
  progressEvery?: number;
  /** Events per page of the log pass (default 10,000). */
  logPageSize?: number;
  /** Events held in unfinished documents during the log pass (default MAX_OPEN_EVENTS). */
  maxOpenEvents?: number;
}

export type RebuildOutcome = 'switched' | 'cancelled' | 'superseded' | 'interrupted';

/**
 * Replays the whole log into a new generation of one projection while the
 * active generation keeps answering, then switches atomically. One pass over
 * the log in position order writes most rows (memory bounded, see
 * foldLogIntoRows); the runner's stream-by-stream catch-up does the rest.
 * Rows are compare-and-set, so a redelivered job resumes where rows exist and
 * live catch-ups of the rebuilding generation can run alongside.
 */
export class Rebuilder {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: Pick<ReadModelStore, 'rows' | 'rebuilds' | 'parking'>,
    private readonly runner: ProjectionRunner,
    private readonly projections: readonly NetworkProjection[],
  ) {}

  /** Rebuilds `generation` of one projection (claimed beforehand with RebuildStates.startRebuild). */
  async run(projectionName: string, generation: number, options: RebuildOptions = {}): Promise<RebuildOutcome> {
    const projection = this.projections.find((p) => p.name === projectionName);
    if (!projection) throw new Error(`unknown projection ${projectionName}`);
    return rebuild(this.store, this.readModels, this.runner, projection, generation, options);
  }
}

async function rebuild(
  store: EventStore,
  readModels: Pick<ReadModelStore, 'rows' | 'rebuilds' | 'parking'>,
  runner: ProjectionRunner,
  projection: NetworkProjection,
  generation: number,
  options: RebuildOptions,
): Promise<RebuildOutcome> {
  const { onProgress = () => undefined, signal = { aborted: false }, progressEvery = 10_000 } = options;
  const projectionName = projection.name;
  const heads = await networkStreamHeads(store);
  const total = heads.reduce((sum, h) => sum + h.version, 0);
  let processed = 0;
  let lastReport = 0;
  const report = async (done: number) => {
    processed = Math.min(done, total);
    if (processed - lastReport >= progressEvery || processed === total) {
      lastReport = processed;
      await readModels.rebuilds.rebuildProgress(projectionName, generation, processed, total);
      await onProgress({ processed, total });
    }
  };
  const stopped = async (): Promise<RebuildOutcome | undefined> => {
    if (signal.aborted) return 'interrupted';
    const status = await readModels.rebuilds.status(projectionName);
    if (status.rebuildGeneration === generation && status.rebuildState === 'running') return undefined;
    return status.rebuildState === 'cancelled' ? 'cancelled' : 'superseded';
  };

  let stop: RebuildOutcome | undefined;
  const pass = await foldLogIntoRows({ store, rows: readModels.rows, runner }, projection, generation, heads, {
    pageSize: options.logPageSize,
    maxOpenEvents: options.maxOpenEvents,
    onPage: async (folded) => {
      stop = await stopped();
      if (!stop) await report(folded);
      return !stop;
    },
  });
  if (!pass.completed) return stop ?? 'interrupted';
  // Second pass: the networks the log pass left (see foldLogIntoRows), stream by stream.
  let done = processed;
  for (const head of heads) {
    const networkId = head.streamId.slice(NETWORK_STREAM_PREFIX.length);
    if (pass.written.has(networkId)) continue;
    stop = await stopped();
    if (stop) return stop;
    try {
      await runner.catchUp(projection, generation, networkId, {
        pageSize: 10_000,
        remember: false,
        storeDocument: false,
      });
    } catch (err) {
      // A poison event parks this network in the new generation too; the rest is rebuilt.
      await readModels.parking.park(projectionName, generation, networkId, (err as Error).message);
    }
    done += head.version;
    await report(done);
  }
  processed = total;
  await readModels.rebuilds.rebuildProgress(projectionName, generation, processed, total);
  await onProgress({ processed, total });
  if (!(await readModels.rebuilds.activate(projectionName, generation))) {
    const status = await readModels.rebuilds.status(projectionName);
    return status.rebuildState === 'cancelled' ? 'cancelled' : 'superseded';
  }
  runner.forget(projectionName);
  await readModels.rebuilds.dropInactive(projectionName, generation);
  return 'switched';
}
