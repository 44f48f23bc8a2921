// Child process of sqlite-event-store.int-spec.ts: opens, writes and closes stores one after the other
// (each with its own writer thread, which exits on close), the way a process that reopens its store would.
import { openSqliteEventStore } from '../src';

async function main(dir: string) {
  for (let i = 0; i < 4; i++) {
    const store = await openSqliteEventStore({ path: `${dir}/reopen-${i % 2}.db` });
    await store.appendToStream('s', [{ type: 'T', data: { i } }], { expectedVersion: 'any' });
    await store.close();
  }
  process.stdout.write('ok\n');
}

void main(process.argv[2]);
