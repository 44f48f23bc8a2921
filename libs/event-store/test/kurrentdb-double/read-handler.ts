import type * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import type { MemoryLog, StoredEvent } from './memory-log';

/**
 * Streams.Read (the v1 call the client's Rust bridge makes for readStream and
 * readAll), for reads with a count; subscriptions are not implemented.
 * KurrentDB's rules: a stream read from revision r forwards returns r and later,
 * backwards r and earlier; $all forwards from a position includes the event at
 * that position, backwards excludes it; a filter is applied on the server
 * before the count; a stream that was never written answers StreamNotFound.
 */
export function readHandler(log: MemoryLog) {
  return (call: grpc.ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions();
    if (!options || options.hasSubscription()) {
      call.destroy(Object.assign(new Error('the test double reads with a count only'), { code: 12 }));
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options.getCount());
    let selected: StoredEvent[];
    if (options.hasStream()) {
      const stream = options.getStream()!;
      const streamId = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const events = log.streamEvents(streamId);
      if (!events) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        call.write(new ReadResp().setStreamNotFound(notFound));
        call.end();
        return;
      }
      selected = streamSlice(events, stream, backwards);
    } else {
      const matches = matcher(options);
      selected = [];
      // The filter applies before the count, as on the server; stop as soon as the count is met.
      for (const event of allSlice(log.all, options.getAll()!, backwards)) {
        if (selected.length === count) break;
        if (matches(event)) selected.push(event);
      }
    }
    for (const event of selected.slice(0, count)) call.write(readEvent(event, options.hasAll()));
    call.end();
  };
}

function streamSlice(events: StoredEvent[], stream: ReadReq.Options.StreamOptions, backwards: boolean): StoredEvent[] {
  if (stream.hasStart()) return backwards ? events.slice(0, 1) : events;
  if (stream.hasEnd()) return backwards ? [...events].reverse() : [];
  // Revisions are contiguous within what is readable, so the index is the distance from the first.
  const at = Number(BigInt(stream.getRevision()) - (events[0]?.revision ?? 0n));
  return backwards ? events.slice(0, Math.max(0, at + 1)).reverse() : events.slice(Math.max(0, at));
}

function allSlice(all: StoredEvent[], options: ReadReq.Options.AllOptions, backwards: boolean): Iterable<StoredEvent> {
  if (options.hasStart()) return backwards ? [] : all;
  if (options.hasEnd()) return backwards ? descending(all, all.length) : [];
  const position = options.getPosition()!;
  const commit = BigInt(position.getCommitPosition());
  const prepare = BigInt(position.getPreparePosition());
  // Every event's commit and prepare positions are equal (see memory-log.ts); compare as (commit, prepare).
  const atOrAfter = (e: StoredEvent) => e.position > commit || (e.position === commit && e.position >= prepare);
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (atOrAfter(all[mid])) high = mid;
    else low = mid + 1;
  }
  return backwards ? descending(all, low) : ascending(all, low);
}

function* ascending(all: StoredEvent[], from: number): Iterable<StoredEvent> {
  for (let i = from; i < all.length; i++) yield all[i];
}

function* descending(all: StoredEvent[], before: number): Iterable<StoredEvent> {
  for (let i = before - 1; i >= 0; i--) yield all[i];
}

function matcher(options: ReadReq.Options): (event: StoredEvent) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (event) => {
    const subject = onStream ? event.streamId : event.type;
    return prefixes.length > 0 ? prefixes.some((p) => subject.startsWith(p)) : !regex || regex.test(subject);
  };
}

function readEvent(event: StoredEvent, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new UUID().setString(event.id));
  recorded.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamId, 'utf8')));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) read.setCommitPosition(event.position.toString());
  else read.setNoPosition(new Empty());
  return new ReadResp().setEvent(read);
}
