/**
 * The test double's semantics, checked with assertions ported from the
 * official client's own suite (kurrent-io/KurrentDB-Client-NodeJS, which runs
 * them against a real server; files under packages/test/src/streams/ at the
 * v1.2.0 release). Each block names its source. The official client drives the
 * double here, exactly as the adapter does.
 */
import {
  ANY,
  BACKWARDS,
  END,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  streamNameFilter,
  UnsupportedError,
  WrongExpectedVersionError,
  type AppendStreamRequest,
  type EventData,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { type KurrentDbDouble, startKurrentDbDouble } from './kurrentdb-double';

// packages/test/src/utils/testEvents.ts
const jsonTestEvents = (count = 4, type = 'test', metadata?: Record<string, unknown>): EventData[] =>
  Array.from({ length: count }, (_, i) =>
    jsonEvent({ type, data: { message: 'test', index: i }, ...(metadata && { metadata }) }),
  );

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of read) out.push(e);
  return out;
}

async function wrongVersion(promise: Promise<unknown>): Promise<WrongExpectedVersionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  return error as WrongExpectedVersionError;
}

let double: KurrentDbDouble;
let client: KurrentDBClient;

beforeAll(async () => {
  double = await startKurrentDbDouble();
  client = KurrentDBClient.connectionString(double.url);
});

afterAll(async () => {
  await client.dispose();
  await double.close();
});

describe('appendToStream expected revision (streams/appendToStream.test.ts)', () => {
  it('any succeeds; no_stream succeeds on a new stream and fails on an existing one', async () => {
    expect(
      (await client.appendToStream('any_stream_doesnt_matter', jsonTestEvents(), { streamState: ANY }))
        .nextExpectedRevision,
    ).toBeGreaterThanOrEqual(0n);
    expect(
      (await client.appendToStream('no_stream_here', jsonTestEvents(), { streamState: NO_STREAM }))
        .nextExpectedRevision,
    ).toBeGreaterThanOrEqual(0n);
    await client.appendToStream('no_stream_here_but_there_is', jsonTestEvents());
    const error = await wrongVersion(
      client.appendToStream('no_stream_here_but_there_is', jsonTestEvents(), { streamState: NO_STREAM }),
    );
    expect(error.streamName).toBe('no_stream_here_but_there_is');
    expect(error.expectedState).toBe(NO_STREAM);
    expect(error.actualState).toBeGreaterThanOrEqual(1n);
  });

  it('stream_exists succeeds on an existing stream and fails on a missing one', async () => {
    await client.appendToStream('stream_should_exist', jsonTestEvents());
    await expect(
      client.appendToStream('stream_should_exist', jsonTestEvents(), { streamState: STREAM_EXISTS }),
    ).resolves.toBeDefined();
    const error = await wrongVersion(
      client.appendToStream('stream_should_exist_but_doesnt', jsonTestEvents(), { streamState: STREAM_EXISTS }),
    );
    expect(error.expectedState).toBe(STREAM_EXISTS);
    expect(error.actualState).toBe(NO_STREAM);
  });

  it('an exact revision succeeds when current, fails on a missing stream and on another revision', async () => {
    const { nextExpectedRevision } = await client.appendToStream(
      'stream_should_be_at_nextExpectedRevision',
      jsonTestEvents(),
    );
    await expect(
      client.appendToStream('stream_should_be_at_nextExpectedRevision', jsonTestEvents(), {
        streamState: nextExpectedRevision,
      }),
    ).resolves.toBeDefined();
    const missing = await wrongVersion(
      client.appendToStream('stream_should_be_at_revision_but_doesnt_exist', jsonTestEvents(), { streamState: 1n }),
    );
    expect(missing.expectedState).toBe(1n);
    expect(missing.actualState).toBe(NO_STREAM);
    const at = (await client.appendToStream('stream_should_be_at_revision_but_isnt', jsonTestEvents()))
      .nextExpectedRevision;
    const wrong = await wrongVersion(
      client.appendToStream('stream_should_be_at_revision_but_isnt', jsonTestEvents(), { streamState: at + 1n }),
    );
    expect(wrong.expectedState).toBe(at + 1n);
    expect(wrong.actualState).toBe(at);
  });

  it('keeps a unicode string, json metadata, and no metadata as written', async () => {
    await client.appendToStream('encode1', jsonEvent({ type: 'TestEncode', data: 'CC ‐ 1830' }));
    const [read] = await collect(client.readStream('encode1', { maxCount: 1 }));
    expect(read.event?.data).toStrictEqual('CC ‐ 1830');
    const METADATA = { metaMessage: 'How meta is this?' };
    await client.appendToStream(
      'metadata_json_json',
      jsonEvent({ type: 'metadata-test', data: { kind: 'json' }, metadata: METADATA }),
    );
    const [withMeta] = await collect(client.readStream('metadata_json_json', { maxCount: 1 }));
    expect((withMeta.event?.metadata as typeof METADATA).metaMessage).toMatch(METADATA.metaMessage);
    await client.appendToStream(
      'metadata_undefined_json',
      jsonEvent({ type: 'metadata-test', data: { kind: 'json' } }),
    );
    const [without] = await collect(client.readStream('metadata_undefined_json', { maxCount: 1 }));
    expect(without.event?.metadata).toBeUndefined();
  });
});

