import { appendContract } from './contract/append.contract';
import { concurrencyContract } from './contract/concurrency.contract';
import type { ContractContext, ContractLimits, HarnessFactory } from './contract/harness';
import { uniqueStream } from './contract/harness';
import { migrationContract } from './contract/migration.contract';
import { readContract } from './contract/read.contract';
import { scaleContract } from './contract/scale.contract';
import { idempotencyRecordContract } from './contract/idempotency-record.contract';
import { visibilityContract } from './contract/visibility.contract';

export type { ContractHarness, ContractLimits, HarnessFactory } from './contract/harness';

/**
 * The behaviour every EventStore adapter must show, written once and run by
 * each adapter's *.int-spec.ts with a factory for a fresh database.
 */
export function eventStoreContract(name: string, factory: HarnessFactory, limits: ContractLimits = {}): void {
  describe(`${name} (event store contract)`, () => {
    const ctx = { stream: uniqueStream, limits } as ContractContext;

    beforeAll(async () => {
      ctx.harness = await factory();
      ctx.store = await ctx.harness.open();
    });

    afterAll(async () => {
      await ctx.store?.close();
      await ctx.harness?.destroy();
    });

    appendContract(ctx);
    readContract(ctx);
    idempotencyRecordContract(ctx);
    concurrencyContract(ctx);
    visibilityContract(ctx);
    scaleContract(ctx);
    migrationContract(factory);
  });
}
