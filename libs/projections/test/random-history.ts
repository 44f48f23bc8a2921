import fc from 'fast-check';
import {
  ACTIVITY_KINDS,
  DECISIONS,
  DEPTH_LEVELS,
  DomainError,
  EVIDENCE_LEVELS,
  FACILITATORS,
  NetworkCommand,
  networkDecider,
  NetworkEvent,
  ORIENTATIONS,
} from '@indaga/domain';

const TODAY = '2026-11-26';
const SCHOOLS = ['s1', 's2', 's3', 's4', 's5'];
const date = fc
  .integer({ min: 0, max: 700 })
  .map((d) => new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const schools = fc.subarray(SCHOOLS, { minLength: 1 });
const id = (prefix: string, max = 6) => fc.integer({ min: 1, max }).map((n) => `${prefix}${n}`);
const cmd =
  <T extends NetworkCommand['type']>(type: T) =>
  (data: object) =>
    ({ type, data, metadata: { today: TODAY } }) as unknown as NetworkCommand;

const session = fc.record({
  sessionId: id('ses'),
  heldOn: date,
  facilitator: fc.constantFrom(...FACILITATORS),
  schoolsPresent: schools,
  attendance: fc.record({
    principals: fc.nat(5),
    utpHeads: fc.nat(5),
    teachers: fc.nat(20),
    sostenedorReps: fc.nat(2),
    supervisors: fc.nat(2),
  }),
  activities: fc.array(
    fc.record({ kind: fc.constantFrom(...ACTIVITY_KINDS), minutes: fc.integer({ min: 1, max: 120 }) }),
    { minLength: 1, maxLength: 4 },
  ),
});

const dayAfter = (d: string, days: number) => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);

/** A cycle's life: opened, 0-3 joint actions, maybe analysed, maybe closed, dates moving forward. */
const cycleStory = fc
  .record({
    cycleId: fc.integer({ min: 1, max: 10_000 }).map((n) => `c${n}`),
    orientation: fc.constantFrom(...ORIENTATIONS),
    schools,
    openedOn: date,
    actions: fc.array(
      fc.record({
        schools,
        depthReached: fc.constantFrom(...DEPTH_LEVELS),
        classroomsReached: fc.nat(10),
        teachersInvolved: fc.nat(10),
        after: fc.nat(60),
      }),
      { maxLength: 3 },
    ),
    analysis: fc.option(fc.record({ evidenceLevel: fc.constantFrom(...EVIDENCE_LEVELS), after: fc.nat(60) })),
    close: fc.option(fc.record({ decision: fc.constantFrom(...DECISIONS), after: fc.nat(30) })),
  })
  .map(({ cycleId, orientation, schools: cycleSchools, openedOn, actions, analysis, close }) => {
    const commands = [
      cmd('OpenInquiryCycle')({ cycleId, question: '¿Funciona?', orientation, schools: cycleSchools, openedOn }),
    ];
    let last = openedOn;
    actions.forEach((a, i) => {
      last = dayAfter(last, a.after);
      commands.push(
        cmd('RecordJointAction')({
          cycleId,
          actionId: `${cycleId}-a${i}`,
          title: 'acción',
          schools: a.schools,
          depthReached: a.depthReached,
          classroomsReached: a.classroomsReached,
          teachersInvolved: a.teachersInvolved,
          carriedOutOn: last,
        }),
      );
    });
    if (analysis) {
      last = dayAfter(last, analysis.after);
      commands.push(
        cmd('RecordCycleAnalysis')({
          cycleId,
          findings: 'hallazgos',
          evidenceLevel: analysis.evidenceLevel,
          lessonsLearned: ['una'],
          analysedOn: last,
        }),
      );
    }
    if (close)
      commands.push(
        cmd('CloseInquiryCycle')({ cycleId, decision: close.decision, closedOn: dayAfter(last, close.after) }),
      );
    return commands;
  });

/**
 * Random histories over a small id space, so that corrections, withdrawals,
 * leaving, rejoining and cycle phases collide often. Most commands are
 * valid; the decider refuses the rest, and only decided events are kept.
 */
export const historyArb: fc.Arbitrary<NetworkCommand[]> = fc
  .array(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc
          .record({ schoolId: fc.constantFrom(...SCHOOLS), joinedOn: date })
          .map(({ schoolId, joinedOn }) => [
            cmd('JoinSchool')({
              schoolId,
              name: `Escuela ${schoolId}`,
              dependency: 'slep',
              zone: schoolId === 's1' ? 'urban' : 'rural',
              levels: ['basic'],
              joinedOn,
            }),
          ]),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ schoolId: fc.constantFrom(...SCHOOLS), leftOn: date })
          .map((l) => [cmd('LeaveSchool')(l)]),
      },
      { weight: 6, arbitrary: session.map((s) => [cmd('RecordSession')(s)]) },
      { weight: 2, arbitrary: session.map((s) => [cmd('CorrectSession')({ ...s, reason: 'corrección' })]) },
      {
        weight: 1,
        arbitrary: id('ses').map((sessionId) => [cmd('WithdrawSession')({ sessionId, reason: 'retirada' })]),
      },
      { weight: 3, arbitrary: cycleStory },
    ),
    { minLength: 5, maxLength: 30 },
  )
  .map((items) => items.flat());

export const registerCommand = (networkId: string, region = 'Maule'): NetworkCommand =>
  cmd('RegisterNetwork')({ networkId, name: `Red ${networkId}`, region, registeredOn: '2016-01-01' });

/** A network registered with every school of the pool joining on its first day, so random commands mostly apply. */
export const foundingCommands = (networkId: string, region = 'Maule'): NetworkCommand[] => [
  registerCommand(networkId, region),
  ...SCHOOLS.map((schoolId, i) =>
    cmd('JoinSchool')({
      schoolId,
      name: `Escuela ${schoolId}`,
      dependency: i % 2 ? 'municipal' : 'slep',
      zone: i === 0 ? 'urban' : 'rural',
      levels: ['basic'],
      joinedOn: '2016-01-01',
    }),
  ),
];

/** The events the decider accepts, as the API would record them; refused commands are dropped. */
export function decided(commands: NetworkCommand[]): NetworkEvent[] {
  let state = networkDecider.initialState();
  const events: NetworkEvent[] = [];
  for (const command of commands) {
    try {
      const out = networkDecider.decide(command, state);
      state = out.reduce(networkDecider.evolve, state);
      events.push(...out);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return events;
}
