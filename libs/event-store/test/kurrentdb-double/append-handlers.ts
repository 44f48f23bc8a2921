import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import { AppendReq, AppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { StreamRevisionConflictErrorDetails } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb';
import {
  AppendRequest,
  AppendResponse,
  AppendSessionResponse,
  SchemaFormat,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
import { type ExpectedState, type ProposedEvent, RevisionConflict, type StreamWrite } from './memory-log';

/** Writes go through here so that a test can hold one open (unseen by readers) while others wait, as on a real node. */
export type Committer = (writes: StreamWrite[]) => Promise<ReturnType<import('./memory-log').MemoryLog['commit']>>;

/** Streams.Append (v1): the client's appendToStream and setStreamMetadata when BatchAppend is not offered. */
export function appendHandler(commit: Committer) {
  return (call: grpc.ServerReadableStream<AppendReq, AppendResp>, done: grpc.sendUnaryData<AppendResp>): void => {
    let write: StreamWrite | undefined;
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) {
        const options = req.getOptions()!;
        const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
        write = { streamId, expected: v1Expected(options), events: [] };
        return;
      }
      const message = req.getProposedMessage()!;
      const metadata = message.getMetadataMap();
      write!.events.push({
        id: message.getId()?.getString() || crypto.randomUUID(),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('end', () => {
      commit([write!]).then(
        ({ revisions, written }) => {
          const success = new AppendResp.Success().setCurrentRevision(revisions[0].toString());
          const last = written[written.length - 1];
          if (last) {
            const position = new AppendResp.Position();
            position.setCommitPosition(last.position.toString()).setPreparePosition(last.position.toString());
            success.setPosition(position);
          } else success.setNoPosition(new Empty());
          done(null, new AppendResp().setSuccess(success));
        },
        (error) => {
          if (!(error instanceof RevisionConflict)) return done(error as Error);
          const wrong = new AppendResp.WrongExpectedVersion();
          if (error.actual < 0n) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(error.actual.toString());
          const expected = error.expected;
          if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedAny(new Empty());
          done(null, new AppendResp().setWrongExpectedVersion(wrong));
        },
      );
    });
  };
}

function v1Expected(options: AppendReq.Options): ExpectedState {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'revision', revision: BigInt(options.getRevision()) };
}

/**
 * StreamsService.AppendSession (v2, KurrentDB 25.1's multi-stream append):
 * every request of the session is committed in one transaction or none is. A
 * failed expectation answers FAILED_PRECONDITION with
 * StreamRevisionConflictErrorDetails (-1 for "no stream"), a stream named twice
 * ABORTED, an empty session FAILED_PRECONDITION, as the server's error table
 * (protocols/v2/streams/errors.proto) says. Record properties and the schema
 * are stored as the event's JSON metadata, with "$schema.format" and
 * "$schema.name", which is what the client's own test reads back.
 */
export function appendSessionHandler(commit: Committer) {
  return (
    call: grpc.ServerReadableStream<AppendRequest, AppendSessionResponse>,
    done: grpc.sendUnaryData<AppendSessionResponse>,
  ): void => {
    const writes: StreamWrite[] = [];
    call.on('data', (req: AppendRequest) => writes.push(v2Write(req)));
    call.on('end', () => {
      if (writes.length === 0) return done({ code: grpc.status.FAILED_PRECONDITION, details: 'no append requests' });
      const names = new Set(writes.map((w) => w.streamId));
      if (names.size !== writes.length)
        return done({ code: grpc.status.ABORTED, details: 'stream already in append session' });
      commit(writes).then(
        ({ revisions, written }) => {
          const response = new AppendSessionResponse();
          writes.forEach((w, i) => {
            const last = [...written].reverse().find((e) => e.streamId === w.streamId);
            const output = new AppendResponse().setStream(w.streamId).setStreamRevision(revisions[i].toString());
            if (last) output.setPosition(last.position.toString());
            response.addOutput(output);
          });
          response.setPosition((written[written.length - 1]?.position ?? -1n).toString());
          done(null, response);
        },
        (error) => done(error instanceof RevisionConflict ? conflictStatus(error) : (error as Error)),
      );
    });
  };
}

function v2Write(req: AppendRequest): StreamWrite {
  const raw = req.hasExpectedRevision() ? BigInt(req.getExpectedRevision()!) : -2n;
  const expected: ExpectedState =
    raw === -2n
      ? { kind: 'any' }
      : raw === -1n
        ? { kind: 'no_stream' }
        : raw === -4n
          ? { kind: 'stream_exists' }
          : { kind: 'revision', revision: raw };
  const events = req.getRecordsList().map((record): ProposedEvent => {
    const schema = record.getSchema()!;
    const properties: Record<string, unknown> = {};
    for (const [key, value] of record.getPropertiesMap().entries()) properties[key] = value.toJavaScript();
    const json = schema.getFormat() === SchemaFormat.SCHEMA_FORMAT_JSON;
    properties['$schema.format'] = json ? 'Json' : 'Bytes';
    properties['$schema.name'] = schema.getName();
    return {
      id: record.getRecordId() || crypto.randomUUID(),
      type: schema.getName(),
      contentType: json ? 'application/json' : 'application/octet-stream',
      data: record.getData_asU8(),
      customMetadata: Buffer.from(JSON.stringify(properties), 'utf8'),
    };
  });
  return { streamId: req.getStream(), expected, events };
}

function conflictStatus(error: RevisionConflict): Partial<grpc.StatusObject> {
  const wire = (e: ExpectedState) =>
    e.kind === 'any' ? '-2' : e.kind === 'no_stream' ? '-1' : e.kind === 'stream_exists' ? '-4' : e.revision.toString();
  const details = new StreamRevisionConflictErrorDetails()
    .setStream(error.streamId)
    .setExpectedRevision(wire(error.expected))
    .setActualRevision(error.actual.toString());
  const any = new Any();
  any.setTypeUrl('type.googleapis.com/kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails');
  any.setValue(details.serializeBinary());
  const status = new Status().setCode(Code.FAILED_PRECONDITION).setMessage(error.message).setDetails(any);
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
  return { code: grpc.status.FAILED_PRECONDITION, details: error.message, metadata };
}