describe('readStream (streams/readStream.test.ts)', () => {
  let appended: Awaited<ReturnType<KurrentDBClient['appendToStream']>>;
  beforeAll(async () => {
    appended = await client.appendToStream('test_stream_name', jsonTestEvents(8, 'json-test'));
    await client.appendToStream('out_of_stream_name', jsonTestEvents(5, 'out-of-stream-test'));
  });

  it('reads from start, from a revision, backwards from the end and from a revision, with maxCount', async () => {
    expect(await collect(client.readStream('test_stream_name'))).toHaveLength(8);
    expect(await collect(client.readStream('test_stream_name', { fromRevision: 1n }))).toHaveLength(7);
    expect(
      await collect(client.readStream('test_stream_name', { direction: BACKWARDS, fromRevision: END })),
    ).toHaveLength(8);
    expect(
      await collect(client.readStream('test_stream_name', { direction: BACKWARDS, fromRevision: 1n })),
    ).toHaveLength(2);
    expect(await collect(client.readStream('test_stream_name', { maxCount: 2 }))).toHaveLength(2);
  });

  it('populates the log position: the last event is at the position the append answered', async () => {
    const [last] = await collect(
      client.readStream('test_stream_name', { maxCount: 1, fromRevision: END, direction: BACKWARDS }),
    );
    expect(last.event?.position?.commit).toBe(appended.position?.commit);
    expect(last.event?.position?.prepare).toBe(appended.position?.prepare);
  });
});

describe('readAll (streams/readAll.test.ts)', () => {
  let fresh: KurrentDbDouble;
  let c: KurrentDBClient;
  const streamIds = (events: ResolvedEvent[]) =>
    events.map((e) => e.event!.streamId).filter((id) => !id.startsWith('$'));

  beforeAll(async () => {
    fresh = await startKurrentDbDouble();
    c = KurrentDBClient.connectionString(fresh.url);
    await c.appendToStream('stream_name_a', jsonTestEvents());
    await c.appendToStream('stream_name_b', jsonTestEvents());
  });
  afterAll(async () => {
    await c.dispose();
    await fresh.close();
  });

  it('from start and backwards from the end: system events too, user events in log order', async () => {
    const forwards = await collect(c.readAll());
    expect(forwards.length).toBeGreaterThan(8);
    expect(streamIds(forwards)).toHaveLength(8);
    expect(streamIds(forwards)[0]).toBe('stream_name_a');
    const backwards = await collect(c.readAll({ direction: BACKWARDS, fromPosition: END }));
    expect(backwards.length).toBeGreaterThan(8);
    expect(streamIds(backwards)[0]).toBe('stream_name_b');
  });

  it('with a stream-name prefix filter applied on the server, and with maxCount', async () => {
    const filtered = await collect(c.readAll({ filter: streamNameFilter({ prefixes: ['stream_name_a'] }) }));
    expect(filtered).toHaveLength(4);
    expect([...new Set(streamIds(filtered))]).toEqual(['stream_name_a']);
    expect(await collect(c.readAll({ maxCount: 2 }))).toHaveLength(2);
  });

  it('from a position: the event at that position comes first', async () => {
    const third = (await collect(c.readAll({ maxCount: 3 })))[2];
    const [extracted] = await collect(c.readAll({ maxCount: 1, fromPosition: third.event!.position }));
    expect(extracted).toEqual(third);
  });
});

describe('multiStreamAppend (streams/multiAppendStream.test.ts)', () => {
  it('appends json events to two streams; their metadata holds the properties and the schema', async () => {
    const metadata = { name: 'multiAppendTest', empty: '' };
    const requests: AppendStreamRequest[] = ['multi_1', 'multi_2'].map((streamName) => ({
      streamName,
      events: jsonTestEvents(4, 'test', metadata),
      expectedState: ANY,
    }));
    const result = await client.multiStreamAppend(requests);
    expect(result.position).toBeGreaterThanOrEqual(0n);
    expect(result.responses).toHaveLength(2);
    for (const stream of ['multi_1', 'multi_2']) {
      const events = await collect(client.readStream(stream));
      expect(events).toHaveLength(4);
      for (const { event } of events) {
        expect(event?.metadata).toEqual(
          expect.objectContaining({
            '$schema.format': 'Json',
            '$schema.name': 'test',
            name: 'multiAppendTest',
            empty: '',
          }),
        );
      }
    }
  });

  it('a revision conflict fails the whole append with WrongExpectedVersionError (atomicity: nothing written)', async () => {
    const error = await wrongVersion(
      client.multiStreamAppend([
        { streamName: 'multi_ok', events: jsonTestEvents(), expectedState: NO_STREAM },
        { streamName: 'multi_missing', events: jsonTestEvents(), expectedState: STREAM_EXISTS },
      ]),
    );
    expect(error.streamName).toBe('multi_missing');
    expect(error.expectedState).toBe(STREAM_EXISTS);
    expect(error.actualState).toBe(NO_STREAM);
    // Not in the official test: the other stream of the failed append was not written.
    await expect(collect(client.readStream('multi_ok'))).rejects.toThrow();
  });

  it('a server before 25.1 does not offer it: the client throws UnsupportedError', async () => {
    const old = await startKurrentDbDouble({ serverVersion: '24.10.0' });
    const oldClient = KurrentDBClient.connectionString(old.url);
    try {
      await expect(
        oldClient.multiStreamAppend([{ streamName: 's', events: jsonTestEvents(), expectedState: ANY }]),
      ).rejects.toBeInstanceOf(UnsupportedError);
    } finally {
      await oldClient.dispose();
      await old.close();
    }
  });
});
