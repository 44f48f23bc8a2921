import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../errors';
import type { EncodedAppend } from '../internal/encoded-append';
import type { AppendOutcome } from './sqlite-append-batch';
import { errorFromWire, type FromWriter, outcomeFromWire, type ToWriter, type WriterData } from './sqlite-writer-wire';

interface InFlight {
  id: number;
  resolve(outcomes: AppendOutcome[]): void;
  reject(error: unknown): void;
}

/**
 * The store's side of its writer thread (sqlite-writer.worker). One batch is
 * in flight at a time (the group-commit queue sees to that). If the thread
 * dies, the batch in flight and every later write fail with
 * StoreUnavailableError: whether that batch committed is unknown, which is
 * what Idempotency-Key retries are for.
 */
export class SqliteWriterThread {
  private inFlight: InFlight | undefined;
  private nextId = 1;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromWriter) => this.received(message));
    worker.on('error', (error) => this.stop(new StoreUnavailableError(`sqlite writer thread failed: ${error.message}`, error)));
    worker.on('exit', (code) => this.stop(new StoreUnavailableError(`sqlite writer thread exited (${code})`)));
  }

  /** Starts the thread and waits until it has opened the file. */
  static async start(data: WriterData): Promise<SqliteWriterThread> {
    const worker = spawnWriter(data);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWriter) => {
        worker.off('error', onError);
        worker.off('message', onMessage);
        if (message.type === 'ready') resolve();
        else if (message.type === 'open-failed') reject(errorFromWire(message.failure));
        else reject(new StoreUnavailableError(`sqlite writer thread: unexpected ${message.type}`));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(new StoreUnavailableError(`sqlite writer thread failed to start: ${error.message}`, error));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
    worker.unref(); // only a batch in flight keeps the process alive
    return new SqliteWriterThread(worker);
  }

  write(appends: EncodedAppend[]): Promise<AppendOutcome[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.inFlight) return Promise.reject(new Error('sqlite writer thread: one batch at a time'));
    const id = this.nextId++;
    return new Promise<AppendOutcome[]>((resolve, reject) => {
      this.inFlight = { id, resolve, reject };
      this.worker.ref();
      this.send({ type: 'batch', id, appends });
    });
  }

  /** Waits for the batch in flight (the queue drains before calling this), then closes the connection and the thread. */
  close(): Promise<void> {
    this.closing ??= this.stopped
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.worker.ref();
          this.worker.once('exit', () => resolve());
          this.send({ type: 'close' });
        });
    return this.closing;
  }

  private received(message: FromWriter): void {
    if (message.type === 'closed') {
      this.stopped ??= new StoreUnavailableError('sqlite: the event store is closed');
      return;
    }
    if (message.type !== 'committed' && message.type !== 'failed') return;
    const pending = this.inFlight;
    if (!pending || pending.id !== message.id) return;
    this.inFlight = undefined;
    this.worker.unref();
    if (message.type === 'committed') pending.resolve(message.outcomes.map(outcomeFromWire));
    else pending.reject(errorFromWire(message.failure));
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    const pending = this.inFlight;
    this.inFlight = undefined;
    pending?.reject(this.stopped);
  }

  private send(message: ToWriter): void {
    this.worker.postMessage(message);
  }
}

/**
 * Compiled code runs the compiled worker file next to this one. From sources
 * (ts-node, jest) the thread registers ts-node itself: a worker does not
 * inherit the parent's loaders.
 */
function spawnWriter(data: WriterData): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `sqlite-writer.worker${extension}`);
  if (extension !== '.ts') return new Worker(entry, { workerData: data });
  const loader = `require('ts-node').register({ transpileOnly: true, swc: true, compilerOptions: { module: 'commonjs' } });`;
  return new Worker(`${loader}\nrequire(${JSON.stringify(entry)});`, { eval: true, workerData: data });
}
