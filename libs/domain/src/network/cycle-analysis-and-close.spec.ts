import { DeciderSpecification } from '../testing/decider-specification';
import {
  analysisRecorded,
  command,
  cycleClosed,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  schoolLeft,
} from '../testing/builders';
import { foldNetworkState } from './evolve';
import { networkDecider } from './network-decider';

const spec = DeciderSpecification.for(networkDecider);
// A, B members from February; C joins 2024-05-01; B leaves 2024-06-01.
const network = [
  networkRegistered(),
  schoolJoined('A', '2024-02-01'),
  schoolJoined('B', '2024-02-01'),
  schoolJoined('C', '2024-05-01'),
  schoolLeft('B', '2024-06-01'),
];
const opened = cycleOpened('c1', '2024-03-01', ['A', 'B']);
const acted = jointAction('c1', 'a1', '2024-03-10', ['A', 'B']);
const analysed = analysisRecorded('c1', '2024-04-01');

describe('RecordCycleAnalysis', () => {
  it('records an analysis', () => {
    spec
      .given([...network, opened, acted])
      .when(
        command('RecordCycleAnalysis', {
          cycleId: 'c1',
          findings: 'Feedback became more specific in 5 of 6 classrooms.',
          evidenceLevel: 'classroom',
          predictionMet: 'partly',
          lessonsLearned: ['Observe in pairs', 'Share rubrics first'],
          analysedOn: '2024-04-01',
        }),
      )
      .then([
        analysisRecorded('c1', '2024-04-01', {
          findings: 'Feedback became more specific in 5 of 6 classrooms.',
          evidenceLevel: 'classroom',
          predictionMet: 'partly',
          lessonsLearned: ['Observe in pairs', 'Share rubrics first'],
        }),
      ]);
  });

  it('allows a second analysis of the same cycle', () => {
    spec
      .given([...network, opened, acted, analysed])
      .when(command('RecordCycleAnalysis', analysisRecorded('c1', '2024-05-01').data))
      .then([analysisRecorded('c1', '2024-05-01')]);
  });

  it('rejects analysing a cycle with no joint action: CYCLE.NO_JOINT_ACTION', () => {
    spec
      .given([...network, opened])
      .when(command('RecordCycleAnalysis', analysed.data))
      .thenThrows('CYCLE.NO_JOINT_ACTION', { cycleId: 'c1' });
  });

  it('rejects an analysis dated before the earliest joint action (recorded out of order): CYCLE.DATE_ORDER', () => {
    const later = jointAction('c1', 'a0', '2024-03-20', ['A']);
    spec
      .given([...network, opened, later, acted])
      .when(command('RecordCycleAnalysis', analysisRecorded('c1', '2024-03-09').data))
      .thenThrows('CYCLE.DATE_ORDER', { field: 'analysedOn', value: '2024-03-09', notBefore: '2024-03-10' });
  });

  it('accepts an analysis on the day of the first action', () => {
    spec
      .given([...network, opened, acted])
      .when(command('RecordCycleAnalysis', analysisRecorded('c1', '2024-03-10').data))
      .then([analysisRecorded('c1', '2024-03-10')]);
  });

  it('rejects an unknown cycle: CYCLE.NOT_FOUND', () => {
    spec.given(network).when(command('RecordCycleAnalysis', analysed.data)).thenThrows('CYCLE.NOT_FOUND');
  });

  it('rejects a closed cycle: CYCLE.NOT_OPEN', () => {
    spec
      .given([...network, opened, acted, analysed, cycleClosed('c1', 'adopt', '2024-04-02')])
      .when(command('RecordCycleAnalysis', analysisRecorded('c1', '2024-04-03').data))
      .thenThrows('CYCLE.NOT_OPEN');
  });

  it('rejects analysedOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given([...network, opened, acted])
      .when(command('RecordCycleAnalysis', analysisRecorded('c1', '2025-01-01').data))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});

describe('CloseInquiryCycle', () => {
  it('closes an analysed cycle with a decision', () => {
    spec
      .given([...network, opened, acted, analysed])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'spread', closedOn: '2024-04-01' }))
      .then([{ type: 'InquiryCycleClosed', data: { cycleId: 'c1', decision: 'spread', closedOn: '2024-04-01' } }]);
  });

  it.each(['adopt', 'adapt', 'spread'] as const)('rejects %s without an analysis: CYCLE.NOT_ANALYSED', (decision) => {
    spec
      .given([...network, opened, acted])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision, closedOn: '2024-04-01' }))
      .thenThrows('CYCLE.NOT_ANALYSED', { cycleId: 'c1', decision });
  });

  it('allows abandoning a cycle still at its question, on the day it opened', () => {
    spec
      .given([...network, opened])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-03-01' }))
      .then([cycleClosed('c1', 'abandon', '2024-03-01')]);
  });

  it('rejects abandoning before the cycle opened: CYCLE.DATE_ORDER', () => {
    spec
      .given([...network, opened])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-02-28' }))
      .thenThrows('CYCLE.DATE_ORDER');
  });

  it('rejects abandoning before the latest joint action: CYCLE.DATE_ORDER', () => {
    spec
      .given([...network, opened, acted])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-03-09' }))
      .thenThrows('CYCLE.DATE_ORDER', { field: 'closedOn', value: '2024-03-09', notBefore: '2024-03-10' });
  });

  it('rejects closing before the latest analysis: CYCLE.DATE_ORDER', () => {
    spec
      .given([...network, opened, acted, analysed, analysisRecorded('c1', '2024-04-20')])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'adopt', closedOn: '2024-04-19' }))
      .thenThrows('CYCLE.DATE_ORDER', { field: 'closedOn', value: '2024-04-19', notBefore: '2024-04-20' });
  });

  it('rejects closing before a joint action recorded after the analysis: CYCLE.DATE_ORDER', () => {
    // The analysis is the latest step recorded, but not the latest date: the action after it is.
    spec
      .given([...network, opened, acted, analysed, jointAction('c1', 'a2', '2024-04-15', ['A'])])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'adopt', closedOn: '2024-04-10' }))
      .thenThrows('CYCLE.DATE_ORDER', { field: 'closedOn', value: '2024-04-10', notBefore: '2024-04-15' });
    spec
      .given([...network, opened, acted, analysed, jointAction('c1', 'a2', '2024-04-15', ['A'])])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'adopt', closedOn: '2024-04-15' }))
      .then([cycleClosed('c1', 'adopt', '2024-04-15')]);
  });

  it('rejects closing twice: CYCLE.NOT_OPEN', () => {
    spec
      .given([...network, opened, cycleClosed('c1', 'abandon', '2024-03-02')])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-03-03' }))
      .thenThrows('CYCLE.NOT_OPEN');
  });

  it('rejects an unknown cycle: CYCLE.NOT_FOUND', () => {
    spec
      .given(network)
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-03-03' }))
      .thenThrows('CYCLE.NOT_FOUND');
  });

  it('rejects closedOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given([...network, opened, acted, analysed])
      .when(command('CloseInquiryCycle', { cycleId: 'c1', decision: 'adopt', closedOn: '2025-01-01' }))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});

