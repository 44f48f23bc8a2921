import { Pool } from 'pg';
import {
  type EventStore,
  openPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../src';
import { schemaLockKey } from '../src/postgres/postgres-connection';
import { writePostgresAppendOne } from '../src/postgres/postgres-append-one';
import { encodeAppend } from '../src/internal/encoded-append';
import { APPEND_LOCK_CLASS, BATCH_STATE, beginLockAndBatchState } from '../src/postgres/postgres-sql';
import { eventStoreContract } from './event-store.contract';
import { sleep } from './contract/harness';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Each harness lives in its own schema, dropped by destroy(), so runs can share the database. */
function postgresHarness() {
  const schema = `es_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Pool({ connectionString: url, max: 2 });
  const opened: EventStore[] = [];
  return {
    adapter: 'postgres' as const,
    schema,
    admin,
    async open(options: Partial<PostgresEventStoreOptions> = {}) {
      const store = await openPostgresEventStore({ connectionString: url, schema, poolSize: 4, ...options });
      opened.push(store);
      return store;
    },
    async waitForBlockedWriter() {
      for (let i = 0; i < 500; i++) {
        const { rows } = await admin.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2
             AND classid = $1::bigint::oid AND objid = $2::bigint::oid`,
          [APPEND_LOCK_CLASS, schemaLockKey(schema) >>> 0],
        );
        if (rows.length) return;
        await sleep(10);
      }
      throw new Error('no writer waited for the append lock');
    },
    async destroy() {
      await Promise.all(opened.map((s) => s.close()));
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

eventStoreContract('PostgresEventStore', async () => postgresHarness());

describe('PostgresEventStore specifics', () => {
  it('redoes a batch one append per savepoint when a writer outside the lock races it', async () => {
    const harness = postgresHarness();
    try {
      await harness.open(); // migrate
      const [x, y] = ['race-x', 'race-y'];
      const store = await harness.open({
        hooks: {
          // After the versions were read, a writer that bypasses the lock takes x's version 1.
          afterVersionCheck: async () => {
            await harness.admin.query(
              `INSERT INTO ${harness.schema}.events (stream_id, version, type, data, metadata, recorded_at)
               VALUES ($1, 1, 'Intruder', '{}', '{}', now())`,
              [x],
            );
          },
        },
      });
      const results = await Promise.allSettled([
        store.appendToStream(x, [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' }),
        store.appendToStream(y, [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' }),
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: { actualVersion: 1 } });
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(results[1]).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
      expect((await store.readStream(x)).map((e) => e.type)).toEqual(['Intruder']);
      expect(await store.streamVersion(y)).toBe(1);
    } finally {
      await harness.destroy();
    }
  });

  it('writes a lone append in one statement (es_append_one), waiting for the append lock like a batch', async () => {
    const harness = postgresHarness();
    const holder = await harness.admin.connect();
    try {
      const store = await harness.open();
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [APPEND_LOCK_CLASS, schemaLockKey(harness.schema)]);
      const append = store.appendToStream('alone', [{ type: 'T', data: { n: 1 } }], { expectedVersion: 'no_stream' });
      await harness.waitForBlockedWriter();
      const { rows } = await harness.admin.query(
        `SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%es_append_one%'`,
      );
      expect(rows).toHaveLength(1);
      await holder.query('COMMIT');
      await expect(append).resolves.toMatchObject({ nextExpectedVersion: 1 });
      await expect(
        store.appendToStream('alone', [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' }),
      ).rejects.toMatchObject({ actualVersion: 1 });
      expect((await store.readStream('alone')).map((e) => e.data)).toEqual([{ n: 1 }]);
      // The statement itself, without the batch path the store falls back to on an unexpected error.
      const direct = await writePostgresAppendOne(
        (store as PostgresEventStore).pool,
        schemaLockKey(harness.schema),
        encodeAppend(
          'alone',
          [
            { type: 'T', data: { n: 2 } },
            { type: 'T', data: { n: 3 } },
          ],
          { expectedVersion: 1 },
        ),
      );
      expect(direct.events.map((e) => [e.version, e.data])).toEqual([
        [2, { n: 2 }],
        [3, { n: 3 }],
      ]);
      expect((await store.readStream('alone')).map((e) => e.position)).toEqual([
        (await store.readStream('alone'))[0].position,
        ...direct.events.map((e) => e.position),
      ]);
    } finally {
      holder.release();
      await harness.destroy();
    }
  });

  it('fails only the append whose value PostgreSQL rejects, committing the rest of its batch', async () => {
    const harness = postgresHarness();
    try {
      const store = await harness.open();
      const results = await Promise.allSettled([
        store.appendToStream('ok-1', [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' }),
        store.appendToStream('bad', [{ type: 'NUL\u0000', data: {} }], { expectedVersion: 'no_stream' }), // text cannot hold NUL
        store.appendToStream('ok-2', [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await Promise.all(['ok-1', 'bad', 'ok-2'].map((id) => store.streamVersion(id)))).toEqual([1, 0, 1]);
    } finally {
      await harness.destroy();
    }
  });

  it('reads a batch state inlined as literals: quotes, backslashes and dollars in stream ids and keys are data', async () => {
    const harness = postgresHarness();
    try {
      const store = await harness.open();
      const odd = ["o'brien", 'back\\slash', "E'\\x27'", '$1::text', 'ñandú"); DROP TABLE events; --'];
      const record = (key: string) => ({ scope: "sco'pe", key, value: `v-${key}`, expiresAt: '2999-01-01T00:00:00Z' });
      // Concurrent appends are grouped into one batch (one transaction, one state query).
      const first = await Promise.all(
        odd.map((id) =>
          store.appendToStream(id, [{ type: 'T', data: { id } }], {
            expectedVersion: 'no_stream',
            idempotency: record(id),
          }),
        ),
      );
      expect(first.map((r) => r.nextExpectedVersion)).toEqual([1, 1, 1, 1, 1]);
      // Again in one batch: every key is found held and every version is found, so each append fails as it should.
      const again = await Promise.allSettled(
        odd.map((id) =>
          store.appendToStream(id, [{ type: 'T', data: { id } }], { expectedVersion: 1, idempotency: record(id) }),
        ),
      );
      expect(again.map((r) => r.status === 'rejected' && (r.reason as Error).name)).toEqual(
        odd.map(() => 'IdempotencyKeyHeldError'),
      );
      const stale = await Promise.allSettled(
        odd.map((id) => store.appendToStream(id, [{ type: 'T', data: {} }], { expectedVersion: 'no_stream' })),
      );
      expect(stale.map((r) => r.status === 'rejected' && r.reason instanceof WrongExpectedVersionError)).toEqual(
        odd.map(() => true),
      );
      expect(await Promise.all(odd.map((id) => store.readStream(id)))).toEqual(
        odd.map((id) => [expect.objectContaining({ streamId: id, version: 1, data: { id } })]),
      );
      // The literal query itself (a failing one would hide behind the one-by-one redo above): the same rows as
      // the parameterised BATCH_STATE.
      const client = await harness.admin.connect();
      try {
        await client.query(`SET search_path TO ${harness.schema}`);
        const effects = [...odd, 'absent'].map((key) => ({ kind: 'idempotency', scope: "sco'pe", key }));
        const inlined = (await client.query({
          text: beginLockAndBatchState(1, [...odd, 'absent'], effects),
          rowMode: 'array',
        })) as unknown as Array<{ rows: unknown[][] }>;
        await client.query('ROLLBACK');
        const { rows } = await client.query({
          ...BATCH_STATE,
          values: [
            [...odd, 'absent'],
            effects.map((e) => e.kind),
            effects.map((e) => e.scope),
            effects.map((e) => e.key),
          ],
          rowMode: 'array',
        });
        expect(inlined.at(-1)!.rows).toEqual(rows);
        expect(rows).toHaveLength(odd.length * 2 + 1); // a version per stream (null for 'absent'), a held key per odd id
      } finally {
        client.release();
      }
    } finally {
      await harness.destroy();
    }
  });

  it('maps an unreachable server to StoreUnavailableError', async () => {
    await expect(
      openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema: 'es_test_down' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('maps a closed pool to StoreUnavailableError', async () => {
    const harness = postgresHarness();
    try {
      const store = await harness.open();
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await harness.destroy();
    }
  });
});
