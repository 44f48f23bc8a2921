// The facts of a network's life (SPEC §1), one stream per network. Only
// `type` and `data` live here: the store's metadata (recordedAt, actor,
// version, position) belongs to the event store, not to the domain.
import type {
  ActivityKind,
  Decision,
  Dependency,
  DepthLevel,
  EvidenceLevel,
  Facilitator,
  Orientation,
  PredictionMet,
  SchoolLevel,
  Zone,
} from './enums';

export interface DomainEvent<Type extends string, Data> {
  type: Type;
  data: Data;
}

export interface Attendance {
  principals: number;
  utpHeads: number;
  teachers: number;
  sostenedorReps: number;
  supervisors: number;
}

export interface Activity {
  kind: ActivityKind;
  minutes: number;
  summary?: string;
}

/** What a session is; shared by SessionHeld and SessionCorrected (which replaces it whole). */
export interface SessionFields {
  sessionId: string;
  heldOn: string;
  facilitator: Facilitator;
  /** schoolIds */
  schoolsPresent: string[];
  attendance: Attendance;
  activities: Activity[];
}

export interface NetworkRegisteredData {
  networkId: string;
  name: string;
  region: string;
  commune?: string;
  registeredOn: string;
}

export interface SchoolAttributes {
  name: string;
  dependency: Dependency;
  zone: Zone;
  levels: SchoolLevel[];
}

export interface SchoolJoinedData extends SchoolAttributes {
  schoolId: string;
  joinedOn: string;
}

export interface SchoolLeftData {
  schoolId: string;
  leftOn: string;
  reason?: string;
}

export interface SessionCorrectedData extends SessionFields {
  reason: string;
}

export interface SessionWithdrawnData {
  sessionId: string;
  reason: string;
}

export interface InquiryCycleOpenedData {
  cycleId: string;
  question: string;
  prediction?: string;
  focus?: string;
  orientation: Orientation;
  /** schoolIds */
  schools: string[];
  openedOn: string;
}

export interface JointActionCarriedOutData {
  cycleId: string;
  actionId: string;
  title: string;
  /** schoolIds */
  schools: string[];
  depthReached: DepthLevel;
  classroomsReached: number;
  teachersInvolved: number;
  carriedOutOn: string;
}

export interface CycleAnalysisRecordedData {
  cycleId: string;
  findings: string;
  evidenceLevel: EvidenceLevel;
  predictionMet?: PredictionMet;
  lessonsLearned: string[];
  analysedOn: string;
}

export interface InquiryCycleClosedData {
  cycleId: string;
  decision: Decision;
  closedOn: string;
}

export type NetworkRegistered = DomainEvent<'NetworkRegistered', NetworkRegisteredData>;
export type SchoolJoined = DomainEvent<'SchoolJoined', SchoolJoinedData>;
export type SchoolLeft = DomainEvent<'SchoolLeft', SchoolLeftData>;
export type SessionHeld = DomainEvent<'SessionHeld', SessionFields>;
export type SessionCorrected = DomainEvent<'SessionCorrected', SessionCorrectedData>;
export type SessionWithdrawn = DomainEvent<'SessionWithdrawn', SessionWithdrawnData>;
export type InquiryCycleOpened = DomainEvent<'InquiryCycleOpened', InquiryCycleOpenedData>;
export type JointActionCarriedOut = DomainEvent<'JointActionCarriedOut', JointActionCarriedOutData>;
export type CycleAnalysisRecorded = DomainEvent<'CycleAnalysisRecorded', CycleAnalysisRecordedData>;
export type InquiryCycleClosed = DomainEvent<'InquiryCycleClosed', InquiryCycleClosedData>;

export type NetworkEvent =
  | NetworkRegistered
  | SchoolJoined
  | SchoolLeft
  | SessionHeld
  | SessionCorrected
  | SessionWithdrawn
  | InquiryCycleOpened
  | JointActionCarriedOut
  | CycleAnalysisRecorded
  | InquiryCycleClosed;

export type NetworkEventType = NetworkEvent['type'];

export const NETWORK_EVENT_TYPES = [
  'NetworkRegistered',
  'SchoolJoined',
  'SchoolLeft',
  'SessionHeld',
  'SessionCorrected',
  'SessionWithdrawn',
  'InquiryCycleOpened',
  'JointActionCarriedOut',
  'CycleAnalysisRecorded',
  'InquiryCycleClosed',
] as const satisfies readonly NetworkEventType[];

/** Narrows a stored event read back from the store (whose type is a plain string). */
export function isNetworkEvent(event: { type: string; data: unknown }): event is NetworkEvent {
  return (NETWORK_EVENT_TYPES as readonly string[]).includes(event.type);
}

export const NETWORK_STREAM_PREFIX = 'network-';

export function networkStreamId(networkId: string): string {
  return NETWORK_STREAM_PREFIX + networkId;
}
