// Small builders for events and commands in specs: sensible defaults, and
// the one or two fields a spec is about passed explicitly.
import type { NetworkCommand, NetworkCommandType } from '../commands';
import type { Decision } from '../enums';
import type {
  CycleAnalysisRecorded,
  CycleAnalysisRecordedData,
  InquiryCycleClosed,
  InquiryCycleOpened,
  InquiryCycleOpenedData,
  JointActionCarriedOut,
  JointActionCarriedOutData,
  NetworkRegistered,
  NetworkRegisteredData,
  SchoolJoined,
  SchoolJoinedData,
  SchoolLeft,
  SessionCorrected,
  SessionFields,
  SessionHeld,
  SessionWithdrawn,
} from '../events';

export const NETWORK_ID = 'red-valparaiso-1';
export const REGISTERED_ON = '2024-01-10';
export const TODAY = '2024-12-31';

export type CommandOf<T extends NetworkCommandType> = Extract<NetworkCommand, { type: T }>;

export function command<T extends NetworkCommandType>(
  type: T,
  data: CommandOf<T>['data'],
  today = TODAY,
): CommandOf<T> {
  return { type, data, metadata: { today } } as CommandOf<T>;
}

export function networkRegistered(over: Partial<NetworkRegisteredData> = {}): NetworkRegistered {
  return {
    type: 'NetworkRegistered',
    data: {
      networkId: NETWORK_ID,
      name: 'Red Valparaíso Norte',
      region: 'Valparaíso',
      registeredOn: REGISTERED_ON,
      ...over,
    },
  };
}

export function schoolJoined(schoolId: string, joinedOn: string, over: Partial<SchoolJoinedData> = {}): SchoolJoined {
  return {
    type: 'SchoolJoined',
    data: {
      schoolId,
      name: `Escuela ${schoolId}`,
      dependency: 'municipal',
      zone: 'urban',
      levels: ['basic'],
      joinedOn,
      ...over,
    },
  };
}

export function schoolLeft(schoolId: string, leftOn: string): SchoolLeft {
  return { type: 'SchoolLeft', data: { schoolId, leftOn } };
}

export function sessionFields(sessionId: string, heldOn: string, over: Partial<SessionFields> = {}): SessionFields {
  return {
    sessionId,
    heldOn,
    facilitator: 'ministry_supervisor',
    schoolsPresent: ['A'],
    attendance: { principals: 1, utpHeads: 1, teachers: 0, sostenedorReps: 0, supervisors: 1 },
    activities: [{ kind: 'policy_briefing', minutes: 60 }],
    ...over,
  };
}

export function sessionHeld(sessionId: string, heldOn: string, over: Partial<SessionFields> = {}): SessionHeld {
  return { type: 'SessionHeld', data: sessionFields(sessionId, heldOn, over) };
}

export function sessionCorrected(
  sessionId: string,
  heldOn: string,
  over: Partial<SessionFields> = {},
  reason = 'wrong date',
): SessionCorrected {
  return { type: 'SessionCorrected', data: { ...sessionFields(sessionId, heldOn, over), reason } };
}

export function sessionWithdrawn(sessionId: string, reason = 'recorded twice'): SessionWithdrawn {
  return { type: 'SessionWithdrawn', data: { sessionId, reason } };
}

export function cycleOpened(
  cycleId: string,
  openedOn: string,
  schools: string[],
  over: Partial<InquiryCycleOpenedData> = {},
): InquiryCycleOpened {
  return {
    type: 'InquiryCycleOpened',
    data: {
      cycleId,
      question: 'Does peer feedback improve reading comprehension in 4th grade?',
      orientation: 'improvement',
      schools,
      openedOn,
      ...over,
    },
  };
}

export function jointAction(
  cycleId: string,
  actionId: string,
  carriedOutOn: string,
  schools: string[],
  over: Partial<JointActionCarriedOutData> = {},
): JointActionCarriedOut {
  return {
    type: 'JointActionCarriedOut',
    data: {
      cycleId,
      actionId,
      title: 'Shared reading lesson',
      schools,
      depthReached: 'teachers',
      classroomsReached: 0,
      teachersInvolved: 0,
      carriedOutOn,
      ...over,
    },
  };
}

export function analysisRecorded(
  cycleId: string,
  analysedOn: string,
  over: Partial<CycleAnalysisRecordedData> = {},
): CycleAnalysisRecorded {
  return {
    type: 'CycleAnalysisRecorded',
    data: {
      cycleId,
      findings: 'Comprehension scores rose in both schools.',
      evidenceLevel: 'school',
      lessonsLearned: ['Plan observation slots a month ahead'],
      analysedOn,
      ...over,
    },
  };
}

export function cycleClosed(cycleId: string, decision: Decision, closedOn: string): InquiryCycleClosed {
  return { type: 'InquiryCycleClosed', data: { cycleId, decision, closedOn } };
}
