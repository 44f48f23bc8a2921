import { Inject, Injectable } from '@nestjs/common';
import {
  applyToDraft,
  draftOf,
  NetworkEvent,
  NetworkState,
  NetworkStateDraft,
  networkDecider,
  toNetworkEvents,
} from '@indaga/domain';
import { EVENT_STORE, EventStore } from '@indaga/event-store';

interface Entry {
  version: number;
  /** Owned by the cache and advanced in place, so a write costs O(new events), not O(stream). */
  draft: NetworkStateDraft;
  /** False until a read of the store completed for this entry. */
  loaded: boolean;
}

export interface LoadedState {
  version: number;
  state: NetworkState;
}

/** How many networks' folded states stay in memory (an RME has tens of networks per region). */
export const STATE_CACHE_SIZE = 5_000;
const PAGE = 1_000;

/**
 * Folded decider state by stream, least recently used evicted. A write costs
 * the same on a 10-event and a 10,000-event network: it decides on the cached
 * state without reading the store, and a fresh load reads only the events
 * after the cached version (so another process's appends are still seen).
 *
 * The state is advanced in place. That is safe because state only ever moves
 * forward: a caller that decides on a state newer than the version it was
 * handed appends with that older expected version and gets a conflict, which
 * the handler retries on fresh state. Callers must use `state` synchronously
 * after `load` resolves and never keep it across an await.
 */
@Injectable()
export class NetworkStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The cached state, or with `fresh` (and for a stream not cached yet) the
   * cached state advanced by whatever the store holds after it. A cached
   * state may be behind appends made by other processes: callers append with
   * its version as the expected one, so staleness shows up as a conflict.
   */
  async load(streamId: string, options: { fresh?: boolean } = {}): Promise<LoadedState> {
    if (!options.fresh) {
      const cached = this.entries.get(streamId);
      if (cached?.loaded) {
        this.touch(streamId, cached);
        return { version: cached.version, state: cached.draft };
      }
    }
    for (;;) {
      const entry = this.entry(streamId);
      const from = entry.version;
      const events = await this.store.readStream(streamId, { fromVersion: from + 1, limit: PAGE });
      // Another load or write advanced the entry while we read: read again from its new version.
      if (entry.version !== from || this.entries.get(streamId) !== entry) continue;
      if (events.length > 0) this.advance(entry, toNetworkEvents(events), events[events.length - 1].version);
      if (events.length < PAGE) {
        entry.loaded = true;
        return { version: entry.version, state: entry.draft };
      }
    }
  }

  /** After a successful append at `fromVersion`: advance the cached state by the appended events. */
  appended(streamId: string, fromVersion: number, events: readonly NetworkEvent[]): void {
    const entry = this.entries.get(streamId);
    if (entry && entry.version === fromVersion) this.advance(entry, events, fromVersion + events.length);
  }

  private advance(entry: Entry, events: readonly NetworkEvent[], toVersion: number): void {
    for (const event of events) applyToDraft(entry.draft, event);
    entry.version = toVersion;
  }

  private entry(streamId: string): Entry {
    let entry = this.entries.get(streamId);
    if (!entry) {
      entry = { version: 0, draft: draftOf(networkDecider.initialState()), loaded: false };
      if (this.entries.size >= STATE_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.touch(streamId, entry);
    return entry;
  }

  /** Most recently used last. */
  private touch(streamId: string, entry: Entry): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
  }
}
