import type { SqlClient } from '@indaga/platform';
import { now, num } from './sql-values';

export interface ParkedRow {
  networkId: string;
  generation: number;
  version: number;
  error: string;
  parkedAt: string;
}

/**
 * Networks whose projection kept failing (projection_parked): skipped by
 * catch-ups of that generation while the others flow, listed in
 * GET /v1/projections, cleared by a rebuild.
 */
export class ParkedNetworks {
  constructor(private readonly sql: SqlClient) {}

  /** Parks a network at the version its row reached (0 without a row), in one statement. */
  async park(projection: string, generation: number, networkId: string, error: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO projection_parked (projection, generation, network_id, version, error, parked_at)
       VALUES ($1, $2, $3, COALESCE((SELECT version FROM read_models WHERE projection = $1 AND generation = $2 AND network_id = $3), 0), $4, $5)
       ON CONFLICT (projection, generation, network_id) DO UPDATE SET version = excluded.version, error = excluded.error, parked_at = excluded.parked_at`,
      [projection, generation, networkId, error, now()],
    );
  }

  async parked(projection: string, generation?: number): Promise<ParkedRow[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT network_id, generation, version, error, parked_at FROM projection_parked WHERE projection = $1 ${generation === undefined ? '' : 'AND generation = $2'} ORDER BY network_id`,
      generation === undefined ? [projection] : [projection, generation],
    );
    return rows.map((r) => ({
      networkId: String(r.network_id),
      generation: num(r.generation),
      version: num(r.version),
      error: String(r.error),
      parkedAt: String(r.parked_at),
    }));
  }
}
