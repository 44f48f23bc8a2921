/**
 * The SQLite writer thread: owns the writing connection and commits the
 * batches (and housekeeping deletes) the store sends it, one at a time, in order, so that the durable commit (a
 * WAL fsync, about 0.3 ms here) never blocks the store's event loop.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { commitSqliteBatch } from './sqlite-append-batch';
import { openSqliteConnection } from './sqlite-connection';
import { prepareWrites, type WriteStatements } from './sqlite-statements';
import { errorToWire, type FromWriter, outcomeToWire, type ToWriter, type WriterData } from './sqlite-writer-wire';

const port = parentPort!;
const post = (message: FromWriter) => port.postMessage(message);
/** Where answers go: the store's answer port once it has sent it (sqlite-writer-thread.ts polls it). */
let answers: MessagePort | undefined;
const answer = (message: FromWriter) => (answers ?? port).postMessage(message);
const { path, busyTimeoutMs } = workerData as WriterData;

let db: Database;
let statements: WriteStatements;
try {
  db = openSqliteConnection(path, busyTimeoutMs);
  statements = prepareWrites(db);
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'open-failed', failure: errorToWire(error) });
  port.close();
}

port.on('message', (message: ToWriter) => {
  if (message.type === 'answer-port') {
    answers = message.port;
    return;
  }
  if (message.type === 'close') {
    if (db?.open) db.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  try {
    if (message.type === 'purge') {
      answer({
        type: 'purged',
        id: message.id,
        deleted: statements.purgeExpired.run(message.now, message.limit).changes,
      });
      return;
    }
    answer({
      type: 'committed',
      id: message.id,
      outcomes: commitSqliteBatch(db, statements, message.appends).map(outcomeToWire),
    });
  } catch (error) {
    answer({ type: 'failed', id: message.id, failure: errorToWire(error) });
  }
});
