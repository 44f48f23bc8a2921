/** The opening thread (opening-thread.ts): pages of JSON texts in, the same texts with their sealed strings opened out. */
import { parentPort, workerData } from 'node:worker_threads';
import { openJsonTextsWithKeys } from './json-text-opening';
import type { FromOpening, ToOpening } from './opening-thread';

const { masterKey } = workerData as { masterKey: Uint8Array };
const master = Buffer.from(masterKey);

parentPort?.on('message', ({ id, wrapped, texts }: ToOpening) => {
  let answer: FromOpening;
  try {
    answer = { id, opened: openJsonTextsWithKeys(master, wrapped, texts) };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    answer = { id, failure: { name, message } };
  }
  parentPort?.postMessage(answer);
});
parentPort?.postMessage({ ready: true } satisfies FromOpening);
