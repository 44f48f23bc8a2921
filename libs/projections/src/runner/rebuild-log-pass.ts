import { NETWORK_STREAM_PREFIX, toNetworkEvents } from '@indaga/domain';
import type { EventStore, StreamHead } from '@indaga/event-store';
import type { NetworkProjection } from '../projection';
import type { ReadModelRows } from '../read-models/read-model-rows';
import type { ProjectionRunner } from './projection-runner';

/** Events read from the log per page. */
const LOG_PAGE = 10_000;
/** Events held in unfinished documents at most; past it the biggest is dropped and that network rebuilt on its own. */
export const MAX_OPEN_EVENTS = 250_000;

export interface LogPassOptions {
  /** Called after each page with the events folded so far; answers false to stop (cancelled, superseded, shutting down). */
  onPage: (folded: number) => Promise<boolean>;
  maxOpenEvents?: number;
  pageSize?: number;
}

export interface LogPassResult {
  /** False when onPage stopped the pass. */
  completed: boolean;
  /** Networks written by the pass (their rows hold their head version). */
  written: Set<string>;
}

interface Open {
  doc: unknown;
  version: number;
}

/**
 * The first pass of a rebuild: the global log read once in position order
 * (the store's cheapest read; reading stream by stream costs an index lookup
 * per event), each network's events folded into its document as they come,
 * and a network's row written as soon as its document reaches the version
 * its stream had when the rebuild started. Networks that already have a row
 * (a resumed rebuild, a live catch-up of the new generation), whose fold
 * throws, or whose document was dropped to bound memory are left to the
 * second pass, the runner's own stream-by-stream catch-up.
 */
export async function foldLogIntoRows(
  { store, rows, runner }: { store: EventStore; rows: ReadModelRows; runner: ProjectionRunner },
  projection: NetworkProjection,
  generation: number,
  heads: readonly StreamHead[],
  options: LogPassOptions,
): Promise<LogPassResult> {
  const maxOpen = options.maxOpenEvents ?? MAX_OPEN_EVENTS;
  const pageSize = options.pageSize ?? LOG_PAGE;
  const existing = await rows.versions(projection.name, generation);
  const target = new Map<string, number>();
  for (const head of heads) target.set(head.streamId, head.version);
  for (const networkId of existing.keys()) target.delete(`${NETWORK_STREAM_PREFIX}${networkId}`);
  const end = await store.headPosition();
  const open = new Map<string, Open>();
  const written = new Set<string>();
  let openEvents = 0;
  let folded = 0;
  for (let after = 0; after < end && target.size > 0;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    // Consecutive events of one stream are folded together.
    for (let i = 0; i < page.length;) {
      const streamId = page[i].streamId;
      let j = i + 1;
      while (j < page.length && page[j].streamId === streamId) j++;
      const head = target.get(streamId);
      if (head !== undefined) {
        const run = page.slice(i, j).filter((e) => e.version <= head && e.position <= end);
        const state = open.get(streamId) ?? { doc: projection.initial(), version: 0 };
        try {
          state.doc = projection.evolve(state.doc, toNetworkEvents(run));
          state.version = run.length > 0 ? run[run.length - 1].version : state.version;
          folded += run.length;
          openEvents += run.length;
          open.set(streamId, state);
        } catch {
          // A poison event: the second pass parks the network with the error.
          openEvents -= state.version;
          open.delete(streamId);
          target.delete(streamId);
        }
        if (state.version >= head && target.has(streamId)) {
          const networkId = streamId.slice(NETWORK_STREAM_PREFIX.length);
          if (await runner.writeFolded(projection, generation, networkId, state.doc, state.version))
            written.add(networkId);
          openEvents -= state.version;
          open.delete(streamId);
          target.delete(streamId);
        }
      }
      i = j;
    }
    while (openEvents > maxOpen) {
      let biggest: [string, Open] | undefined;
      for (const entry of open) if (!biggest || entry[1].version > biggest[1].version) biggest = entry;
      if (!biggest) break;
      openEvents -= biggest[1].version;
      open.delete(biggest[0]);
      target.delete(biggest[0]);
    }
    if (!(await options.onPage(folded))) return { completed: false, written };
  }
  return { completed: true, written };
}
