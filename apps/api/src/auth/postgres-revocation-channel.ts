import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { SqlClient } from '@indaga/platform';
import { AckTracker, type RevocationChannel, type RevocationListener } from './revocation-channel';

/** NOTIFY channels are per database, so two deployments on one server do not hear each other. */
const CHANNEL = 'indaga_token_revocations';
/** The listening connections' application_name: announcements count them to know how many acks to await. */
const LISTENER_NAME = 'indaga-token-listener';
const RECONNECT_MS = 1_000;

/**
 * Revocations over PostgreSQL LISTEN/NOTIFY: each instance keeps one
 * connection listening (named LISTENER_NAME), and acknowledges on it. An
 * announcement counts the listening connections of this database in
 * pg_stat_activity and waits for that many acks.
 */
export class PostgresRevocationChannel implements RevocationChannel {
  private readonly logger = new Logger('auth');
  private listener: RevocationListener | undefined;
  private client: Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly tracker = new AckTracker(
    () => this.listener,
    async (message) => this.client?.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(message)]),
  );

  constructor(
    private readonly connectionString: string,
    private readonly sql: SqlClient,
  ) {}

  async start(listener: RevocationListener): Promise<void> {
    this.listener = listener;
    await this.connect();
  }

  async announce(tokenId: string, maxWaitMs: number): Promise<boolean> {
    return this.tracker.announce(tokenId, maxWaitMs, async (message) => {
      const [row] = await this.sql.query<{ listening: number; sent: unknown }>(
        `SELECT pg_notify($1, $2) AS sent,
                (SELECT count(*)::int FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = $3) AS listening`,
        [CHANNEL, JSON.stringify(message), LISTENER_NAME],
      );
      return row.listening;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.tracker.close();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.connectionString, application_name: LISTENER_NAME });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listener?.live(false);
      void client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) this.tracker.received(n.payload);
    });
    try {
      this.client = client;
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.client === client) this.listener?.live(true);
    } catch (err) {
      if (this.client === client) {
        this.client = undefined;
        this.logger.warn({ msg: 'token revocation listener not connected; retrying', err: (err as Error).message });
        void client.end().catch(() => undefined);
        this.reconnectLater();
      }
    }
  }

  private reconnectLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
