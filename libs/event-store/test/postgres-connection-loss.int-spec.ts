import { Client } from 'pg';
import { PostgresSqlClient } from '@indaga/platform';
import { asStoreUnavailable, openPostgresEventStore, StoreUnavailableError } from '../src';
import { createTempDatabase, TempDatabase } from '../../../test/support/postgres-database';
import { events, sleep } from './contract/harness';

/**
 * A connection the server ends (restart, failover, pg_terminate_backend)
 * while a client is checked out between two statements: pg-pool has no error
 * listener on it then, and the 'error' event used to end the process. Here
 * only our own backend is terminated, in a database of this test's own.
 */
describe('PostgreSQL ending a checked-out connection', () => {
  let db: TempDatabase;
  let admin: Client;

  beforeAll(async () => {
    db = await createTempDatabase('indaga_loss');
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  const terminate = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);

  it('SqlClient.transaction: the transaction fails as unavailable, the process lives, the next query works', async () => {
    const sql = PostgresSqlClient.open(db.url, { max: 2 });
    try {
      const failed = await sql
        .transaction(async (tx) => {
          const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await terminate(pid);
          await sleep(200); // the socket closes while the client is idle in the transaction: its 'error' fires now
          return tx.query('SELECT 1');
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(asStoreUnavailable(failed)).toBeInstanceOf(StoreUnavailableError);
      expect(await sql.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(await sql.transaction((tx) => tx.query<{ two: number }>('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
    } finally {
      await sql.close();
    }
  });

  it('an append batch whose connection ends before COMMIT is unavailable; the next append succeeds', async () => {
    let armed = true;
    const store = await openPostgresEventStore({
      connectionString: db.url,
      schema: 'loss',
      hooks: {
        beforeCommit: async () => {
          if (!armed) return;
          armed = false;
          const { rows } = await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'",
          );
          for (const { pid } of rows) await terminate(pid);
          await sleep(200);
        },
      },
    });
    try {
      await expect(
        store.appendToStream('network-perdida', events(1), { expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      const result = await store.appendToStream('network-perdida', events(1), { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(1);
    } finally {
      await store.close();
    }
  });
});
