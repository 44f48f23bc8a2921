import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Migration, SQL_CLIENT, SqlClient } from '@indaga/platform';
import type { Role } from './principal';

export interface TokenRecord {
  id: string;
  secretHash: string;
  role: Role;
  networkId: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sqlite: `CREATE TABLE tokens (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, role TEXT NOT NULL,
      network_id TEXT, label TEXT, created_at TEXT NOT NULL, revoked_at TEXT)`,
    postgres: `CREATE TABLE tokens (id text PRIMARY KEY, secret_hash text NOT NULL, role text NOT NULL,
      network_id text, label text, created_at text NOT NULL, revoked_at text)`,
  },
];

interface TokenRow {
  id: string;
  secret_hash: string;
  role: Role;
  network_id: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

const toRecord = (r: TokenRow): TokenRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  role: r.role,
  networkId: r.network_id,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** Issued tokens (hashes only). Not events: tokens are not facts about a network. */
@Injectable()
export class TokenStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.migrate('tokens', MIGRATIONS);
  }

  /** Inserts unless the id exists; answers whether it inserted. */
  async insert(record: TokenRecord): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO tokens (id, secret_hash, role, network_id, label, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [record.id, record.secretHash, record.role, record.networkId, record.label, record.createdAt, record.revokedAt],
    );
    return changed === 1;
  }

  async find(id: string): Promise<TokenRecord | undefined> {
    const [row] = await this.sql.query<TokenRow>('SELECT * FROM tokens WHERE id = $1', [id]);
    return row ? toRecord(row) : undefined;
  }

  /** Every issued token, oldest first (hashes included: callers must not hand them out). */
  async list(): Promise<TokenRecord[]> {
    return (await this.sql.query<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id', [])).map(toRecord);
  }

  /** Answers false when no live token has that id. */
  async revoke(id: string, at: string): Promise<boolean> {
    return (
      (await this.sql.run('UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at])) === 1
    );
  }
}
