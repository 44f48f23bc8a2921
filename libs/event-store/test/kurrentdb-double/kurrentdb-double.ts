/**
 * A wire-level KurrentDB test double: a @grpc/grpc-js server built from the
 * service definitions generated inside @kurrent/kurrentdb-client, holding its
 * log in memory. It implements only what indaga's adapter calls (server
 * features, Streams.Read with a count, Streams.Append, StreamsService.AppendSession)
 * with KurrentDB's semantics; its behaviour is checked against assertions
 * ported from the official client's test suite (kurrentdb-double.spec-port.int-spec.ts).
 * It is not KurrentDB: no durability, no cluster, no subscriptions, no ACLs.
 */
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { StreamsServiceService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb';
import { appendHandler, appendSessionHandler, type Committer } from './append-handlers';
import { type LogOptions, MemoryLog } from './memory-log';
import { readHandler } from './read-handler';

export interface DoubleOptions extends LogOptions {
  /** What GetSupportedMethods reports. Below 25.1 the v2 AppendSession is neither offered nor served. */
  serverVersion?: string;
}

export interface KurrentDbDouble {
  /** A connection string for the official client. */
  url: string;
  log: MemoryLog;
  /** Awaited, holding the write lock, before a write becomes visible (the contract's gap test). */
  beforeCommit?: () => Promise<void> | void;
  close(): Promise<void>;
}

export async function startKurrentDbDouble(options: DoubleOptions = {}): Promise<KurrentDbDouble> {
  const version = options.serverVersion ?? '25.1.0';
  const multiStream = atLeast(version, 25, 1);
  const log = new MemoryLog(options);
  const server = new grpc.Server();
  let lock: Promise<unknown> = Promise.resolve();

  const double: KurrentDbDouble = {
    url: '',
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Open client calls would keep tryShutdown waiting.
        setTimeout(() => server.forceShutdown(), 500).unref();
      }),
  };
  // One writer at a time, as on a node's storage writer; the hook runs inside the lock.
  const commit: Committer = (writes) => {
    const result = lock.then(async () => {
      await double.beforeCommit?.();
      return log.commit(writes);
    });
    lock = result.catch(() => undefined);
    return result;
  };

  const offered: Array<[string, string]> = [
    ['event_store.client.streams.streams', 'read'],
    ['event_store.client.streams.streams', 'append'],
  ];
  if (multiStream) offered.push(['kurrentdb.protocol.v2.streams.streamsservice', 'appendsession']);
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, done: grpc.sendUnaryData<SupportedMethods>) => {
      const methods = new SupportedMethods().setEventStoreServerVersion(version);
      for (const [service, method] of offered)
        methods.addMethods(new SupportedMethod().setServiceName(service).setMethodName(method));
      done(null, methods);
    },
  });
  server.addService(StreamsService, { read: readHandler(log), append: appendHandler(commit) });
  if (multiStream) server.addService(StreamsServiceService, { appendSession: appendSessionHandler(commit) });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  double.url = `kurrentdb://127.0.0.1:${port}?tls=false`;
  return double;
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
