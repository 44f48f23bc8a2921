import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSqlClient, SqlClient, SqliteSqlClient } from '@indaga/platform';
import { createTempDatabase, TempDatabase } from '../../../../test/support/postgres-database';
import type { AccessRecord } from './access-record';
import { AccessLogStore } from './access-log.store';
import { AccessLogWriter } from './access-log-writer';

/** The real store, counting the transactions it is asked for. */
class CountingStore extends AccessLogStore {
  batches: number[] = [];
  override async appendAll(records: readonly AccessRecord[]): Promise<void> {
    this.batches.push(records.length);
    await super.appendAll(records);
  }
}

const record = (n: number): AccessRecord => ({
  at: new Date(Date.UTC(2026, 11, 1, 0, 0, n)).toISOString(),
  tokenId: `token-${n % 3}`,
  role: 'analyst',
  networkId: n % 2 ? 'red-impar' : null,
  endpoint: 'GET /v1/events',
  correlationId: `c-${n}`,
});

describe.each(['sqlite', 'postgres'] as const)('AccessLogWriter (%s)', (kind) => {
  let sql: SqlClient;
  let store: CountingStore;
  let writer: AccessLogWriter;
  let dir = '';
  let database: TempDatabase | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'indaga-access-log-'));
    database = kind === 'postgres' ? await createTempDatabase() : undefined;
    sql = database ? PostgresSqlClient.open(database.url) : SqliteSqlClient.open(join(dir, 'log.db'));
    store = new CountingStore(sql);
    await store.onModuleInit();
    writer = new AccessLogWriter(store);
  });
  afterAll(async () => {
    await sql.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent records together, each read waiting for its own, none lost or reordered', async () => {
    const records = Array.from({ length: 300 }, (_, n) => record(n));
    await Promise.all(records.map((r) => writer.write(r)));
    expect(store.batches.reduce((a, b) => a + b, 0)).toBe(300);
    expect(store.batches.length).toBeLessThan(300);
    expect(Math.max(...store.batches)).toBeLessThanOrEqual(500);
    const page = await store.list({ limit: 1000 });
    expect(page.records.map(({ id: _id, ...r }) => r)).toEqual([...records].reverse());
  });

  it('writes a lone record in a transaction of its own', async () => {
    store.batches = [];
    await writer.write(record(1000));
    expect(store.batches).toEqual([1]);
  });

  it('fails every read of a batch whose commit fails, and recovers for the next', async () => {
    await sql.run('ALTER TABLE access_log RENAME TO access_log_away');
    try {
      const results = await Promise.allSettled([1001, 1002, 1003].map((n) => writer.write(record(n))));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    } finally {
      await sql.run('ALTER TABLE access_log_away RENAME TO access_log');
    }
    await writer.write(record(1004));
    const newest = (await store.list({ limit: 2 })).records.map((r) => r.correlationId);
    expect(newest).toEqual(['c-1004', 'c-1000']);
  });
});