describe('cycle phase in the decider state', () => {
  const phaseAfter = (events: Parameters<typeof foldNetworkState>[0]) =>
    foldNetworkState(events).cycles.get('c1')?.phase;

  it('goes question → joint_action → analysis → closed, and stays in analysis after a later action', () => {
    expect(phaseAfter([...network, opened])).toBe('question');
    expect(phaseAfter([...network, opened, acted])).toBe('joint_action');
    expect(phaseAfter([...network, opened, acted, analysed])).toBe('analysis');
    expect(phaseAfter([...network, opened, acted, analysed, jointAction('c1', 'a2', '2024-04-10', ['A'])])).toBe(
      'analysis',
    );
    expect(phaseAfter([...network, opened, acted, analysed, cycleClosed('c1', 'adopt', '2024-04-30')])).toBe('closed');
  });

  it('remembers the earliest action date and the latest analysis date', () => {
    const state = foldNetworkState([
      ...network,
      opened,
      jointAction('c1', 'a2', '2024-03-20', ['A']),
      acted,
      analysisRecorded('c1', '2024-04-20'),
      analysed,
    ]);
    expect(state.cycles.get('c1')).toEqual({
      phase: 'analysis',
      openedOn: '2024-03-01',
      firstActionOn: '2024-03-10',
      latestActionOn: '2024-03-20',
      lastAnalysisOn: '2024-04-20',
    });
  });
});
