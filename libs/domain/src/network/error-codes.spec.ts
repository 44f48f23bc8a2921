// One scenario per domain error code, so that a new code cannot be added
// without a rule that produces it.
import type { NetworkCommand } from '../commands';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '../errors';
import type { NetworkEvent } from '../events';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  analysisRecorded,
  command,
  cycleClosed,
  cycleOpened,
  jointAction,
  networkRegistered,
  schoolJoined,
  sessionFields,
  sessionHeld,
} from '../testing/builders';
import { networkDecider } from './network-decider';

const spec = DeciderSpecification.for(networkDecider);
const base: NetworkEvent[] = [networkRegistered(), schoolJoined('A', '2024-02-01'), schoolJoined('B', '2024-02-01')];
const opened = cycleOpened('c1', '2024-03-01', ['A', 'B']);
const acted = jointAction('c1', 'a1', '2024-03-10', ['A', 'B']);

const scenarios: Record<DomainErrorCode, [NetworkEvent[], NetworkCommand]> = {
  'NETWORK.NOT_FOUND': [[], command('JoinSchool', schoolJoined('A', '2024-02-01').data)],
  'NETWORK.ALREADY_REGISTERED': [base, command('RegisterNetwork', networkRegistered().data)],
  'SCHOOL.ALREADY_MEMBER': [base, command('JoinSchool', schoolJoined('A', '2024-03-01').data)],
  'SCHOOL.NOT_MEMBER': [base, command('RecordSession', sessionFields('s1', '2024-03-01', { schoolsPresent: ['Z'] }))],
  'SESSION.ALREADY_RECORDED': [
    [...base, sessionHeld('s1', '2024-03-01')],
    command('RecordSession', sessionFields('s1', '2024-03-02')),
  ],
  'SESSION.NOT_FOUND': [base, command('WithdrawSession', { sessionId: 's1', reason: 'r' })],
  'CYCLE.NOT_OPEN': [
    [...base, opened, cycleClosed('c1', 'abandon', '2024-03-02')],
    command('RecordJointAction', acted.data),
  ],
  'CYCLE.NO_JOINT_ACTION': [
    [...base, opened],
    command('RecordCycleAnalysis', analysisRecorded('c1', '2024-03-20').data),
  ],
  'CYCLE.NOT_ANALYSED': [
    [...base, opened, acted],
    command('CloseInquiryCycle', { cycleId: 'c1', decision: 'adopt', closedOn: '2024-03-20' }),
  ],
  'CYCLE.DATE_ORDER': [
    [...base, opened, acted],
    command('RecordCycleAnalysis', analysisRecorded('c1', '2024-03-05').data),
  ],
  'DATE.OUT_OF_RANGE': [base, command('RecordSession', sessionFields('s1', '2025-06-01'))],
  'CYCLE.NOT_FOUND': [base, command('RecordJointAction', acted.data)],
  'CYCLE.ALREADY_OPENED': [[...base, opened], command('OpenInquiryCycle', opened.data)],
  'ACTION.ALREADY_RECORDED': [[...base, opened, acted], command('RecordJointAction', acted.data)],
  'REDACTION.UNKNOWN_VERSION': [
    base,
    { ...command('RedactText', { versions: [2, 9], reason: 'r' }), metadata: { today: '2024-06-30', version: 3 } },
  ],
  'VALIDATION.FAILED': [base, command('OpenInquiryCycle', cycleOpened('c2', '2024-03-01', []).data)],
};

describe('every domain error code has a rule that raises it', () => {
  it('covers every code', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
  });

  it.each(Object.entries(scenarios) as [DomainErrorCode, [NetworkEvent[], NetworkCommand]][])(
    '%s',
    (code, [given, when]) => {
      const error = spec.given(given).when(when).thenThrows(code);
      expect(error.name).toBe('DomainError');
      expect(error.message.length).toBeGreaterThan(0);
    },
  );
});
