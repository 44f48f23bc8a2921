import { Redis } from 'ioredis';
import { AckTracker, type RevocationChannel, type RevocationListener } from './revocation-channel';

/**
 * Revocations over Redis pub/sub: one subscribed connection per instance and
 * one for publishing (announcements and acks). PUBLISH answers how many
 * subscribers received the announcement: that many acks are awaited.
 */
export class RedisRevocationChannel implements RevocationChannel {
  private listener: RevocationListener | undefined;
  private readonly channel: string;
  private readonly sub: Redis;
  private readonly pub: Redis;
  private readonly tracker: AckTracker;
  /** Set once start() ran: reconnects subscribe again from then on. */
  private subscribed = false;

  constructor(url: string, prefix: string) {
    this.channel = `${prefix}:token-revocations`;
    // Commands fail at once while Redis is unreachable (no offline queue): the cache is off then anyway.
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true };
    this.sub = new Redis(url, options);
    this.pub = new Redis(url, options);
    for (const client of [this.sub, this.pub]) client.on('error', () => undefined);
    this.tracker = new AckTracker(
      () => this.listener,
      (message) => this.pub.publish(this.channel, JSON.stringify(message)),
    );
    this.sub.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.tracker.received(text);
    });
    this.sub.on('close', () => this.listener?.live(false));
    // After a reconnect: subscribe again (harmless if ioredis already did) before trusting the cache.
    this.sub.on('ready', () => {
      if (!this.subscribed) return;
      this.sub
        .subscribe(this.channel)
        .then(() => this.listener?.live(true))
        .catch(() => undefined);
    });
  }

  async start(listener: RevocationListener): Promise<void> {
    this.listener = listener;
    await Promise.all([this.sub.connect(), this.pub.connect()]).catch(() => undefined);
    try {
      await this.sub.subscribe(this.channel);
      this.subscribed = true;
      listener.live(true);
    } catch {
      // Not reachable now: 'ready' after a reconnect resubscribes; until then the cache stays off.
      this.subscribed = true;
    }
  }

  announce(tokenId: string, maxWaitMs: number): Promise<boolean> {
    return this.tracker.announce(tokenId, maxWaitMs, (message) =>
      this.pub.publish(this.channel, JSON.stringify(message)),
    );
  }

  async close(): Promise<void> {
    this.tracker.close();
    this.listener = undefined;
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
