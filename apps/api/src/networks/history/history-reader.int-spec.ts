import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldHistory, NetworkEvent, networkStreamId } from '@indaga/domain';
import {
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionHeld,
  sessionWithdrawn,
  NETWORK_ID,
} from '@indaga/domain/testing';
import { EventStore, openSqliteEventStore } from '@indaga/event-store';
import { HistoryReader } from './history-reader';
import { SNAPSHOT_EVERY } from './history-snapshots';

/** 2,600 events: joins, sessions, corrections and withdrawals of earlier sessions, a school leaving. */
function longHistory(): NetworkEvent[] {
  const events: NetworkEvent[] = [
    networkRegistered(),
    schoolJoined('10123', '2024-01-10'),
    schoolJoined('10456', '2024-01-10'),
  ];
  for (let i = 0; events.length < 2_600; i++) {
    const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    events.push(sessionHeld(`s${i}`, day, { schoolsPresent: ['10123'] }));
    if (i % 7 === 3) events.push(sessionCorrected(`s${i - 2}`, day, { schoolsPresent: ['10123', '10456'] }));
    if (i % 11 === 5) events.push(sessionWithdrawn(`s${i - 4}`));
    if (i === 1_500) events.push(schoolLeft('10456', day));
  }
  return events;
}

describe('HistoryReader', () => {
  let dir: string;
  let store: EventStore;
  const events = longHistory();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'history-reader-'));
    store = await openSqliteEventStore({ path: join(dir, 'events.db') });
    // Recorded in batches, so that recordedAt (asOf) advances along the stream.
    for (let i = 0; i < events.length; i += 200) {
      await store.appendToStream(networkStreamId(NETWORK_ID), events.slice(i, i + 200), { expectedVersion: 'any' });
      await new Promise((r) => setTimeout(r, 3));
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every version the same from snapshots as the pure fold of the events up to it', async () => {
    const reader = new HistoryReader(store);
    await reader.at(NETWORK_ID); // takes snapshots at 1,000 and 2,000
    const versions = [
      1,
      SNAPSHOT_EVERY - 1,
      SNAPSHOT_EVERY,
      SNAPSHOT_EVERY + 1,
      1_999,
      2 * SNAPSHOT_EVERY,
      2 * SNAPSHOT_EVERY + 37,
      events.length,
    ];
    for (const version of versions) {
      const at = await reader.at(NETWORK_ID, { version });
      expect(at.version).toBe(version);
      expect(at.history).toEqual(foldHistory(events.slice(0, version)));
    }
    // Reading after the snapshots were used changed none of them.
    expect((await reader.at(NETWORK_ID, { version: SNAPSHOT_EVERY })).history).toEqual(
      foldHistory(events.slice(0, SNAPSHOT_EVERY)),
    );
  });

  it('answers asOf moments the same from snapshots as the pure fold of what was recorded by then', async () => {
    const recorded = await store.readStream(networkStreamId(NETWORK_ID), { limit: 10_000 });
    const reader = new HistoryReader(store);
    await reader.at(NETWORK_ID);
    for (const i of [150, 999, 1_000, 1_450, 2_050, events.length - 1]) {
      const asOf = recorded[i].metadata.recordedAt;
      const known = recorded.filter((e) => e.metadata.recordedAt <= asOf).length;
      const at = await reader.at(NETWORK_ID, { asOf });
      expect(at.version).toBe(known);
      expect(at.history).toEqual(foldHistory(events.slice(0, known)));
    }
  });
});
