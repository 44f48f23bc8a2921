import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { IndagaConfig, loadConfig } from '@indaga/platform';
import { createApp } from '../../apps/api/src/create-app';
import {
  type KurrentDbDouble,
  startKurrentDbDouble,
} from '../../libs/event-store/test/kurrentdb-double/kurrentdb-double';
import { createTempDatabase, TEST_MASTER_KEY } from './postgres-database';

export type StoreKind = 'sqlite' | 'postgres' | 'kurrentdb';
/** KurrentDB runs through the in-process gRPC test double (libs/event-store/test/kurrentdb-double). */
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres', 'kurrentdb'];
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: IndagaConfig;
  http: () => request.Agent;
  /** Supertest request with the admin token. */
  admin: () => ReturnType<typeof authed>;
  as: (token: string) => ReturnType<typeof authed>;
  /** The KurrentDB test double behind a 'kurrentdb' app, unless KURRENTDB_URL names a real server. */
  kurrentdb?: KurrentDbDouble;
  /** Another API instance on the same store (as a second process would be), closed with this one. */
  secondInstance(): Promise<TestApp>;
  close(): Promise<void>;
}

function authed(app: NestFastifyApplication, token: string) {
  const agent = request(app.getHttpServer());
  const wrap = (method: 'get' | 'post' | 'put' | 'delete') => (url: string) =>
    agent[method](url).set('Authorization', `Bearer ${token}`);
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), delete: wrap('delete') };
}

/** The real HTTP app on a fresh SQLite file or a fresh PostgreSQL database. */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'indaga-e2e-'));
  const database = kind === 'postgres' ? await createTempDatabase() : undefined;
  // KurrentDB: the real server at KURRENTDB_URL (npm run test:kurrentdb), in a namespace of this app's own; else the test double.
  const server = kind === 'kurrentdb' ? process.env.KURRENTDB_URL : undefined;
  const kurrentdb = kind === 'kurrentdb' && !server ? await startKurrentDbDouble() : undefined;
  const config = loadConfig({
    INDAGA_STORE: kind,
    INDAGA_SQLITE_PATH: join(dir, 'indaga.db'),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(kurrentdb ? { KURRENTDB_URL: kurrentdb.url } : {}),
    ...(server
      ? {
          KURRENTDB_URL: server,
          INDAGA_KURRENTDB_NAMESPACE: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        }
      : {}),
    INDAGA_ADMIN_TOKEN: ADMIN_TOKEN,
    INDAGA_MASTER_KEY: TEST_MASTER_KEY,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...env,
  });
  const others: TestApp[] = [];
  const main = await instance(config);
  return {
    ...main,
    kurrentdb,
    async secondInstance() {
      const other = await instance(config);
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await main.close();
      await database?.drop();
      await kurrentdb?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function instance(config: IndagaConfig): Promise<TestApp> {
  const app = await createApp(config, { docs: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    http: () => request.agent(app.getHttpServer()),
    admin: () => authed(app, ADMIN_TOKEN),
    as: (token: string) => authed(app, token),
    secondInstance: () => Promise.reject(new Error('ask the first instance')),
    close: () => app.close(),
  };
}
