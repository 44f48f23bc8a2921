/** The opening thread (opening-thread.ts): pages of NDJSON in, the same lines with their sealed strings opened out, as bytes. */
import { parentPort, workerData } from 'node:worker_threads';
import { openSealedLines } from './json-text-opening';
import type { FromOpening, ToOpening } from './opening-thread';

const { masterKey } = workerData as { masterKey: Uint8Array };
const master = Buffer.from(masterKey);

parentPort?.on('message', ({ id, wrapped, ndjson }: ToOpening) => {
  try {
    // Encoded here, into a buffer of its own (never the shared pool), and moved back rather than copied:
    // the request's thread only sends the bytes on.
    const text = openSealedLines(master, wrapped, ndjson);
    const bytes = new Uint8Array(Buffer.byteLength(text));
    Buffer.from(bytes.buffer).write(text, 'utf8');
    parentPort?.postMessage({ id, bytes } satisfies FromOpening, [bytes.buffer]);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({ id, failure: { name, message } } satisfies FromOpening);
  }
});
parentPort?.postMessage({ ready: true } satisfies FromOpening);
