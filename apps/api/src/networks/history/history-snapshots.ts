import type { NetworkHistory } from '@indaga/domain';

/** A snapshot is kept at every multiple of this many versions. */
export const SNAPSHOT_EVERY = 1_000;
/** Networks whose snapshots are kept (least recently used dropped first). */
const MAX_NETWORKS = 64;

export interface HistorySnapshot {
  version: number;
  /** recordedAt of the event at `version`, in ms: the snapshot serves asOf at or after it. */
  recordedAt: number;
  history: NetworkHistory;
}

/**
 * Folded histories of long streams at every SNAPSHOT_EVERY versions, so that
 * time travel to version 10,000 folds at most 999 events, not 10,000. A
 * stream's events never change, so a snapshot is never stale. Snapshots of
 * one network share the (never mutated) objects inside their histories, so
 * they cost little more memory than the latest one.
 */
export class HistorySnapshots {
  private readonly byNetwork = new Map<string, HistorySnapshot[]>();

  /** The latest snapshot at or before `version` and recorded by `asOf` (ms), if any. */
  latest(networkId: string, until: { version?: number; asOf?: number }): HistorySnapshot | undefined {
    const snapshots = this.byNetwork.get(networkId);
    if (!snapshots) return undefined;
    this.byNetwork.delete(networkId);
    this.byNetwork.set(networkId, snapshots);
    for (let i = snapshots.length - 1; i >= 0; i--) {
      const s = snapshots[i];
      if (
        (until.version === undefined || s.version <= until.version) &&
        (until.asOf === undefined || s.recordedAt <= until.asOf)
      )
        return s;
    }
    return undefined;
  }

  /** Keeps `snapshot` if its version is a multiple of SNAPSHOT_EVERY not kept yet. */
  offer(networkId: string, snapshot: HistorySnapshot): void {
    if (snapshot.version === 0 || snapshot.version % SNAPSHOT_EVERY !== 0) return;
    let snapshots = this.byNetwork.get(networkId);
    if (!snapshots) {
      if (this.byNetwork.size >= MAX_NETWORKS) this.byNetwork.delete(this.byNetwork.keys().next().value as string);
      snapshots = [];
      this.byNetwork.set(networkId, snapshots);
    }
    if (snapshots.some((s) => s.version === snapshot.version)) return;
    snapshots.push(snapshot);
    snapshots.sort((a, b) => a.version - b.version);
  }
}
