// A separate process for the multi-process SQLite test (run by sqlite-children.ts).
import { openSqliteEventStore, WrongExpectedVersionError } from '../src';

async function main(path: string, id: string): Promise<void> {
  const store = await openSqliteEventStore({ path });
  const own = Array.from({ length: 4 }, (_, w) => `child-${id}-${w}`);
  await Promise.all([
    ...own.map(async (stream) => {
      for (let v = 0; v < 25; v++)
        await store.appendToStream(stream, [{ type: 'T', data: { v } }], { expectedVersion: v });
    }),
    (async () => {
      for (let n = 0; n < 50;) {
        const version = await store.streamVersion('shared');
        try {
          await store.appendToStream('shared', [{ type: 'T', data: { id, n } }], { expectedVersion: version });
          n++;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
      }
    })(),
  ]);
  await store.close();
  process.stdout.write('ok\n');
}

main(process.argv[2], process.argv[3]).catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
