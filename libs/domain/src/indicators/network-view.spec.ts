import type { NetworkEvent } from '../events';
import { foldHistory } from '../history/evolve-history';
import { initialHistory } from '../history/network-history';
import { minutesMix } from '../testing/activities';
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
import { cycleView, latestSessionDate, networkSummary, networkView } from './network-view';

const events: NetworkEvent[] = [
  networkRegistered({ commune: 'Quilpué' }),
  schoolJoined('A', '2024-01-15', { zone: 'rural', dependency: 'slep' }),
  schoolJoined('B', '2024-01-15'),
  schoolJoined('C', '2024-01-15', { dependency: 'subsidized_private' }),
  cycleOpened('c1', '2024-02-01', ['A', 'B'], { focus: 'Reading' }),
  jointAction('c1', 'a1', '2024-02-10', ['A', 'B']),
  // Q1 is collaborative: 60 of 100 minutes.
  sessionHeld('s1', '2024-02-20', { schoolsPresent: ['A', 'B'], activities: minutesMix(40, 60, 0) }),
  analysisRecorded('c1', '2024-03-01', { evidenceLevel: 'classroom' }),
  cycleClosed('c1', 'adapt', '2024-03-15'),
  cycleOpened('c2', '2024-04-01', ['B']),
  // Q2 has a withdrawn session only, so no level; A leaves then rejoins with new attributes; C leaves.
  sessionHeld('s2', '2024-04-20', { activities: minutesMix(100, 0, 0) }),
  sessionWithdrawn('s2'),
  schoolLeft('A', '2024-05-01'),
  schoolJoined('A', '2024-06-01', { name: 'Escuela A (fusionada)', zone: 'urban', dependency: 'slep' }),
  schoolLeft('C', '2024-06-10'),
];
const history = foldHistory(events);

describe('networkView', () => {
  it('shows the current members (with their latest attributes and since when), live sessions and cycles with phase', () => {
    expect(networkView(history, 15)).toEqual({
      networkId: 'red-valparaiso-1',
      name: 'Red Valparaíso Norte',
      region: 'Valparaíso',
      commune: 'Quilpué',
      registeredOn: '2024-01-10',
      schools: [
        {
          schoolId: 'B',
          name: 'Escuela B',
          dependency: 'municipal',
          zone: 'urban',
          levels: ['basic'],
          since: '2024-01-15',
        },
        {
          schoolId: 'A',
          name: 'Escuela A (fusionada)',
          dependency: 'slep',
          zone: 'urban',
          levels: ['basic'],
          since: '2024-06-01',
        },
      ],
      sessions: 1,
      cycles: [
        {
          cycleId: 'c1',
          question: expect.any(String),
          orientation: 'improvement',
          phase: 'closed',
          schools: ['A', 'B'],
          openedOn: '2024-02-01',
          jointActions: 1,
          analyses: 1,
          closedOn: '2024-03-15',
          decision: 'adapt',
        },
        {
          cycleId: 'c2',
          question: expect.any(String),
          orientation: 'improvement',
          phase: 'question',
          schools: ['B'],
          openedOn: '2024-04-01',
          jointActions: 0,
          analyses: 0,
        },
      ],
      version: 15,
    });
  });
});

describe('cycleView', () => {
  it('shows a cycle with its phase, actions and analyses', () => {
    const view = cycleView(history, 'c1');
    expect(view).toMatchObject({
      cycleId: 'c1',
      focus: 'Reading',
      phase: 'closed',
      decision: 'adapt',
      closedOn: '2024-03-15',
    });
    expect(view?.actions.map((a) => a.actionId)).toEqual(['a1']);
    expect(view?.analyses.map((a) => a.evidenceLevel)).toEqual(['classroom']);
  });

  it('is null for a cycle the network does not have', () => {
    expect(cycleView(history, 'nope')).toBeNull();
    expect(cycleView(history, 'constructor')).toBeNull();
  });
});

describe('networkSummary', () => {
  it('takes the level of the latest quarter that has one, and the composition of current members', () => {
    expect(networkSummary(history)).toEqual({
      networkId: 'red-valparaiso-1',
      name: 'Red Valparaíso Norte',
      region: 'Valparaíso',
      commune: 'Quilpué',
      schools: 2,
      currentLevel: 'collaborative',
      currentLevelPeriod: '2024-Q1',
      composition: {
        byZone: { urban: 2, rural: 0 },
        byDependency: { municipal: 1, slep: 1, subsidized_private: 0, other: 0 },
      },
    });
  });

  it('has no level before any session minutes', () => {
    expect(networkSummary(foldHistory([networkRegistered()]))).toMatchObject({
      schools: 0,
      currentLevel: null,
      currentLevelPeriod: null,
    });
    expect(networkSummary(initialHistory())).toMatchObject({ networkId: null, currentLevel: null });
  });
});

describe('latestSessionDate', () => {
  it('is the latest date of a live session: a corrected date counts, a withdrawn session does not', () => {
    const history = foldHistory([
      networkRegistered(),
      schoolJoined('A', '2024-01-15'),
      sessionHeld('s1', '2024-02-20'),
      sessionHeld('s2', '2024-05-02'),
      sessionHeld('s3', '2024-03-01'),
      sessionWithdrawn('s2'),
      sessionCorrected('s1', '2024-04-10'),
    ]);
    expect(latestSessionDate(history)).toBe('2024-04-10');
    expect(latestSessionDate(foldHistory([networkRegistered()]))).toBeNull();
  });
});
