import { jsonEvent, KurrentDBClient, streamNameFilter } from '@kurrent/kurrentdb-client';
import { ratePerSecond } from '../lib/measure';
import { benchEvent } from '../lib/payload';
import type { RawBaseline } from './raw-baseline';

/**
 * The official client driven directly against the same server, without the
 * adapter (plain appendToStream, readStream): what the server and client
 * allow, the anchor the adapter's figures are divided by. Streams are named
 * under `prefix` so that runs on a shared server never meet.
 */
export function kurrentdbRaw(url: string, prefix: string): RawBaseline {
  const client = KurrentDBClient.connectionString(url);
  const versions = new Map<string, number>();
  const event = (stream: string) => {
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    const { data, metadata } = benchEvent(version);
    return jsonEvent({
      type: 'CollaborativeSessionHeld',
      data: data as Record<string, unknown>,
      metadata: { ...metadata, recordedAt: new Date().toISOString() },
    });
  };
  return {
    insertOnePerCommit: (rows) =>
      ratePerSecond(rows, async () => {
        for (let i = 0; i < rows; i++) await client.appendToStream(`${prefix}one`, event(`${prefix}one`));
      }),
    insertBatched: (rows, perCommit, streams = 1) =>
      ratePerSecond(rows, async () => {
        for (let done = 0, n = 0; done < rows; done += perCommit, n++) {
          const stream = `${prefix}batch-${n % streams}`;
          const count = Math.min(perCommit, rows - done);
          await client.appendToStream(
            stream,
            Array.from({ length: count }, () => event(stream)),
          );
        }
      }),
    // Every raw event of this run (all its streams), through the server-side filter, in one streamed read.
    readAndParse: (rows) =>
      ratePerSecond(rows, async () => {
        let read = 0;
        const filter = streamNameFilter({ prefixes: [prefix] });
        for await (const resolved of client.readAll({ maxCount: rows, filter })) if (resolved.event) read++;
        if (read < rows) throw new Error(`only ${read} raw events to read`);
      }),
    close: () => client.dispose(),
  };
}
