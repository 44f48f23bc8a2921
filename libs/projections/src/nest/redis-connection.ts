import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

const logger = new Logger('redis');

/** Longest a shutdown step that talks to Redis may take; then the socket is dropped (SIGTERM must end the process). */
export const REDIS_CLOSE_TIMEOUT_MS = 3_000;
/** A lost connection is reported at most this often, not once per reconnect attempt. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/** Resolves with `work`'s value, or with undefined once `ms` have passed (the work goes on unobserved). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Without an 'error' listener ioredis prints every failed reconnect attempt as
 * "[ioredis] Unhandled error event" with a stack trace. One warning per
 * interval says the same; reconnecting goes on in the background.
 */
export function reportRedisErrors(client: Redis, name: string): Redis {
  let lastLogged = 0;
  client.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    logger.warn({ msg: 'redis unreachable; retrying in the background', connection: name, err: err.message });
  });
  client.on('ready', () => {
    if (lastLogged) logger.log({ msg: 'redis reachable again', connection: name });
    lastLogged = 0;
  });
  return client;
}

/**
 * The connection for the queue producer and the health check.
 * `maxRetriesPerRequest: null` is what BullMQ asks of the connections it is
 * given; commands are not queued while Redis is unreachable, because the
 * scheduler refuses them beforehand (the sweeper re-sends what was lost).
 */
export function openRedis(url: string): Redis {
  return reportRedisErrors(new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false }), 'main');
}

/** quit() when Redis answers in time, else drop the socket: shutdown never waits for an unreachable Redis. */
export async function closeRedis(client: Redis | undefined): Promise<void> {
  if (!client || client.status === 'end') return;
  const quit = client.status === 'ready' ? await within(REDIS_CLOSE_TIMEOUT_MS, client.quit()) : undefined;
  if (quit === undefined) client.disconnect();
}
