import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  type EventStore,
  openKurrentDbEventStore,
  openPostgresEventStore,
  openSqliteEventStore,
} from '../../libs/event-store/src';
import { kurrentdbRaw } from './raw-kurrentdb';
import type { RawBaseline } from './raw-baseline';
import { postgresRaw } from './raw-postgres';
import { sqliteRaw } from './raw-sqlite';

/** How many events each measurement handles, sized to about a second per run on this machine. */
export interface Counts {
  onePerCommit: number;
  batched: number;
  read: number;
  append1: number;
  append8: number;
  append32: number;
}

/** One adapter under test: its raw baseline and its store, on separate tables of the same database. */
export interface Target {
  label: 'SQLite' | 'PostgreSQL' | 'KurrentDB';
  raw: RawBaseline;
  store: EventStore;
  counts: Counts;
  cleanup(): Promise<void>;
}

const scale = (c: Counts, f: number): Counts =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.ceil(v * f)])) as unknown as Counts;

export async function sqliteTarget(quick: boolean): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const raw = sqliteRaw(join(dir, 'raw.db'));
  const store = await openSqliteEventStore({ path: join(dir, 'store.db') });
  const counts = {
    onePerCommit: 2000,
    batched: 50_000,
    read: 100_000,
    append1: 2000,
    append8: 16_000,
    append32: 32_000,
  };
  return {
    label: 'SQLite',
    raw,
    store,
    counts: quick ? scale(counts, 0.2) : counts,
    millionPath: join(dir, 'million.db'),
    async cleanup() {
      await Promise.all([raw.close(), store.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  } as Target & { millionPath: string };
}

export async function postgresTarget(quick: boolean): Promise<Target> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const suffix = Math.random().toString(36).slice(2, 8);
  const [rawSchema, storeSchema] = [`bench_raw_${suffix}`, `bench_store_${suffix}`];
  const raw = await postgresRaw(url, rawSchema);
  const store = await openPostgresEventStore({ connectionString: url, schema: storeSchema, poolSize: 4 });
  const counts = { onePerCommit: 1000, batched: 20_000, read: 50_000, append1: 1000, append8: 8000, append32: 16_000 };
  return {
    label: 'PostgreSQL',
    raw,
    store,
    counts: quick ? scale(counts, 0.2) : counts,
    async cleanup() {
      await Promise.all([raw.close(), store.close()]);
      const admin = new Pool({ connectionString: url, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${rawSchema} CASCADE; DROP SCHEMA IF EXISTS ${storeSchema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * A real KurrentDB (25.1+) at KURRENTDB_URL; the in-process test double is
 * not a benchmark. Each run writes under a namespace of its own and leaves its
 * streams behind (KurrentDB has no cheap drop).
 */
export async function kurrentdbTarget(quick: boolean): Promise<Target> {
  const url = process.env.KURRENTDB_URL;
  if (!url) throw new Error('KURRENTDB_URL is not set (a real KurrentDB 25.1+ server is needed)');
  const run = `bench-${Date.now().toString(36)}`;
  const raw = kurrentdbRaw(url, `${run}-raw/`);
  const store = await openKurrentDbEventStore({ url, namespace: `${run}-store/`, streamPrefixes: [''] });
  const counts = { onePerCommit: 1000, batched: 20_000, read: 50_000, append1: 1000, append8: 8000, append32: 16_000 };
  return {
    label: 'KurrentDB',
    raw,
    store,
    counts: quick ? scale(counts, 0.2) : counts,
    async cleanup() {
      await Promise.all([raw.close(), store.close()]);
    },
  };
}
