import { TEST_MASTER_KEY } from '../../test/support/postgres-database';

export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The environment of an API process under a write benchmark: projections
 * left to workers (REDIS_URL, INDAGA_ROLE=api, its own queue prefix in the
 * shared Redis), so the write path includes the catch-up enqueue; the test
 * master key; rate limits off (32 connections on 64 network tokens from one
 * address would spend any sane budget in seconds). Add the store's variables.
 */
export function writeBenchEnv(queuePrefix: string): Record<string, string> {
  return {
    REDIS_URL: BENCH_REDIS_URL,
    INDAGA_ROLE: 'api',
    INDAGA_QUEUE_PREFIX: queuePrefix,
    INDAGA_MASTER_KEY: TEST_MASTER_KEY,
    INDAGA_RATE_LIMIT_PER_TOKEN: '0',
    INDAGA_RATE_LIMIT_PER_IP: '0',
  };
}
