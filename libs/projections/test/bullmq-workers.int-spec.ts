import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { DomainError, NetworkCommand, NetworkEvent, NetworkHistory, networkStreamId } from '@indaga/domain';
import { networkViewsProjection } from '../src/network-views/network-views.projection';
import type { NetworkProjection } from '../src/projection';
import { PROJECTIONS } from '../src/registry';
import { BullMqScheduler } from '../src/runner/bullmq-scheduler';
import type { projectionServices } from '../src/runner/projection-services';
import { createProjectionWorker } from '../src/runner/projection-worker';
import type { ProjectionScheduler } from '../src/runner/scheduler.port';
import { Sweeper, SWEEPER_CURSOR } from '../src/runner/sweeper';
import { expectedView, Harness, openHarness, storedView } from './projection-harness';
import { foundingCommands, historyArb } from './random-history';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function submit(
  h: Harness,
  networkId: string,
  commands: NetworkCommand[],
  after?: (events: NetworkEvent[]) => Promise<void>,
) {
  for (const command of commands) {
    try {
      const events = await h.write(networkId, command);
      await after?.(events);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

/** Real Redis and real PostgreSQL: the BullMQ path of the projections. */
describe('projections through BullMQ (postgres, redis)', () => {
  let h: Harness;
  let redis: Redis;
  let prefix: string;
  const workers: Worker[] = [];
  const connections: Redis[] = [];

  const connection = () => {
    const c = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const startWorker = ({ catchUp, rebuilder }: ReturnType<typeof projectionServices>) => {
    const worker = createProjectionWorker(
      connection(),
      { store: h.store, catchUp, rebuilder },
      { prefix, concurrency: 4 },
    );
    workers.push(worker);
    return worker;
  };
  const caughtUp = async (networkId: string, projections: readonly NetworkProjection[] = PROJECTIONS) => {
    const head = await h.store.streamVersion(networkStreamId(networkId));
    for (const projection of projections)
      if ((await storedView(h, projection, networkId))?.version !== head) return false;
    return true;
  };
  const expectMatchesPureFold = async (networkId: string) => {
    const events = await h.events(networkId);
    for (const projection of PROJECTIONS) {
      expect(await storedView(h, projection, networkId)).toEqual({
        version: events.length,
        view: expectedView(projection, events),
      });
    }
  };

  beforeAll(async () => {
    h = await openHarness('postgres', PROJECTIONS);
    redis = connection();
  });
  beforeEach(() => {
    prefix = `it-${randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
    await h.close();
  });

  it('two workers on one queue build every network exactly as the pure functions do', async () => {
    const scheduler = new BullMqScheduler(connection(), { prefix });
    startWorker(h.services());
    startWorker(h.services());
    const networks = ['red-w1', 'red-w2', 'red-w3', 'red-w4'];
    const histories = fc.sample(historyArb, { numRuns: networks.length, seed: 42 });
    await Promise.all(
      networks.map((id, i) => submit(h, id, [...foundingCommands(id), ...histories[i]], () => scheduler.notify(id))),
    );
    for (const id of networks) await until(`${id} is caught up`, () => caughtUp(id));
    for (const id of networks) await expectMatchesPureFold(id);
    await scheduler.close();
  });

  it('the sweeper recovers notifications that were never sent, and after Redis lost its data', async () => {
    const scheduler = new BullMqScheduler(connection(), { prefix });
    const services = h.services();
    const sweeper = new Sweeper(h.store, h.readModels.cursors, services.catchUp, scheduler);
    // Written with no notification at all (the API crashed between append and enqueue).
    await submit(h, 'red-perdida', foundingCommands('red-perdida'));
    // Notified, but Redis loses every job before a worker takes it.
    await submit(h, 'red-olvidada', foundingCommands('red-olvidada'), () => scheduler.notify('red-olvidada'));
    await redis.del(...(await redis.keys(`${prefix}:*`)));
    startWorker(services);
    await sleep(200);
    expect(await caughtUp('red-perdida')).toBe(false);
    expect(await caughtUp('red-olvidada')).toBe(false);

    await until('the sweeper has found both networks', async () => {
      await sweeper.tick();
      return (await caughtUp('red-perdida')) && (await caughtUp('red-olvidada'));
    });
    await expectMatchesPureFold('red-perdida');
    await expectMatchesPureFold('red-olvidada');
    // Once everything is reflected the sweeper's cursor passes it and it asks for nothing more.
    await until('the sweeper is idle', async () => (await sweeper.tick()) === 0);
    await scheduler.close();
  });

  it('the sweeper keeps its cursor before events not reflected, however many notifications are lost', async () => {
    const scheduler = new BullMqScheduler(connection(), { prefix });
    const services = h.services();
    // Every notification of the first three passes is lost (Redis flushed each time, say).
    let lost = 0;
    const lossy: ProjectionScheduler = {
      notify: async (networkId) => {
        if (lost < 3) lost++;
        else await scheduler.notify(networkId);
      },
      rebuild: (projection, generation) => scheduler.rebuild(projection, generation),
      close: () => scheduler.close(),
    };
    const sweeper = new Sweeper(h.store, h.readModels.cursors, services.catchUp, lossy);
    await until('the sweeper is idle before the test', async () => (await sweeper.tick()) === 0 || lost > 0);
    lost = 0;
    await submit(h, 'red-tres-veces', foundingCommands('red-tres-veces'));
    const [first] = await h.store.readStream(networkStreamId('red-tres-veces'), { limit: 1 });
    startWorker(services);
    for (let pass = 0; pass < 3; pass++) {
      expect(await sweeper.tick()).toBe(1);
      expect(await h.readModels.cursors.cursor(SWEEPER_CURSOR)).toBeLessThan(first.position);
    }
    expect(lost).toBe(3);
    expect(await caughtUp('red-tres-veces')).toBe(false);
    await until('the fourth pass is delivered', async () => {
      await sweeper.tick();
      return caughtUp('red-tres-veces');
    });
    await expectMatchesPureFold('red-tres-veces');
    await until('the cursor passes the network', async () => {
      await sweeper.tick();
      return (await h.readModels.cursors.cursor(SWEEPER_CURSOR)) >= first.position;
    });
    await scheduler.close();
  });

  it('a poison event is retried, then its network is parked while others flow; a fix and a rebuild recover it', async () => {
    let poisoned = true;
    const fragile: NetworkProjection = {
      ...networkViewsProjection,
      evolve: (doc, events) => {
        if (poisoned && events.some((e) => e.type === 'SessionHeld' && e.data.sessionId === 'veneno'))
          throw new Error('cannot digest session veneno');
        return networkViewsProjection.evolve(doc as NetworkHistory, events);
      },
    };
    const services = h.services([fragile]);
    const scheduler = new BullMqScheduler(connection(), { prefix, attempts: 3, backoffMs: 20 });
    const worker = startWorker(services);
    const failures: number[] = [];
    worker.on('failed', (job) => failures.push(job?.attemptsMade ?? -1));
    const session = {
      heldOn: '2016-03-01',
      facilitator: 'sostenedor',
      schoolsPresent: ['s1'],
      attendance: { principals: 1, utpHeads: 0, teachers: 0, sostenedorReps: 1, supervisors: 0 },
      activities: [{ kind: 'joint_planning', minutes: 30 }],
    };
    const hold = (sessionId: string): NetworkCommand =>
      ({ type: 'RecordSession', data: { sessionId, ...session }, metadata: { today: '2026-11-26' } }) as NetworkCommand;

    await submit(h, 'red-veneno', [...foundingCommands('red-veneno'), hold('veneno')], () =>
      scheduler.notify('red-veneno'),
    );
    await submit(h, 'red-sana', [...foundingCommands('red-sana'), hold('sana')], () => scheduler.notify('red-sana'));
    await until('red-sana is caught up', () => caughtUp('red-sana', [fragile]));
    await until('red-veneno is parked', async () =>
      (await h.readModels.parking.parked(fragile.name)).some((p) => p.networkId === 'red-veneno'),
    );
    // Two failed deliveries were retried with backoff; the third parked the network instead of failing.
    expect(failures).toEqual([1, 2]);
    const [parked] = (await h.readModels.parking.parked(fragile.name)).filter((p) => p.networkId === 'red-veneno');
    expect(parked.error).toBe('cannot digest session veneno');
    // Parked: later notifications do not touch it; its row stays at what it could digest.
    const stuckAt = (await storedView(h, fragile, 'red-veneno'))?.version ?? 0;
    await scheduler.notify('red-veneno');
    await sleep(200);
    expect((await storedView(h, fragile, 'red-veneno'))?.version ?? 0).toBe(stuckAt);

    poisoned = false;
    const generation = (await h.readModels.rebuilds.startRebuild(fragile.name, 'fix', 0))!;
    await scheduler.rebuild(fragile.name, generation);
    await until(
      'the rebuild switched',
      async () => (await h.readModels.rebuilds.status(fragile.name)).activeGeneration === generation,
    );
    expect(await h.readModels.parking.parked(fragile.name, generation)).toEqual([]);
    const events = await h.events('red-veneno');
    expect(await storedView(h, fragile, 'red-veneno')).toEqual({
      version: events.length,
      view: expectedView(networkViewsProjection, events),
    });
    await scheduler.close();
  });

  it('a rebuild while writes continue switches to a read model equal to the pure functions', async () => {
    const scheduler = new BullMqScheduler(connection(), { prefix });
    const services = h.services();
    startWorker(services);
    const networks = ['red-r1', 'red-r2', 'red-r3'];
    const histories = fc.sample(historyArb, { numRuns: networks.length * 2, seed: 3 });
    await Promise.all(
      networks.map((id, i) => submit(h, id, [...foundingCommands(id), ...histories[i]], () => scheduler.notify(id))),
    );
    const name = networkViewsProjection.name;
    const before = (await h.readModels.rebuilds.status(name)).activeGeneration;
    const generation = (await h.readModels.rebuilds.startRebuild(name, 'while-writing', 0))!;
    const rebuild = scheduler.rebuild(name, generation);
    // Writes go on during the rebuild.
    await Promise.all(
      networks.map((id, i) => submit(h, id, histories[networks.length + i], () => scheduler.notify(id))),
    );
    await rebuild;
    await until(
      'the rebuild switched',
      async () => (await h.readModels.rebuilds.status(name)).activeGeneration === generation,
    );
    expect(generation).toBeGreaterThan(before);
    for (const id of networks) await until(`${id} is caught up`, () => caughtUp(id));
    for (const id of networks) await expectMatchesPureFold(id);
    const status = await h.readModels.rebuilds.status(name);
    expect(status).toMatchObject({ rebuildState: 'done', rebuildGeneration: generation });
    expect(status.rebuildProcessed).toBe(status.rebuildTotal);
    await scheduler.close();
  });
});
