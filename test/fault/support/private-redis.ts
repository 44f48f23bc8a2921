import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { onExit } from './cleanup';
import { sparePort, waitFor } from './spare-port';

/**
 * A redis-server of the fault tier's own on a spare port (never the shared one
 * on 6379), so a test can FLUSHALL or stop it. Stopped and started on the same
 * port, as an operator restarting Redis would.
 */
export interface PrivateRedis {
  port: number;
  url: string;
  flushAll(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'indaga-fault-redis-'));
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  };
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      {
        stdio: 'ignore',
      },
    );
    if (!(await waitFor(ping, 10_000))) throw new Error(`redis-server did not start on ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  const forget = onExit(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    port,
    url,
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      await client.flushall();
      client.disconnect();
    },
    stop,
    start,
    async destroy() {
      forget();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
