import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Migration, SQL_CLIENT, SqlClient } from '@indaga/platform';
import type { Role } from '../auth/principal';
import { AccessLogFilter, AccessLogPage, accessLogPage, AccessRecord, StoredAccessRecord } from './access-record';

/** `at` is an ISO-8601 UTC instant of fixed width, so text order is time order (byte order on PostgreSQL). */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: `CREATE TABLE access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, token_id TEXT NOT NULL,
      role TEXT NOT NULL, network_id TEXT, endpoint TEXT NOT NULL, correlation_id TEXT NOT NULL);
      CREATE INDEX access_log_at ON access_log (at);
      CREATE INDEX access_log_network ON access_log (network_id, id);
      CREATE INDEX access_log_token ON access_log (token_id, id);`,
    postgres: `CREATE TABLE access_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at text COLLATE "C" NOT NULL,
      token_id text NOT NULL, role text NOT NULL, network_id text, endpoint text NOT NULL, correlation_id text NOT NULL);
      CREATE INDEX access_log_at ON access_log (at);
      CREATE INDEX access_log_network ON access_log (network_id, id);
      CREATE INDEX access_log_token ON access_log (token_id, id);`,
  },
];

interface AccessRow {
  /** A string from PostgreSQL (bigint), a number from SQLite. */
  id: number | string;
  at: string;
  token_id: string;
  role: Role;
  network_id: string | null;
  endpoint: string;
  correlation_id: string;
}

const toRecord = (r: AccessRow): StoredAccessRecord => ({
  id: Number(r.id),
  at: r.at,
  tokenId: r.token_id,
  role: r.role,
  networkId: r.network_id,
  endpoint: r.endpoint,
  correlationId: r.correlation_id,
});

/**
 * The access log of SPEC 6.3, in the service's own SQL database, outside the
 * network streams. Append-only for the app: rows are inserted by the access
 * interceptor and deleted only by the retention housekeeping.
 */
@Injectable()
export class AccessLogStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.migrate('access_log', MIGRATIONS);
  }

  async append(record: AccessRecord): Promise<void> {
    await this.appendAll([record]);
  }

  /** Inserts the records in one transaction (one commit, one fsync on SQLite), in order. */
  async appendAll(records: readonly AccessRecord[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const r of records) {
        await tx.run(
          `INSERT INTO access_log (at, token_id, role, network_id, endpoint, correlation_id)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [r.at, r.tokenId, r.role, r.networkId, r.endpoint, r.correlationId],
        );
      }
    });
  }

  /** Newest first (by id, the order records were written in), filtered, one page. */
  async list(filter: AccessLogFilter): Promise<AccessLogPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      params.push(value);
      conditions.push(condition.replace('?', `$${params.length}`));
    };
    if (filter.networkId !== undefined) where('network_id = ?', filter.networkId);
    if (filter.tokenId !== undefined) where('token_id = ?', filter.tokenId);
    if (filter.from !== undefined) where('at >= ?', filter.from);
    if (filter.to !== undefined) where('at < ?', filter.to);
    if (filter.before !== undefined) where('id < ?', filter.before);
    params.push(filter.limit + 1);
    const rows = await this.sql.query<AccessRow>(
      `SELECT * FROM access_log${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return accessLogPage(rows.map(toRecord), filter.limit);
  }

  /** Deletes up to `batch` records written before `cutoff`, oldest first; answers how many. */
  deleteOlderThan(cutoff: string, batch: number): Promise<number> {
    return this.sql.run(
      'DELETE FROM access_log WHERE id IN (SELECT id FROM access_log WHERE at < $1 ORDER BY id LIMIT $2)',
      [cutoff, batch],
    );
  }
}
