import type { NetworkCommand } from '../commands';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  command,
  NETWORK_ID,
  networkRegistered,
  REGISTERED_ON,
  schoolJoined,
  schoolLeft,
  sessionFields,
  TODAY,
} from '../testing/builders';
import { networkDecider } from './network-decider';

const spec = DeciderSpecification.for(networkDecider);
const registered = networkRegistered();

describe('RegisterNetwork', () => {
  it('registers a network', () => {
    spec
      .given([])
      .when(
        command('RegisterNetwork', {
          networkId: NETWORK_ID,
          name: 'Red Valparaíso Norte',
          region: 'Valparaíso',
          commune: 'Viña del Mar',
          registeredOn: '2024-01-10',
        }),
      )
      .then([
        {
          type: 'NetworkRegistered',
          data: {
            networkId: NETWORK_ID,
            name: 'Red Valparaíso Norte',
            region: 'Valparaíso',
            commune: 'Viña del Mar',
            registeredOn: '2024-01-10',
          },
        },
      ]);
  });

  it('copies only known fields into the event: no absent commune, no stray property', () => {
    const data = { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: '2024-01-10', isAdmin: true };
    spec
      .given([])
      .when(command('RegisterNetwork', data))
      .then([
        {
          type: 'NetworkRegistered',
          data: { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: '2024-01-10' },
        },
      ]);
  });

  it('accepts registeredOn = today', () => {
    spec
      .given([])
      .when(command('RegisterNetwork', { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: TODAY }))
      .then([
        { type: 'NetworkRegistered', data: { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: TODAY } },
      ]);
  });

  it('rejects registeredOn after today: DATE.OUT_OF_RANGE', () => {
    spec
      .given([])
      .when(command('RegisterNetwork', { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: '2025-01-01' }))
      .thenThrows('DATE.OUT_OF_RANGE', { field: 'registeredOn', value: '2025-01-01', today: TODAY });
  });

  it('rejects registering twice: NETWORK.ALREADY_REGISTERED', () => {
    spec
      .given([registered])
      .when(command('RegisterNetwork', { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: REGISTERED_ON }))
      .thenThrows('NETWORK.ALREADY_REGISTERED');
  });

  it('rejects a command whose metadata.today is not a calendar date: VALIDATION.FAILED', () => {
    spec
      .given([])
      .when(
        command(
          'RegisterNetwork',
          { networkId: NETWORK_ID, name: 'N', region: 'R', registeredOn: REGISTERED_ON },
          '31/12/2024',
        ),
      )
      .thenThrows('VALIDATION.FAILED', [{ field: 'metadata.today', message: 'must be a calendar date YYYY-MM-DD' }]);
  });
});

describe('any other command on an unregistered network: NETWORK.NOT_FOUND', () => {
  const commands: NetworkCommand[] = [
    command('JoinSchool', schoolJoined('A', '2024-02-01').data),
    command('LeaveSchool', { schoolId: 'A', leftOn: '2024-02-01' }),
    command('RecordSession', sessionFields('s1', '2024-02-01')),
    command('CorrectSession', { ...sessionFields('s1', '2024-02-01'), reason: 'typo' }),
    command('WithdrawSession', { sessionId: 's1', reason: 'typo' }),
    command('OpenInquiryCycle', {
      cycleId: 'c1',
      question: 'Q',
      orientation: 'innovation',
      schools: ['A'],
      openedOn: '2024-02-01',
    }),
    command('RecordJointAction', {
      cycleId: 'c1',
      actionId: 'a1',
      title: 'T',
      schools: ['A'],
      depthReached: 'classroom',
      classroomsReached: 1,
      teachersInvolved: 1,
      carriedOutOn: '2024-02-01',
    }),
    command('RecordCycleAnalysis', {
      cycleId: 'c1',
      findings: 'F',
      evidenceLevel: 'school',
      lessonsLearned: [],
      analysedOn: '2024-02-01',
    }),
    command('CloseInquiryCycle', { cycleId: 'c1', decision: 'abandon', closedOn: '2024-02-01' }),
  ];
  it.each(commands.map((c) => [c.type, c] as const))('%s', (_type, cmd) => {
    spec.given([]).when(cmd).thenThrows('NETWORK.NOT_FOUND');
  });
});

