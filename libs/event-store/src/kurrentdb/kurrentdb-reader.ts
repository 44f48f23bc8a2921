import {
  BACKWARDS,
  END,
  FORWARDS,
  type KurrentDBClient,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { allRange, streamRange } from '../internal/read-options';
import { safePosition, toRecorded } from './kurrentdb-events';
import type { StreamNames } from './kurrentdb-names';
import { liveValue } from './kurrentdb-records';

/**
 * Every read the adapter makes, each the cheapest server call that answers it
 * (the table in libs/event-store/README.md). Errors are the client's; the store
 * maps them.
 */
export class KurrentDbReader {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly names: StreamNames,
  ) {}

  /** One page: forwards from revision fromVersion - 1, at most the page's count. */
  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { fromVersion, toVersion, limit } = streamRange(options, Number.MAX_SAFE_INTEGER);
    const count = Math.min(limit, toVersion - fromVersion + 1);
    if (count <= 0) return [];
    const read = this.client.readStream(this.names.wire(streamId), {
      fromRevision: BigInt(Math.max(fromVersion, 1) - 1),
      maxCount: count,
      direction: FORWARDS,
    });
    return collect(read, (e) => toRecorded(e, streamId));
  }

  /** Reading from a position includes the event at it, so one more is asked for and what is not after `after` dropped. */
  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, limit } = allRange(options);
    const read = this.client.readAll({
      fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
      maxCount: limit + 1,
      direction: FORWARDS,
      filter: this.names.filter,
    });
    const events: RecordedEvent[] = [];
    for await (const resolved of read) {
      const event = toRecorded(resolved, this.names.streamIdOf(resolved));
      if (event.position <= after) continue;
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  /** The stream's last event, read backwards: one event whatever the stream's length. */
  async streamVersion(streamId: string): Promise<number> {
    const [last] = await collect(this.lastOf(this.names.wire(streamId)), (e) => e);
    return last ? Number(last.event!.revision) + 1 : 0;
  }

  /** The last indaga event in $all, read backwards through the same server-side filter as readAll. */
  async headPosition(): Promise<number> {
    const read = this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: this.names.filter,
    });
    const [last] = await collect(read, (e) => e);
    return last ? safePosition(last.event!.position!.commit) : 0;
  }

  /** The record stream's last record, if still live. */
  async readRecord(scope: string, key: string): Promise<string | undefined> {
    const [last] = await collect(this.lastOf(this.names.record(scope, key)), (e) => e);
    return liveValue(last, Date.now());
  }

  /** The cheapest read there is: one event of $all, backwards, unfiltered. */
  async ping(): Promise<void> {
    await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), (e) => e);
  }

  private lastOf(stream: string): AsyncIterable<ResolvedEvent> {
    return this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  }
}

/** Drains a client read, mapping each event; a stream that does not exist reads as empty. */
async function collect<T>(read: AsyncIterable<ResolvedEvent>, map: (e: ResolvedEvent) => T): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const resolved of read) out.push(map(resolved));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return out;
    throw error;
  }
  return out;
}
