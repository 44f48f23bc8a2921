import type { Worker } from 'node:worker_threads';
import { spawnThread } from '@indaga/event-store';
import { SealedTextError } from './sealed-text';

/** What crosses to the opening thread and back (structured clone). */
export type ToOpening = { id: number; wrapped: Map<string, string>; ndjson: string };
export type FromOpening =
  { ready: true } | { id: number; bytes: Uint8Array } | { id: number; failure: { name: string; message: string } };

interface Pending {
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

/**
 * A thread that opens the sealed text of export pages (openSealedLines),
 * so that on a machine with a second core the decryption, the export's main
 * cost, runs beside the store reads and the socket writes instead of between
 * them. Started on first use; unref'd, so it never keeps a process alive. A
 * thread that dies fails what it had in flight; the opener starts another.
 */
export class OpeningThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stoppedBy: Error | undefined;
  private started = false;
  private readonly whenStarted: Promise<void>;
  private markStarted: () => void = () => undefined;
  private failStart: (error: Error) => void = () => undefined;

  private constructor(private readonly worker: Worker) {
    this.whenStarted = new Promise<void>((resolve, reject) => {
      this.markStarted = resolve;
      this.failStart = reject;
    });
    this.whenStarted.catch(() => undefined);
    worker.on('message', (message: FromOpening) => this.received(message));
    worker.on('error', (error) => this.stop(new Error(`opening thread failed: ${error.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`opening thread exited (${code})`)));
    worker.unref();
  }

  static spawn(masterKey: Buffer): OpeningThread {
    return new OpeningThread(spawnThread(__filename, 'opening', { masterKey }));
  }

  get stopped(): boolean {
    return this.stoppedBy !== undefined;
  }

  /** The thread has loaded its code (from sources that takes ts-node a second): until then callers open on their own thread. */
  get ready(): boolean {
    return this.started && !this.stoppedBy;
  }

  /** Batches sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Resolves once the thread is ready; rejects if it stops first. */
  whenReady(): Promise<void> {
    return this.whenStarted;
  }

  /** The page's lines opened, UTF-8 encoded. */
  open(wrapped: Map<string, string>, ndjson: string): Promise<Buffer> {
    if (this.stoppedBy) return Promise.reject(this.stoppedBy);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref(); // work in flight keeps the process alive
      this.worker.postMessage({ id, wrapped, ndjson } satisfies ToOpening);
    });
  }

  async close(): Promise<void> {
    if (this.stoppedBy) return;
    this.stop(new Error('opening thread closed'));
    await this.worker.terminate();
  }

  private received(message: FromOpening): void {
    if ('ready' in message) {
      this.started = true;
      this.markStarted();
      return;
    }
    const request = this.pending.get(message.id);
    if (!request) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('bytes' in message)
      request.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
    else request.reject(failureOf(message.failure));
  }

  private stop(error: Error): void {
    this.stoppedBy ??= error;
    this.failStart(error);
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }
}

function failureOf({ name, message }: { name: string; message: string }): Error {
  if (name === 'SealedTextError') return new SealedTextError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}
