import { Redis } from 'ioredis';

/** Deletes a benchmark's BullMQ keys (its INDAGA_QUEUE_PREFIX) from a shared Redis. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
