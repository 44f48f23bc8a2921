import type { NetworkEvent } from '../events';
import {
  analysisRecorded,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  sessionHeld,
  sessionWithdrawn,
} from '../testing/builders';
import { applyToDraft, draftOf, foldNetworkState } from './evolve';
import { OverlayMap, OverlaySet, roundDraftOf } from './round-draft';

const snapshot = (state: ReturnType<typeof foldNetworkState>) => ({
  ...state,
  memberships: [...state.memberships],
  sessions: [...state.sessions],
  cycles: [...state.cycles],
  actionIds: [...state.actionIds],
});

describe('a round draft (decisions in a row over a state that must not change)', () => {
  const base = foldNetworkState([
    networkRegistered(),
    schoolJoined('A', '2024-02-01'),
    sessionHeld('s1', '2024-03-01'),
    sessionHeld('s2', '2024-03-02'),
    cycleOpened('c1', '2024-03-05', ['A']),
    jointAction('c1', 'a1', '2024-03-06', ['A']),
  ]);
  const round: NetworkEvent[] = [
    schoolJoined('B', '2024-04-01'),
    sessionHeld('s3', '2024-04-02'),
    sessionWithdrawn('s1'),
    jointAction('c1', 'a2', '2024-04-03', ['A']),
    analysisRecorded('c1', '2024-04-04'),
    cycleOpened('c2', '2024-04-05', ['A', 'B']),
    jointAction('c2', 'a1', '2024-04-06', ['B']), // an id the base holds: the set counts it once
  ];

  it('answers every read as a full copy advanced by the same events would, and leaves the state as it was', () => {
    const before = snapshot(base);
    const full = draftOf(base);
    const overlay = roundDraftOf(base);
    for (const event of round) {
      applyToDraft(full, event);
      applyToDraft(overlay, event);
    }
    expect(snapshot(base)).toEqual(before);
    expect(snapshot(overlay)).toEqual(snapshot(full));
    for (const id of ['s1', 's2', 's3', 's4']) {
      expect([overlay.sessions.has(id), overlay.sessions.get(id)]).toEqual([
        full.sessions.has(id),
        full.sessions.get(id),
      ]);
    }
    for (const id of ['c1', 'c2', 'c3']) expect(overlay.cycles.get(id)).toEqual(full.cycles.get(id));
    expect([overlay.sessions.size, overlay.cycles.size, overlay.actionIds.size]).toEqual([3, 2, 2]);
    expect(overlay.memberships).toEqual(full.memberships);
  });

  it('iterates, counts and visits like a Map and a Set', () => {
    const map = new OverlayMap(
      new Map([
        ['x', 1],
        ['y', 2],
      ]),
    )
      .set('y', 3)
      .set('z', 4);
    expect([map.size, [...map], [...map.keys()], [...map.values()], [...map.entries()]]).toEqual([
      3,
      [
        ['x', 1],
        ['y', 3],
        ['z', 4],
      ],
      ['x', 'y', 'z'],
      [1, 3, 4],
      [
        ['x', 1],
        ['y', 3],
        ['z', 4],
      ],
    ]);
    const seen: string[] = [];
    map.forEach((v, k, m) => seen.push(`${k}${v}${m === map}`));
    expect(seen).toEqual(['x1true', 'y3true', 'z4true']);
    const set = new OverlaySet(new Set(['a'])).add('a').add('b');
    expect([set.size, [...set], set.has('a'), set.has('c')]).toEqual([2, ['a', 'b'], true, false]);
  });
});
