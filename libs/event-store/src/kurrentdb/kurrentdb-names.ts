import { type ReadAllOptions, type ResolvedEvent, streamNameFilter } from '@kurrent/kurrentdb-client';
import { recordStream } from './kurrentdb-records';

export const DEFAULT_STREAM_PREFIXES = ['network-'];
export const DEFAULT_RECORD_STREAM_PREFIX = 'indaga-idempotency/';

/**
 * How indaga's names map to the server's: an optional namespace before every
 * stream, record streams apart from event streams, and the server-side filter
 * that keeps readAll to indaga's event streams.
 */
export class StreamNames {
  readonly filter: ReadAllOptions['filter'];

  constructor(
    private readonly namespace = '',
    streamPrefixes = DEFAULT_STREAM_PREFIXES,
    private readonly recordPrefix = DEFAULT_RECORD_STREAM_PREFIX,
  ) {
    const prefixes = streamPrefixes.map((p) => namespace + p);
    // An empty prefix would match every stream, system streams and record streams included.
    if (prefixes.some((p) => p.length === 0 || recordPrefix.startsWith(p) || p.startsWith('$')))
      throw new RangeError('streamPrefixes must be non-empty, outside the record streams and not system streams');
    this.filter = streamNameFilter({ prefixes });
  }

  wire(streamId: string): string {
    return this.namespace + streamId;
  }

  /** The port's stream id of an event read from the server. */
  streamIdOf(resolved: ResolvedEvent): string {
    return resolved.event!.streamId.slice(this.namespace.length);
  }

  record(scope: string, key: string): string {
    return recordStream(this.recordPrefix, this.namespace, scope, key);
  }
}
