/**
 * The in-memory transaction file of the KurrentDB test double: one ordered log
 * ($all) plus a per-stream index, with KurrentDB's numbering. Revisions start
 * at 0 in each stream; a missing stream has no revision ("no stream", -1 on the
 * wire). Every event's position is a byte offset in the log, and, as on a
 * single KurrentDB node where each append is an implicitly committed
 * transaction, its commit and prepare positions are equal. Positions grow by
 * the record's size, so they are never consecutive integers (an adapter that
 * assumes +1 fails here as it would on a real server).
 */

export type ExpectedState =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  /** Commit position; equal to the prepare position (see the header). */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's "created" metadata. */
  created: bigint;
}

export interface StreamWrite {
  streamId: string;
  expected: ExpectedState;
  events: ProposedEvent[];
}

/** The stream is not where the writer expected it; `actual` is -1n when the stream does not exist. */
export class RevisionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedState,
    readonly actual: bigint,
  ) {
    super(`WrongExpectedVersion on ${streamId}: actual ${actual}`);
  }
}

export interface LogOptions {
  /** Where user events start; a test sets it near 2^53 to check the adapter's guard. */
  firstPosition?: bigint;
  /** Milliseconds since the epoch (tests move time to check $maxAge). */
  now?: () => number;
}

const RECORD_OVERHEAD = 84n; // roughly a prepare record's fixed part on disk

export class MemoryLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition: bigint;
  readonly now: () => number;

  constructor(options: LogOptions = {}) {
    this.nextPosition = options.firstPosition ?? 1_024n;
    this.now = options.now ?? Date.now;
    // A fresh KurrentDB node already holds system events; readers must filter them out.
    this.commit([{ streamId: '$users', expected: { kind: 'any' }, events: [systemEvent('$UserCreated')] }]);
    this.commit([{ streamId: '$scavenges', expected: { kind: 'any' }, events: [systemEvent('$scavengeStarted')] }]);
  }

  /** -1n when the stream has never been written. */
  currentRevision(streamId: string): bigint {
    const events = this.streams.get(streamId);
    return events ? events[events.length - 1].revision : -1n;
  }

  /** The stream's events that are still readable ($maxAge of its metadata stream applied). */
  streamEvents(streamId: string): StoredEvent[] | undefined {
    const events = this.streams.get(streamId);
    if (!events) return undefined;
    const maxAge = this.maxAgeSeconds(streamId);
    if (maxAge === undefined) return events;
    const oldest = BigInt(this.now() - maxAge * 1000) * 10_000n;
    return events.filter((e) => e.created >= oldest);
  }

  /**
   * Writes all streams or none: every expectation is checked before anything
   * is appended (KurrentDB 25.1's multi-stream append). Returns each stream's
   * new current revision and the events written, in log order.
   */
  commit(writes: StreamWrite[]): { revisions: bigint[]; written: StoredEvent[] } {
    for (const write of writes) {
      const actual = this.currentRevision(write.streamId);
      if (!satisfies(write.expected, actual)) throw new RevisionConflict(write.streamId, write.expected, actual);
    }
    const written: StoredEvent[] = [];
    const created = BigInt(this.now()) * 10_000n;
    const revisions = writes.map((write) => {
      let revision = this.currentRevision(write.streamId);
      const stream = this.streams.get(write.streamId) ?? [];
      for (const proposed of write.events) {
        const event: StoredEvent = {
          ...proposed,
          streamId: write.streamId,
          revision: ++revision,
          position: 0n,
          created,
        };
        event.position = this.allocate(event);
        stream.push(event);
        this.all.push(event);
        written.push(event);
      }
      if (stream.length) this.streams.set(write.streamId, stream);
      return revision;
    });
    return { revisions, written };
  }

  private allocate(event: StoredEvent): bigint {
    const position = this.nextPosition;
    const size = event.data.length + event.customMetadata.length + event.type.length + event.streamId.length;
    this.nextPosition += RECORD_OVERHEAD + BigInt(size);
    return position;
  }

  private maxAgeSeconds(streamId: string): number | undefined {
    const meta = this.streams.get(`$$${streamId}`);
    if (!meta) return undefined;
    const last = JSON.parse(Buffer.from(meta[meta.length - 1].data).toString('utf8')) as { $maxAge?: number };
    return typeof last.$maxAge === 'number' ? last.$maxAge : undefined;
  }
}

function satisfies(expected: ExpectedState, actual: bigint): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1n;
    case 'stream_exists':
      return actual >= 0n;
    case 'revision':
      return actual === expected.revision;
  }
}

function systemEvent(type: string): ProposedEvent {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from('{}'),
    customMetadata: new Uint8Array(),
  };
}
