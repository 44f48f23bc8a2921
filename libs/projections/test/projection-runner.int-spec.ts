import fc from 'fast-check';
import { DomainError, NetworkCommand, NetworkEvent, networkStreamId } from '@indaga/domain';
import { networkRegistered, schoolJoined, sessionHeld } from '@indaga/domain/testing';
import { networkViewsProjection } from '../src/network-views/network-views.projection';
import { overviewProjection } from '../src/overview/overview.projection';
import { PROJECTIONS } from '../src/registry';
import { projectionServices } from '../src/runner/projection-services';
import { expectedView, Harness, openHarness, storedView } from './projection-harness';
import { foundingCommands, historyArb } from './random-history';

/** Applies what the decider accepts, as the API would; refused commands are dropped. */
async function submit(h: Harness, networkId: string, commands: NetworkCommand[]): Promise<NetworkEvent[][]> {
  const batches: NetworkEvent[][] = [];
  for (const command of commands) {
    try {
      batches.push(await h.write(networkId, command));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return batches;
}

describe.each(['sqlite', 'postgres'] as const)('the projection runner (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind, PROJECTIONS);
  });
  afterAll(() => h.close());

  it('for random valid histories, incremental catch-up = the pure functions over all events = a rebuild', async () => {
    const { catchUp, rebuilder } = h.services();
    let run = 0;
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        async (commands, chunks) => {
          const networkId = `red-prop-${run++}`;
          const batches = await submit(h, networkId, [...foundingCommands(networkId), ...commands]);
          decided += batches.length;
          // Catch up after uneven chunks of writes (incremental), not once at the end.
          let done = 0;
          for (let i = 0; done < batches.length; i++) {
            done += chunks[i % chunks.length];
            await catchUp.catchUpNetwork(networkId);
          }
          await catchUp.catchUpNetwork(networkId);
          const events = await h.events(networkId);
          for (const projection of PROJECTIONS) {
            const stored = await storedView(h, projection, networkId);
            expect(stored).toEqual({ version: events.length, view: expectedView(projection, events) });
            // Stored in parts, written incrementally: joined back, the very text of the pure document and view.
            const row = await h.readModels.rows.row(
              projection.name,
              (await h.readModels.rebuilds.status(projection.name)).activeGeneration,
              networkId,
            );
            const pure = projection.evolve(projection.initial(), events);
            // A document shared by projections (NetworkProjection.document) is stored by one of them only.
            expect(row?.document).toBe(projection.document?.stored === false ? '' : JSON.stringify(pure));
            expect(row?.view).toBe(JSON.stringify(projection.view(pure, events.length)));
          }
        },
      ),
      { numRuns: kind === 'sqlite' ? 25 : 12 },
    );
    // The generator must produce real histories, not mostly refused commands.
    expect(decided / run).toBeGreaterThan(12);
    // A rebuild of every projection replays all those networks into the same read models.
    for (const projection of PROJECTIONS) {
      const before = await h.readModels.rows.views(
        projection.name,
        (await h.readModels.rebuilds.status(projection.name)).activeGeneration,
      );
      const generation = (await h.readModels.rebuilds.startRebuild(projection.name, 'test', 0))!;
      expect(await rebuilder.run(projection.name, generation)).toBe('switched');
      expect((await h.readModels.rebuilds.status(projection.name)).activeGeneration).toBe(generation);
      expect(await h.readModels.rows.views(projection.name, generation)).toEqual(before);
    }
    // Rebuilt rows hold views and checkpoints but no document; the next live catch-up folds
    // the document from the stream, continues from it, and stores it.
    const networkId = 'red-prop-0';
    const rebuilt = await h.events(networkId);
    const active = async (name: string) => (await h.readModels.rebuilds.status(name)).activeGeneration;
    for (const projection of PROJECTIONS)
      expect((await h.readModels.rows.row(projection.name, await active(projection.name), networkId))?.document).toBe(
        '',
      );
    await submit(h, networkId, fc.sample(historyArb, { numRuns: 1, seed: 11 })[0]);
    const events = await h.events(networkId);
    expect(events.length).toBeGreaterThan(rebuilt.length);
    await h.catchUp().catchUpNetwork(networkId);
    for (const projection of PROJECTIONS) {
      const row = await h.readModels.rows.row(projection.name, await active(projection.name), networkId);
      const pure = projection.evolve(projection.initial(), events);
      expect(row?.version).toBe(events.length);
      // A document shared by projections (NetworkProjection.document) is stored by one of them only.
      expect(row?.document).toBe(projection.document?.stored === false ? '' : JSON.stringify(pure));
      expect(row?.view).toBe(JSON.stringify(projection.view(pure, events.length)));
    }
  });

  it('folds a network once for both projections, and a fresh runner takes the overview document from network-views', async () => {
    const networkId = 'red-shared-fold';
    await submit(h, networkId, [...foundingCommands(networkId), ...fc.sample(historyArb, { numRuns: 1, seed: 5 })[0]]);
    // Every evolve call of this service, by projection.
    const evolved: string[] = [];
    const counting = PROJECTIONS.map((p) => ({
      ...p,
      evolve: (doc: unknown, events: readonly NetworkEvent[]) => {
        evolved.push(p.name);
        return p.evolve(doc, events);
      },
    }));
    await h.services(counting).catchUp.catchUpNetwork(networkId);
    // Whichever projection resumed first folded; the other took its document.
    expect(evolved).toHaveLength(1);
    // A fresh runner (a restarted worker): the overview row has no document; it reads network-views' row, not the stream.
    await submit(h, networkId, fc.sample(historyArb, { numRuns: 1, seed: 6 })[0]);
    const fromStart: number[] = [];
    const store = new Proxy(h.store, {
      get: (target, prop, receiver) =>
        prop === 'readStream'
          ? (id: string, o?: { fromVersion?: number }) => {
              if ((o?.fromVersion ?? 1) === 1) fromStart.push(1);
              return target.readStream(id, o);
            }
          : (Reflect.get(target, prop, receiver) as unknown),
    });
    const fresh = projectionServices(store, h.readModels, PROJECTIONS);
    const generation = (await h.readModels.rebuilds.status(overviewProjection.name)).activeGeneration;
    await fresh.runner.catchUp(overviewProjection, generation, networkId);
    expect(fromStart).toEqual([]);
    const events = await h.events(networkId);
    expect(await storedView(h, overviewProjection, networkId)).toEqual({
      version: events.length,
      view: expectedView(overviewProjection, events),
    });
    await fresh.catchUp.catchUpNetwork(networkId); // leaves every projection caught up for the tests after this one
  });

  it('a catch-up of a stream longer than one page (1,000 events) reaches the stream head', async () => {
    const networkId = 'red-larga';
    const streamId = networkStreamId(networkId);
    const day = (i: number) =>
      `2024-${String(1 + Math.floor(i / 100)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const all: NetworkEvent[] = [
      networkRegistered({ networkId, registeredOn: '2024-01-01' }),
      schoolJoined('A', '2024-01-01'),
      ...Array.from({ length: 2_150 }, (_, i) => sessionHeld(`s${i}`, day(i % 1_100), { schoolsPresent: ['A'] })),
    ];
    for (let i = 0; i < all.length; i += 500)
      await h.store.appendToStream(streamId, all.slice(i, i + 500), { expectedVersion: i === 0 ? 'no_stream' : i });
    await h.catchUp().catchUpNetwork(networkId);
    const events = await h.events(networkId);
    expect(events).toHaveLength(2_152);
    for (const projection of PROJECTIONS)
      expect(await storedView(h, projection, networkId)).toEqual({
        version: events.length,
        view: expectedView(projection, events),
      });
  });

  it('redelivered and concurrent catch-ups of the same network change nothing twice', async () => {
    const networkId = 'red-redelivery';
    await submit(h, networkId, [...foundingCommands(networkId), ...fc.sample(historyArb, { numRuns: 1, seed: 7 })[0]]);
    const runners = [h.catchUp(), h.catchUp(), h.catchUp()];
    await Promise.all(runners.map((c) => c.catchUpNetwork(networkId)));
    await runners[0].catchUpNetwork(networkId);
    const events = await h.events(networkId);
    for (const projection of [networkViewsProjection, overviewProjection]) {
      expect(await storedView(h, projection, networkId)).toEqual({
        version: events.length,
        view: expectedView(projection, events),
      });
    }
  });

  it('a rebuild interrupted midway (a killed worker) resumes, and answers the same', async () => {
    const { catchUp, rebuilder } = h.services();
    for (const n of [1, 2, 3]) {
      const networkId = `red-resume-${n}`;
      await submit(h, networkId, [
        ...foundingCommands(networkId),
        ...fc.sample(historyArb, { numRuns: 1, seed: n })[0],
      ]);
      await catchUp.catchUpNetwork(networkId);
    }
    const name = networkViewsProjection.name;
    const active = (await h.readModels.rebuilds.status(name)).activeGeneration;
    const before = await h.readModels.rows.views(name, active);
    const generation = (await h.readModels.rebuilds.startRebuild(name, 'test', 0))!;
    const signal = { aborted: false };
    let reports = 0;
    const first = await rebuilder.run(name, generation, {
      onProgress: () => void (reports++ === 0 && (signal.aborted = true)),
      signal,
      progressEvery: 1,
      logPageSize: 20, // stopped in the middle of the pass over the log
    });
    expect(first).toBe('interrupted');
    // The old generation still answers while the rebuild is half done.
    expect((await h.readModels.rebuilds.status(name)).activeGeneration).toBe(active);
    expect(await h.services().rebuilder.run(name, generation)).toBe('switched');
    expect(await h.readModels.rows.views(name, generation)).toEqual(before);
  });

  it('a rebuild over interleaved networks, with memory for fewer than all of them, answers the same', async () => {
    const { catchUp, rebuilder } = h.services();
    const ids = [1, 2, 3, 4].map((n) => `red-mezcla-${n}`);
    const histories = ids.map((id, n) => [
      ...foundingCommands(id),
      ...fc.sample(historyArb, { numRuns: 1, seed: 40 + n })[0],
    ]);
    // Round robin: every network's events are spread over the whole log.
    for (let i = 0; histories.some((h) => i < h.length); i++) {
      for (const [n, id] of ids.entries()) if (i < histories[n].length) await submit(h, id, [histories[n][i]]);
    }
    for (const id of ids) await catchUp.catchUpNetwork(id);
    for (const projection of PROJECTIONS) {
      const active = (await h.readModels.rebuilds.status(projection.name)).activeGeneration;
      const before = await h.readModels.rows.views(projection.name, active);
      const generation = (await h.readModels.rebuilds.startRebuild(projection.name, 'test', 0))!;
      // 25 events of unfinished documents at most: the biggest are dropped and rebuilt stream by stream.
      expect(await rebuilder.run(projection.name, generation, { logPageSize: 7, maxOpenEvents: 25 })).toBe('switched');
      expect(await h.readModels.rows.views(projection.name, generation)).toEqual(before);
    }
  });
});
