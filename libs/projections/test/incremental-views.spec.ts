import fc from 'fast-check';
import { foldHistory, NetworkEvent, NetworkHistory } from '@indaga/domain';
import {
  analysisRecorded,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionHeld,
  sessionWithdrawn,
} from '@indaga/domain/testing';
import { minutesMix } from '@indaga/domain/testing';
import type { NetworkProjection } from '../src/projection';
import { joinParts, partsChange, TextParts } from '../src/read-models/text-parts';
import { PROJECTIONS } from '../src/registry';
import { decided, foundingCommands, historyArb } from './random-history';

/** Parts as the read-model table holds them, changed only by what the runner would write. */
class StoredParts {
  private readonly stored = new Map<number, string>();
  private last: TextParts | undefined;

  write(parts: TextParts): string {
    const change = partsChange(this.last, parts);
    if (change.replace) this.stored.clear();
    for (const seq of change.deletes) this.stored.delete(seq);
    for (const [seq, text] of change.upserts) this.stored.set(seq, text);
    this.last = parts;
    return joinParts(this.stored);
  }
}

/**
 * Folds `events` in chunks through the projection with one serializer kept
 * across chunks (as the runner does), and checks after every chunk that the
 * stored parts, updated with only what changed, join to exactly
 * JSON.stringify of the pure document and view over every event so far.
 */
function expectIncrementalEqualsPure(projection: NetworkProjection, events: NetworkEvent[], chunks: number[]): void {
  const serializer = projection.serializer!();
  const [document, view] = [new StoredParts(), new StoredParts()];
  let doc = projection.initial();
  let done = 0;
  for (let i = 0; done < events.length; i++) {
    const size = chunks[i % chunks.length];
    doc = projection.evolve(doc, events.slice(done, done + size));
    done = Math.min(events.length, done + size);
    const pure = projection.evolve(projection.initial(), events.slice(0, done));
    expect(document.write(serializer.document(doc))).toBe(JSON.stringify(pure));
    expect(view.write(serializer.view(doc, done))).toBe(JSON.stringify(projection.view(pure, done)));
  }
}

describe('incremental read-model texts', () => {
  it.each(PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s: after every catch-up of random histories, the serializer = JSON of the pure functions over all events',
    (_, projection) => {
      fc.assert(
        fc.property(
          historyArb,
          historyArb,
          fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
          (a, b, chunks) => {
            const events = decided([...foundingCommands('red-inc'), ...a, ...b]);
            expectIncrementalEqualsPure(projection, events, chunks);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  // Facts that reach back into old periods, one catch-up each (chunks of 1).
  const late: NetworkEvent[] = [
    networkRegistered({ registeredOn: '2024-01-10' }),
    schoolJoined('A', '2024-01-10'),
    schoolJoined('B', '2024-01-10'),
    schoolJoined('C', '2024-02-01'),
    cycleOpened('c1', '2024-02-01', ['A', 'B']),
    jointAction('c1', 'a1', '2024-02-10', ['A', 'B'], { depthReached: 'classroom' }),
    sessionHeld('s1', '2024-02-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(40, 60, 0) }),
    sessionHeld('s2', '2024-08-20', { schoolsPresent: ['A', 'C'], activities: minutesMix(10, 10, 80) }),
    sessionHeld('s3', '2024-11-02', { schoolsPresent: ['B'], activities: minutesMix(90, 10, 0) }),
    // recorded late into the first quarter
    sessionHeld('s4', '2024-03-30', {
      schoolsPresent: ['C'],
      facilitator: 'sostenedor',
      activities: minutesMix(0, 0, 50),
    }),
    jointAction('c1', 'a2', '2024-03-05', ['A', 'C'], { depthReached: 'students' }),
    // corrected into another quarter, then back
    sessionCorrected('s2', '2024-05-15', { schoolsPresent: ['A', 'C'] }),
    sessionCorrected('s2', '2024-08-21', { schoolsPresent: ['B', 'C'], activities: minutesMix(0, 30, 30) }),
    // an analysis dated in an old quarter: completion and evidence rates of every later period
    analysisRecorded('c1', '2024-04-02', { evidenceLevel: 'classroom' }),
    // a school leaving on an old date: members, reach and attendance from then on
    schoolLeft('B', '2024-06-30'),
    cycleOpened('c2', '2024-03-01', ['A'], { orientation: 'innovation' }),
    // the latest fact withdrawn: the trajectory gets shorter
    sessionWithdrawn('s3'),
    sessionWithdrawn('s4'),
    schoolJoined('B', '2024-09-01', { name: 'Escuela B (vuelve)' }),
    sessionHeld('s5', '2024-09-02', { schoolsPresent: ['B'] }),
  ];

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s: late sessions, corrections, withdrawals, late analyses and schools leaving touch old periods',
    (_, projection) => {
      expectIncrementalEqualsPure(projection, late, [1]);
      expectIncrementalEqualsPure(projection, late, [3, 1, 2]);
    },
  );

  // Facts dated on a period's last day, recorded after later periods were computed: the period they end must
  // be recomputed too (a comparison with `>` instead of `>=` against the period's end would keep it stale).
  const onLastDays: NetworkEvent[] = [
    networkRegistered({ registeredOn: '2024-01-10' }),
    schoolJoined('A', '2024-01-10'),
    schoolJoined('B', '2024-01-10'),
    cycleOpened('c1', '2024-02-01', ['A', 'B']),
    jointAction('c1', 'a1', '2024-02-10', ['A', 'B'], { depthReached: 'classroom' }),
    sessionHeld('s1', '2024-03-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(40, 60, 0) }),
    sessionHeld('s2', '2024-08-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(10, 10, 80) }),
    // recorded late, each dated on the last day of a period already computed
    schoolJoined('C', '2024-03-31'),
    cycleOpened('c2', '2024-06-30', ['A', 'C'], { orientation: 'innovation' }),
    jointAction('c2', 'a2', '2024-06-30', ['A', 'C']),
    analysisRecorded('c1', '2024-03-31', { evidenceLevel: 'classroom' }),
    schoolLeft('B', '2024-06-30'),
  ];

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s: a school joining, a cycle opened or analysed on a period’s last day recompute that period',
    (_, projection) => {
      expectIncrementalEqualsPure(projection, onLastDays, [1]);
    },
  );

  it('a serializer handed an unrelated history recomputes what differs', () => {
    const projection = PROJECTIONS[0] as NetworkProjection<NetworkHistory>;
    const serializer = projection.serializer!();
    const one = foldHistory(late);
    const other = foldHistory(late.slice(0, 9));
    for (const doc of [one, other, one])
      expect(joinParts(serializer.view(doc, 7))).toBe(JSON.stringify(projection.view(doc, 7)));
  });
});
