import { IdempotencyKeyHeldError, StoreUnavailableError, WrongExpectedVersionError } from '../src';
import { encodeAppend } from '../src/internal/encoded-append';
import { GroupCommitQueue, type Pending } from '../src/group-commit-queue';
import { appendQueueOptions } from '../src/internal/append-queue-options';
import { insertQuery, planBatch } from '../src/postgres/postgres-batch-plan';

const effect = (key: string) => ({
  scope: 's',
  key,
  value: 'v',
  expiresAt: '2999-01-01T00:00:00Z',
});

describe('encodeAppend', () => {
  const metadataOf = (metadata: unknown) =>
    JSON.parse(
      encodeAppend('s', [{ type: 'T', data: 1, metadata: metadata as Record<string, unknown> }], {
        expectedVersion: 'any',
      }).events[0].metadata,
    );

  it('appends recordedAt after the caller keys, in their order', () => {
    expect(Object.keys(metadataOf({ z: 1, a: 2 }))).toEqual(['z', 'a', 'recordedAt']);
    expect(Object.keys(metadataOf(undefined))).toEqual(['recordedAt']);
    expect(Object.keys(metadataOf({ gone: undefined }))).toEqual(['recordedAt']);
    expect(metadataOf({ recordedAt: 'fake', b: 1 })).toEqual({ recordedAt: expect.stringMatching(/^\d{4}-/), b: 1 });
    expect(() => metadataOf({ toJSON: () => 'x' })).toThrow(TypeError);
    expect(() => metadataOf([1])).toThrow(TypeError);
  });

  it('stores undefined data as null and normalises expiry times', () => {
    const append = encodeAppend('s', [{ type: 'T', data: undefined }], {
      expectedVersion: 0,
      idempotency: { ...effect('k'), expiresAt: '2030-01-01T00:00:00+02:00' },
    });
    expect(append.events[0].data).toBe('null');
    expect(append.sideEffects[0].expiresAt).toBe('2029-12-31T22:00:00.000Z');
  });
});

describe('planBatch (PostgreSQL)', () => {
  it('checks appends to one stream in order and claims side-effect keys once', () => {
    const appends = [
      encodeAppend(
        'a',
        [
          { type: 'T', data: 1 },
          { type: 'T', data: 2 },
        ],
        { expectedVersion: 3 },
      ),
      encodeAppend('a', [{ type: 'T', data: 3 }], { expectedVersion: 5 }),
      encodeAppend('a', [{ type: 'T', data: 4 }], { expectedVersion: 3 }),
      encodeAppend('b', [{ type: 'T', data: 5 }], { expectedVersion: 'no_stream', idempotency: effect('k') }),
      encodeAppend('c', [{ type: 'T', data: 6 }], { expectedVersion: 'any', idempotency: effect('k') }),
      encodeAppend('d', [{ type: 'T', data: 7 }], { expectedVersion: 'any', idempotency: effect('x') }),
      encodeAppend('e', [{ type: 'T', data: 8 }], { expectedVersion: 'any', idempotency: effect('x') }),
    ];
    const decisions = planBatch(appends, new Map([['a', 3]]), new Set());
    expect(decisions.slice(0, 2)).toEqual([{ versionBefore: 3 }, { versionBefore: 5 }]);
    expect((decisions[2] as { error: WrongExpectedVersionError }).error.actualVersion).toBe(6);
    expect(decisions[3]).toEqual({ versionBefore: 0 });
    expect((decisions[4] as { error: Error }).error).toBeInstanceOf(IdempotencyKeyHeldError);
    expect(decisions[5]).toEqual({ versionBefore: 0 });
    expect((decisions[6] as { error: Error }).error).toBeInstanceOf(IdempotencyKeyHeldError);

    const query = insertQuery(appends, decisions);
    expect(query.name).toBe('es_insert_json');
    expect(JSON.parse(query.values[0] as string).map((r: { s: string; v: number }) => `${r.s}${r.v}`)).toEqual([
      'a4',
      'a5',
      'a6',
      'b1',
      'd1',
    ]);
    expect(query.sideEffects).toBe(2);
  });

  it('sends payloads holding \\u escapes as arrays', () => {
    const appends = [encodeAppend('a', [{ type: 'T', data: 'nul \u0000' }], { expectedVersion: 'any' })];
    expect(insertQuery(appends, planBatch(appends, new Map(), new Set())).name).toBe('es_insert_arrays');
  });
});

describe('GroupCommitQueue', () => {
  it('hands appends of one tick to one flush, capped, and refuses appends once closed', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(async (batch: Array<Pending<number, number>>) => {
      batches.push(batch.map((p) => p.item));
      for (const p of batch) p.resolve(p.item * 10);
    }, appendQueueOptions(3));
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.push(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    await queue.close();
    await expect(queue.push(6)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rejects the unsettled appends of a failed flush', async () => {
    const queue = new GroupCommitQueue<number, number>(async (batch) => {
      batch[0].resolve(1);
      throw new Error('disk gone');
    }, appendQueueOptions(10));
    const results = await Promise.allSettled([queue.push(1), queue.push(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it("starting 'now', a lone item goes alone at once and those pushed meanwhile share the next batch", async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (batch) => {
        batches.push(batch.map((p) => p.item));
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const p of batch) p.resolve(p.item);
      },
      { start: 'now' },
    );
    const first = queue.push(1);
    // Already taken: the batch started synchronously with the push.
    expect(batches).toEqual([[1]]);
    await Promise.all([first, queue.push(2), queue.push(3), queue.push(4)]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps at least minIntervalMs between the starts of two batches', async () => {
    const starts: number[] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (batch) => {
        starts.push(performance.now());
        for (const p of batch) p.resolve(p.item);
      },
      { start: 'now', minIntervalMs: 30 },
    );
    await queue.push(1);
    await queue.push(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(29);
  });

  it('allOrEachAlone: a failed batch is retried item by item, so one bad item fails alone', async () => {
    const alone: number[] = [];
    const queue = new GroupCommitQueue<number, number>(
      GroupCommitQueue.allOrEachAlone(
        async (items) => {
          if (items.includes(13)) throw new Error('one bad item');
          return items.map((n) => n * 2);
        },
        async (n) => {
          alone.push(n);
          if (n === 13) throw new Error('bad');
          return n * 2;
        },
      ),
    );
    const results = await Promise.allSettled([queue.push(1), queue.push(13), queue.push(3)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([2, 'rejected', 6]);
    expect(alone).toEqual([1, 13, 3]);
    expect(await Promise.all([queue.push(4), queue.push(5)])).toEqual([8, 10]);
  });

  it("starts a lone caller's batch without waiting for the event loop's check phase", async () => {
    const order: string[] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (batch) => {
        order.push(`flush ${batch.map((p) => p.item).join(',')}`);
        for (const p of batch) p.resolve(p.item);
      },
      { maxBatch: 10, start: 'lone-soon' },
    );
    setImmediate(() => order.push('immediate'));
    await queue.push(1); // idle queue
    await queue.push(2); // a sequential caller's next append
    expect(order).toEqual(['flush 1', 'flush 2']);
    await Promise.all([queue.push(3), queue.push(4)]); // one tick, one flush
    expect(order.filter((o) => o !== 'immediate')).toEqual(['flush 1', 'flush 2', 'flush 3,4']);
  });
});
