// SPEC 6.4: every event's metadata carries `schemaVersion`, an integer per
// event type. Readers never see an old shape: `upcast` turns a stored older
// version into the current one as it is read (in toNetworkEvents, the one
// stored→domain seam).
import type { NetworkEventType } from '../events';

/** The version every event of each type is written at today. */
export const SCHEMA_VERSIONS: Readonly<Record<NetworkEventType, number>> = {
  NetworkRegistered: 2,
  SchoolJoined: 2,
  SchoolLeft: 2,
  SessionHeld: 2,
  SessionCorrected: 2,
  SessionWithdrawn: 2,
  InquiryCycleOpened: 2,
  JointActionCarriedOut: 2,
  CycleAnalysisRecorded: 2,
  InquiryCycleClosed: 2,
  /** New with SPEC 6.2: never had another shape. */
  TextRedacted: 1,
};

/** Turns data of version `from` into data of version `from + 1`. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Version 1 is every event written before SPEC 6.1 (no `schemaVersion` in its
 * metadata): its free text is plain. Version 2 holds each free-text field
 * either sealed (a string in the sealed form, opened at the edge of the API)
 * or, for events upcast from version 1, plain: the readers' opener passes
 * plain text through, so v1 → v2 changes no field. It is still an upcaster,
 * and the one place a later change of shape (a renamed field, a split one)
 * goes: add version 3 to SCHEMA_VERSIONS and its step here.
 */
const plainTextIsStillText: Upcaster = (data) => data;

const UPCASTERS: Readonly<Record<NetworkEventType, readonly Upcaster[]>> = {
  NetworkRegistered: [plainTextIsStillText],
  SchoolJoined: [plainTextIsStillText],
  SchoolLeft: [plainTextIsStillText],
  SessionHeld: [plainTextIsStillText],
  SessionCorrected: [plainTextIsStillText],
  SessionWithdrawn: [plainTextIsStillText],
  InquiryCycleOpened: [plainTextIsStillText],
  JointActionCarriedOut: [plainTextIsStillText],
  CycleAnalysisRecorded: [plainTextIsStillText],
  InquiryCycleClosed: [plainTextIsStillText],
  TextRedacted: [],
};

/** The schema version an event's metadata records: 1 when absent (written before SPEC 6.4). */
export function storedSchemaVersion(metadata: Record<string, unknown> | undefined): number {
  const v = metadata?.schemaVersion;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : 1;
}

/**
 * The event's data in the current shape of its type, given the version it
 * was stored at. Throws on a version newer than this code knows (a newer
 * writer's events must not be read as if they were understood).
 */
export function upcast(type: NetworkEventType, version: number, data: unknown): unknown {
  const current = SCHEMA_VERSIONS[type];
  if (version > current) throw new RangeError(`${type} schema version ${version} is newer than ${current}`);
  const steps = UPCASTERS[type];
  let value = data;
  // UPCASTERS[type][i] lifts version i + 1 to i + 2.
  for (let v = version; v < current; v++) value = steps[v - 1](value);
  return value;
}
