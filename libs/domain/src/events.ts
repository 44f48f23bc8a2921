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
import { SCHEMA_VERSIONS, storedSchemaVersion, upcast } from './personal-data/schema-versions';

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

/** SPEC 6.2: the free text of these versions (every event of the stream so far with `"all"`) was erased. */
export interface TextRedactedData {
  versions: number[] | 'all';
  reason: string;
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
export type TextRedacted = DomainEvent<'TextRedacted', TextRedactedData>;

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
  | InquiryCycleClosed
  | TextRedacted;

export type NetworkEventType = NetworkEvent['type'];

/**
 * Every event type, as the keys of a Record over the union: the compiler
 * refuses this table when a new event is added to the union and not here, so
 * readers that filter by it can never silently drop a new event.
 */
const EVENT_TYPE_TABLE: Record<NetworkEventType, true> = {
  NetworkRegistered: true,
  SchoolJoined: true,
  SchoolLeft: true,
  SessionHeld: true,
  SessionCorrected: true,
  SessionWithdrawn: true,
  InquiryCycleOpened: true,
  JointActionCarriedOut: true,
  CycleAnalysisRecorded: true,
  InquiryCycleClosed: true,
  TextRedacted: true,
};

export const NETWORK_EVENT_TYPES = Object.keys(EVENT_TYPE_TABLE) as readonly NetworkEventType[];

/** Narrows a stored event read back from the store (whose type is a plain string). */
export function isNetworkEvent<E extends { type: string; data: unknown }>(event: E): event is E & NetworkEvent {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPE_TABLE, event.type);
}

/** An event as a store gives it back: its type is any string, its data unknown. */
export interface StoredEvent {
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * The one place where stored events become domain events: every reader (the
 * write path, replay, projections) goes through it, and it is where an older
 * stored shape is upcast to the current one (SPEC 6.4, personal-data/schema-versions.ts).
 * Events of other types (none today) are left out. An event already in the
 * current shape is passed through as the same object (no copy per event).
 */
export function toNetworkEvents<E extends StoredEvent>(stored: readonly E[]): Array<E & NetworkEvent> {
  const events: Array<E & NetworkEvent> = [];
  for (const event of stored) {
    if (!isNetworkEvent(event)) continue;
    const version = storedSchemaVersion(event.metadata);
    if (version === SCHEMA_VERSIONS[event.type]) {
      events.push(event);
      continue;
    }
    const data = upcast(event.type, version, event.data);
    events.push(data === event.data ? event : ({ ...event, data } as E & NetworkEvent));
  }
  return events;
}

export const NETWORK_STREAM_PREFIX = 'network-';

export function networkStreamId(networkId: string): string {
  return NETWORK_STREAM_PREFIX + networkId;
}