describe('JoinSchool', () => {
  it('adds a member school', () => {
    spec
      .given([registered])
      .when(
        command('JoinSchool', {
          schoolId: '10123',
          name: 'Escuela Básica Las Palmas',
          dependency: 'slep',
          zone: 'rural',
          levels: ['preschool', 'basic', 'basic'],
          joinedOn: '2024-02-01',
        }),
      )
      .then([
        {
          type: 'SchoolJoined',
          data: {
            schoolId: '10123',
            name: 'Escuela Básica Las Palmas',
            dependency: 'slep',
            zone: 'rural',
            levels: ['preschool', 'basic'],
            joinedOn: '2024-02-01',
          },
        },
      ]);
  });

  it('accepts joinedOn = registeredOn', () => {
    spec
      .given([registered])
      .when(command('JoinSchool', schoolJoined('A', REGISTERED_ON).data))
      .then([schoolJoined('A', REGISTERED_ON)]);
  });

  it('rejects a second join while the membership is open: SCHOOL.ALREADY_MEMBER', () => {
    spec
      .given([registered, schoolJoined('A', '2024-02-01')])
      .when(command('JoinSchool', schoolJoined('A', '2024-05-01').data))
      .thenThrows('SCHOOL.ALREADY_MEMBER', { schoolId: 'A', joinedOn: '2024-05-01' });
  });

  it('rejects a join dated before an open membership (the intervals would overlap): SCHOOL.ALREADY_MEMBER', () => {
    spec
      .given([registered, schoolJoined('A', '2024-05-01')])
      .when(command('JoinSchool', schoolJoined('A', '2024-02-01').data))
      .thenThrows('SCHOOL.ALREADY_MEMBER');
  });

  it('lets a school that left rejoin, even on the day it left', () => {
    spec
      .given([registered, schoolJoined('A', '2024-02-01'), schoolLeft('A', '2024-06-01')])
      .when(command('JoinSchool', schoolJoined('A', '2024-06-01').data))
      .then([schoolJoined('A', '2024-06-01')]);
  });

  it('rejects a rejoin dated before the end of the earlier membership: SCHOOL.ALREADY_MEMBER', () => {
    spec
      .given([registered, schoolJoined('A', '2024-02-01'), schoolLeft('A', '2024-06-01')])
      .when(command('JoinSchool', schoolJoined('A', '2024-05-31').data))
      .thenThrows('SCHOOL.ALREADY_MEMBER');
  });

  it('rejects joinedOn before registration: DATE.OUT_OF_RANGE', () => {
    spec
      .given([registered])
      .when(command('JoinSchool', schoolJoined('A', '2024-01-09').data))
      .thenThrows('DATE.OUT_OF_RANGE', { field: 'joinedOn', value: '2024-01-09', registeredOn: REGISTERED_ON });
  });

  it('rejects joinedOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given([registered])
      .when(command('JoinSchool', schoolJoined('A', '2025-01-01').data))
      .thenThrows('DATE.OUT_OF_RANGE');
  });

  it('rejects a school with no level: VALIDATION.FAILED', () => {
    spec
      .given([registered])
      .when(command('JoinSchool', schoolJoined('A', '2024-02-01', { levels: [] }).data))
      .thenThrows('VALIDATION.FAILED', [{ field: 'levels', message: 'must have at least one item' }]);
  });
});

describe('LeaveSchool', () => {
  const joinedA = schoolJoined('A', '2024-02-01');

  it('ends the membership', () => {
    spec
      .given([registered, joinedA])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2024-07-01', reason: 'merged with another school' }))
      .then([
        { type: 'SchoolLeft', data: { schoolId: 'A', leftOn: '2024-07-01', reason: 'merged with another school' } },
      ]);
  });

  it('allows leaving on the day the school joined', () => {
    spec
      .given([registered, joinedA])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2024-02-01' }))
      .then([schoolLeft('A', '2024-02-01')]);
  });

  it('rejects a school that never joined: SCHOOL.NOT_MEMBER', () => {
    spec
      .given([registered, joinedA])
      .when(command('LeaveSchool', { schoolId: 'Z', leftOn: '2024-07-01' }))
      .thenThrows('SCHOOL.NOT_MEMBER', { schoolIds: ['Z'], date: '2024-07-01' });
  });

  it('rejects leaving before joining: SCHOOL.NOT_MEMBER', () => {
    spec
      .given([registered, joinedA])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2024-01-31' }))
      .thenThrows('SCHOOL.NOT_MEMBER');
  });

  it('rejects leaving twice, even dated inside the ended membership: SCHOOL.NOT_MEMBER', () => {
    spec
      .given([registered, joinedA, schoolLeft('A', '2024-07-01')])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2024-03-01' }))
      .thenThrows('SCHOOL.NOT_MEMBER');
  });

  it('ends the current membership of a school that rejoined', () => {
    spec
      .given([registered, joinedA, schoolLeft('A', '2024-04-01'), schoolJoined('A', '2024-06-01')])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2024-09-01' }))
      .then([schoolLeft('A', '2024-09-01')]);
  });

  it('rejects leftOn in the future: DATE.OUT_OF_RANGE', () => {
    spec
      .given([registered, joinedA])
      .when(command('LeaveSchool', { schoolId: 'A', leftOn: '2025-01-01' }))
      .thenThrows('DATE.OUT_OF_RANGE');
  });
});
