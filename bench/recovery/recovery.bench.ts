/**
 * `npm run bench -- --only=recovery`: how fast the service recovers from
 * faults, on a PostgreSQL cluster and a redis-server of its own (spare ports,
 * never the shared ones), with the real API and three workers as processes
 * and a steady write load (8 writers retrying with their Idempotency-Key):
 * - a worker killed with SIGKILL: time until every network's read model
 *   reflects the stream head it had at the kill (twice: 3 workers → 2 → 1);
 * - PostgreSQL restarted (`pg_ctl restart -m fast`): time from the restart's
 *   return to the next acknowledged write, and to read models caught up.
 * Waits are capped (RECOVERY_CAP_MS); a process that died is reported.
 */
import type { BenchSection } from '../lib/bench-section';
import { projectedVersion, streamVersion } from '../../test/fault/support/checks';
import { startPrivatePostgres } from '../../test/fault/support/private-postgres';
import { startPrivateRedis } from '../../test/fault/support/private-redis';
import { ServiceProcess, startService } from '../../test/fault/support/service-process';
import { sleep, waitFor } from '../../test/fault/support/spare-port';
import { ADMIN_TOKEN, WriteLoad } from '../../test/fault/support/write-load';

const NETWORKS = Array.from({ length: 8 }, (_, i) => `red-recupera-${i + 1}`);
const RECOVERY_CAP_MS = 120_000;

const show = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : `> ${RECOVERY_CAP_MS / 1000} s`);

export async function runRecoveryBench(opts: { quick: boolean }): Promise<BenchSection[]> {
  const restarts = opts.quick ? 1 : 3;
  const [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
  const env = {
    INDAGA_STORE: 'postgres',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    INDAGA_ADMIN_TOKEN: ADMIN_TOKEN,
    INDAGA_QUEUE_PREFIX: 'recovery',
  };
  const api = await startService('api', env);
  const workers = await Promise.all(['a', 'b', 'c'].map((n) => startService('worker', env, `worker-${n}`)));
  const all: ServiceProcess[] = [api, ...workers];
  const load = new WriteLoad(() => api.url, NETWORKS, 1, 10);
  const workerRows: Array<Record<string, string>> = [];
  const pgRows: Array<Record<string, string>> = [];
  try {
    await load.prepare();
    load.start();
    await sleep(3_000);

    /** From now until every read model reflects the head its stream has now (Infinity if the API is gone). */
    const caughtUp = async () => {
      const started = Date.now();
      let targets: number[] = [];
      const read = await waitFor(async () => {
        targets = await Promise.all(NETWORKS.map((n) => streamVersion(api.url, n)));
        return true;
      }, RECOVERY_CAP_MS);
      if (!read) return Infinity;
      const ok = await waitFor(async () => {
        const versions = await Promise.all(NETWORKS.map((n) => projectedVersion(api.url, n)));
        return versions.every((v, i) => v >= targets[i]);
      }, RECOVERY_CAP_MS);
      return ok ? Date.now() - started : Infinity;
    };
    const dead = () =>
      all
        .map((p) => p.unexpectedExit())
        .filter(Boolean)
        .join('; ') || 'none';

    for (let i = 0; i < 2; i++) {
      await caughtUp();
      const victim = workers.shift()!;
      await victim.kill9();
      const resumed = await caughtUp();
      workerRows.push({
        run: `kill -9 ${victim.name} (${workers.length} left)`,
        'projections caught up': show(resumed),
      });
    }

    for (let i = 0; i < restarts; i++) {
      await caughtUp();
      const acks = load.stats.acknowledged.length;
      pg.restart();
      const back = Date.now();
      const ok = await waitFor(
        () => load.stats.acknowledged.length > acks && load.stats.lastAckAt > back,
        RECOVERY_CAP_MS,
        20,
      );
      const writes = ok ? load.stats.lastAckAt - back : Infinity;
      const projections = await caughtUp();
      pgRows.push({
        run: `restart ${i + 1}`,
        'first write acknowledged after': show(writes),
        'projections caught up after': show(projections + writes),
        'processes that exited': dead(),
      });
      if (!api.alive()) break; // nothing more to measure against
    }
  } finally {
    await load.stop();
    for (const p of all) await p.stop(10_000);
    await redis.destroy();
    pg.destroy();
  }
  return [
    {
      title: 'Recovery: projection worker killed (kill -9) under load',
      rows: workerRows,
      notes: ['8 networks, 8 writers; time from the kill until every read model reflects its stream head at the kill'],
    },
    {
      title: 'Recovery: PostgreSQL restarted (pg_ctl restart -m fast) under load',
      rows: pgRows,
      notes: ['time from the restart command returning (server accepting again)'],
    },
  ];
}
