import { Inject, Injectable } from '@nestjs/common';
import { foldHistory, NetworkHistory, networkStreamId, toNetworkEvents } from '@indaga/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@indaga/event-store';
import { ApiError } from '../../http/api-error';
import { HistorySnapshots, SNAPSHOT_EVERY } from './history-snapshots';

const PAGE = SNAPSHOT_EVERY;

export interface HistoryAt {
  version: number;
  history: NetworkHistory;
}

/**
 * Replays a network's stream up to a version or a moment (straight from the
 * event store, no projection), folding page by page so memory stays flat,
 * from the nearest snapshot of the same stream when there is one.
 */
@Injectable()
export class HistoryReader {
  private readonly snapshots = new HistorySnapshots();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async at(networkId: string, until: { version?: number; asOf?: string } = {}): Promise<HistoryAt> {
    const streamId = networkStreamId(networkId);
    const asOf = until.asOf === undefined ? undefined : new Date(until.asOf).getTime();
    const snapshot = this.snapshots.latest(networkId, { version: until.version, asOf });
    let history: NetworkHistory | undefined = snapshot?.history;
    let version = snapshot?.version ?? 0;
    // Pages end on multiples of PAGE (= SNAPSHOT_EVERY), where snapshots are taken.
    for (let from = version + 1; ;) {
      const page = await this.store.readStream(streamId, { fromVersion: from, toVersion: until.version, limit: PAGE });
      const known = asOf === undefined ? page : takeWhileRecordedBy(page, asOf);
      if (known.length > 0) {
        const last = known[known.length - 1];
        history = foldHistory(toNetworkEvents(known), history);
        version = last.version;
        this.snapshots.offer(networkId, { version, recordedAt: new Date(last.metadata.recordedAt).getTime(), history });
      }
      if (page.length < PAGE || known.length < page.length) break;
      from = page[page.length - 1].version + 1;
    }
    if (!history || version === 0) {
      throw new ApiError(
        'NETWORK.NOT_FOUND',
        `network ${networkId} ${until.asOf || until.version ? 'did not exist then' : 'is not registered'}`,
      );
    }
    if (until.version !== undefined && version < until.version) {
      throw new ApiError(
        'VERSION.NOT_FOUND',
        `network ${networkId} has no version ${until.version} (it is at ${version})`,
        {
          currentVersion: version,
        },
      );
    }
    return { version, history };
  }
}

/** The events the service had recorded by `asOf` (a stream's recordedAt grows with its version). */
function takeWhileRecordedBy(page: RecordedEvent[], asOf: number): RecordedEvent[] {
  const end = page.findIndex((e) => new Date(e.metadata.recordedAt).getTime() > asOf);
  return end === -1 ? page : page.slice(0, end);
}
