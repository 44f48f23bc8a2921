import {
  type AppendStreamState,
  type EventData,
  jsonEvent,
  NO_STREAM,
  ANY,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedVersion, RecordedEvent } from '../event-store.port';
import type { EncodedEvent } from '../internal/encoded-append';

/**
 * Where indaga's events meet KurrentDB's. Port versions start at 1 and a
 * missing stream is version 0; KurrentDB revisions start at 0 and a missing
 * stream is "no stream", so version = revision + 1 both ways.
 */

/**
 * The multi-stream append accepts only string-valued metadata properties, and
 * the server stores them as a JSON object whose key order is not the caller's.
 * indaga's metadata (any JSON, key order kept byte for byte) travels as one
 * property holding its JSON text.
 */
export const METADATA_PROPERTY = 'indaga.metadata';

export function expectedState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
}

/** A KurrentDB stream state as reported in a conflict ("no_stream" or a revision) in the port's numbering. */
export function versionOf(state: unknown): number {
  return typeof state === 'bigint' ? Number(state) + 1 : 0;
}

export function toEventData(event: EncodedEvent): EventData {
  // data goes as the parsed value: the client serialises it with JSON.stringify, giving back the same text.
  return jsonEvent({
    type: event.type,
    data: JSON.parse(event.data),
    metadata: { [METADATA_PROPERTY]: event.metadata },
  });
}

/** KurrentDB positions are 64-bit; the port's are numbers, so a position past 2^53 - 1 is refused, never rounded. */
export function safePosition(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `KurrentDB commit position ${commit} exceeds Number.MAX_SAFE_INTEGER; indaga's positions cannot represent it`,
    );
  }
  return Number(commit);
}

export function toRecorded(resolved: ResolvedEvent, streamId: string): RecordedEvent {
  const event = resolved.event!;
  return {
    streamId,
    version: Number(event.revision) + 1,
    position: safePosition(event.position!.commit),
    type: event.type,
    data: event.data,
    metadata: metadataOf(event.metadata, event.created),
  };
}

function metadataOf(stored: unknown, created: Date): EventMetadata {
  const text = (stored as Record<string, unknown> | undefined)?.[METADATA_PROPERTY];
  if (typeof text === 'string') return JSON.parse(text) as EventMetadata;
  // Written by another tool: keep what it wrote, with the server's creation time as recordedAt.
  return { ...(stored as Record<string, unknown> | undefined), recordedAt: created.toISOString() };
}
