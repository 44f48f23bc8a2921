import fc from 'fast-check';
import type { NetworkEvent } from '../events';
import {
  analysisRecorded,
  cycleClosed,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
  sessionCorrected,
  sessionHeld,
  sessionWithdrawn,
} from '../testing/builders';
import { evolveHistory, foldHistory } from './evolve-history';
import { cyclePhase, initialHistory, latestFactDate } from './network-history';

const stream: NetworkEvent[] = [
  networkRegistered({ commune: 'Quilpué' }),
  schoolJoined('A', '2024-02-01'),
  schoolJoined('B', '2024-02-01', { zone: 'rural', dependency: 'slep' }),
  sessionHeld('s1', '2024-02-10', { schoolsPresent: ['A', 'B'] }),
  sessionHeld('s2', '2024-03-10'),
  sessionHeld('s3', '2024-03-20'),
  cycleOpened('c1', '2024-03-01', ['A', 'B'], { prediction: 'More talk', orientation: 'innovation' }),
  jointAction('c1', 'a1', '2024-03-15', ['A', 'B'], { depthReached: 'classroom' }),
  sessionCorrected('s2', '2024-04-02', { schoolsPresent: ['B'] }),
  sessionWithdrawn('s3'),
  schoolLeft('A', '2024-05-01'),
  analysisRecorded('c1', '2024-04-20', { evidenceLevel: 'classroom', predictionMet: 'yes' }),
  schoolJoined('A', '2024-06-01', { name: 'Liceo A', levels: ['secondary_tp'] }),
  cycleClosed('c1', 'adopt', '2024-06-15'),
  cycleOpened('c2', '2024-07-01', ['A']),
];

describe('evolveHistory', () => {
  const history = foldHistory(stream);

  it('keeps the network, every membership interval and each school’s attributes from its latest join', () => {
    expect(history).toMatchObject({
      networkId: 'red-valparaiso-1',
      name: 'Red Valparaíso Norte',
      region: 'Valparaíso',
      commune: 'Quilpué',
      registeredOn: '2024-01-10',
    });
    expect(history.memberships).toEqual([
      { schoolId: 'A', joinedOn: '2024-02-01', leftOn: '2024-05-01' },
      { schoolId: 'B', joinedOn: '2024-02-01' },
      { schoolId: 'A', joinedOn: '2024-06-01' },
    ]);
    expect(history.schools).toEqual([
      { schoolId: 'A', name: 'Liceo A', dependency: 'municipal', zone: 'urban', levels: ['secondary_tp'] },
      { schoolId: 'B', name: 'Escuela B', dependency: 'slep', zone: 'rural', levels: ['basic'] },
    ]);
  });

  it('keeps live sessions only, each in its corrected form and in its original place', () => {
    expect(history.sessions.map((s) => [s.sessionId, s.heldOn, s.schoolsPresent])).toEqual([
      ['s1', '2024-02-10', ['A', 'B']],
      ['s2', '2024-04-02', ['B']],
    ]);
    // The correction's reason is not part of the session.
    expect(history.sessions[1]).not.toHaveProperty('reason');
  });

  it('keeps cycles with their actions, analyses and close', () => {
    expect(history.cycles).toHaveLength(2);
    const [c1, c2] = history.cycles;
    expect(c1).toMatchObject({ cycleId: 'c1', prediction: 'More talk', closedOn: '2024-06-15', decision: 'adopt' });
    expect(c1?.actions.map((a) => a.actionId)).toEqual(['a1']);
    expect(c1?.analyses.map((a) => [a.analysedOn, a.evidenceLevel, a.predictionMet])).toEqual([
      ['2024-04-20', 'classroom', 'yes'],
    ]);
    expect(c1 && cyclePhase(c1)).toBe('closed');
    expect(c2 && cyclePhase(c2)).toBe('question');
    expect(c2).not.toHaveProperty('prediction');
  });

  it('gives each cycle phase from its facts', () => {
    const phases = (events: NetworkEvent[]) => foldHistory(events).cycles.map(cyclePhase);
    const start = [networkRegistered(), schoolJoined('A', '2024-02-01'), cycleOpened('c1', '2024-03-01', ['A'])];
    expect(phases(start)).toEqual(['question']);
    expect(phases([...start, jointAction('c1', 'a1', '2024-03-02', ['A'])])).toEqual(['joint_action']);
    expect(
      phases([...start, jointAction('c1', 'a1', '2024-03-02', ['A']), analysisRecorded('c1', '2024-03-03')]),
    ).toEqual(['analysis']);
  });

  it('copies known fields only, so stray properties of stored events do not leak into the document', () => {
    const event = {
      ...sessionHeld('s9', '2024-02-11'),
      data: { ...sessionHeld('s9', '2024-02-11').data, secret: 'x' },
    } as NetworkEvent;
    const folded = evolveHistory(foldHistory(stream.slice(0, 3)), event);
    expect(folded.sessions[0]).not.toHaveProperty('secret');
  });

  it('does not modify the history it is given', () => {
    const before = foldHistory(stream.slice(0, 5));
    const snapshot = JSON.parse(JSON.stringify(before));
    evolveHistory(before, sessionCorrected('s1', '2024-02-12'));
    evolveHistory(before, sessionWithdrawn('s2'));
    evolveHistory(before, schoolLeft('A', '2024-03-01'));
    expect(before).toEqual(snapshot);
  });

  it('is plain JSON: a JSON round trip gives the same value', () => {
    expect(JSON.parse(JSON.stringify(history))).toStrictEqual(history);
    expect(JSON.parse(JSON.stringify(initialHistory()))).toStrictEqual(initialHistory());
  });

  it('gives the same value folded incrementally through stored JSON documents as folded at once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 6 }), (cuts) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), stream.length];
        let document = initialHistory();
        for (let i = 0; i + 1 < bounds.length; i++) {
          const stored = JSON.parse(JSON.stringify(document));
          document = foldHistory(stream.slice(bounds[i], bounds[i + 1]), stored);
        }
        expect(document).toStrictEqual(history);
      }),
    );
  });
});

describe('latestFactDate', () => {
  it('is null before registration and registeredOn right after it', () => {
    expect(latestFactDate(initialHistory())).toBeNull();
    expect(latestFactDate(foldHistory([networkRegistered()]))).toBe('2024-01-10');
  });

  it('ignores withdrawn sessions and uses a corrected session’s new date', () => {
    const base = [networkRegistered(), schoolJoined('A', '2024-02-01')];
    expect(latestFactDate(foldHistory([...base, sessionHeld('s1', '2024-09-01'), sessionWithdrawn('s1')]))).toBe(
      '2024-02-01',
    );
    expect(
      latestFactDate(foldHistory([...base, sessionHeld('s1', '2024-09-01'), sessionCorrected('s1', '2024-03-01')])),
    ).toBe('2024-03-01');
  });

  it('considers every …On field: leftOn, openedOn, carriedOutOn, analysedOn, closedOn', () => {
    expect(latestFactDate(foldHistory(stream))).toBe('2024-07-01');
    expect(latestFactDate(foldHistory(stream.slice(0, 14)))).toBe('2024-06-15');
    expect(latestFactDate(foldHistory(stream.slice(0, 11)))).toBe('2024-05-01');
  });
});
