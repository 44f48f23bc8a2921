import type { SqlClient, SqlExecutor } from '@indaga/platform';
import { READ_MODEL_MIGRATIONS } from './read-model.migrations';
import { GroupCommit } from './group-commit';
import type { PartsChange } from './text-parts';

export interface ReadModelRow {
  networkId: string;
  version: number;
  /** Empty when the row was written by a rebuild (the document is folded again from the stream on the next catch-up) or read with `viewOnly`. */
  document: string;
  view: string;
}

export type RebuildState = 'running' | 'cancelled' | 'failed' | 'done';

export interface ProjectionStatusRow {
  projection: string;
  activeGeneration: number;
  rebuildGeneration: number | null;
  rebuildState: RebuildState | null;
  rebuildJobId: string | null;
  rebuildProcessed: number | null;
  rebuildTotal: number | null;
  rebuildError: string | null;
}

export interface ParkedRow {
  networkId: string;
  generation: number;
  version: number;
  error: string;
  parkedAt: string;
}

/** A row as written by a catch-up: the parts of document and view that changed. */
export interface ReadModelWrite {
  networkId: string;
  version: number;
  region: string | null;
  document: PartsChange;
  view: PartsChange;
}

/** Rows per multi-row INSERT of parts (6 parameters each, well under every driver's limit). */
const PARTS_PER_INSERT = 500;

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const now = () => new Date().toISOString();

/**
 * The read-model tables (SQLite or PostgreSQL through SqlClient). Every
 * checkpoint write is a compare-and-set. A row's document and view are
 * stored as parts (read_model_parts) and joined back when read, in the same
 * statement as the row's version, so a reader never sees parts of another version.
 */
export class ReadModelStore {
  private readonly writes: GroupCommit<CompareAndSet, boolean>;

  /** `commitIntervalMs`: at least this long between two write transactions (see GroupCommit); 0 by default. */
  constructor(
    private readonly sql: SqlClient,
    options: { commitIntervalMs?: number } = {},
  ) {
    this.writes = new GroupCommit(
      (batch) =>
        this.sql.transaction(async (tx) => {
          // One order for every batch, so two workers' PostgreSQL transactions do not lock rows crosswise.
          const order = batch.map((_, i) => i).sort((a, b) => compareKeys(batch[a], batch[b]));
          const results: boolean[] = new Array<boolean>(batch.length);
          for (const i of order) results[i] = await compareAndSetIn(tx, batch[i]);
          return results;
        }),
      (one) => this.sql.transaction((tx) => compareAndSetIn(tx, one)),
      options.commitIntervalMs ?? 0,
    );
  }

  async init(projections: readonly string[]): Promise<void> {
    await this.sql.migrate('read-models', READ_MODEL_MIGRATIONS);
    for (const name of projections) {
      await this.sql.run(
        'INSERT INTO projection_status (projection, active_generation, updated_at) VALUES ($1, 1, $2) ON CONFLICT (projection) DO NOTHING',
        [name, now()],
      );
    }
  }

  /**
   * A row with its document and view joined from their parts. `viewOnly`
   * leaves the document out (empty): it is the network's whole history,
   * which the HTTP reads of views do not need.
   */
  async row(
    projection: string,
    generation: number,
    networkId: string,
    options: { viewOnly?: boolean } = {},
  ): Promise<ReadModelRow | undefined> {
    const rows = await this.sql.query<{ version: unknown; kind: string | null; text: string | null }>(
      `SELECT r.version, p.kind, p.text FROM read_models r
       LEFT JOIN read_model_parts p ON p.projection = r.projection AND p.generation = r.generation AND p.network_id = r.network_id
         AND p.kind IN ('v', $4)
       WHERE r.projection = $1 AND r.generation = $2 AND r.network_id = $3 ORDER BY p.kind, p.seq`,
      [projection, generation, networkId, options.viewOnly ? 'v' : 'd'],
    );
    if (rows.length === 0) return undefined;
    const text = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => r.text)
        .join('');
    return { networkId, version: num(rows[0].version), document: text('d'), view: text('v') };
  }

  /** Every row's version in a generation, by network. */
  async versions(projection: string, generation: number): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ network_id: string; version: unknown }>(
      'SELECT network_id, version FROM read_models WHERE projection = $1 AND generation = $2',
      [projection, generation],
    );
    return new Map(rows.map((r) => [r.network_id, num(r.version)]));
  }

  async version(projection: string, generation: number, networkId: string): Promise<number> {
    const [r] = await this.sql.query<{ version: unknown }>(
      'SELECT version FROM read_models WHERE projection = $1 AND generation = $2 AND network_id = $3',
      [projection, generation, networkId],
    );
    return r ? num(r.version) : 0;
  }

  /**
   * Writes a row only if its checkpoint is still `fromVersion` (0: the row must
   * not exist), with its changed parts, in one transaction. Answers false when
   * another run got there first: the caller re-reads and goes on from there,
   * so a duplicate or stale run changes nothing. Writes submitted while
   * another is being committed share the next transaction (GroupCommit), each
   * still compared and set on its own.
   */
  compareAndSet(projection: string, generation: number, fromVersion: number, row: ReadModelWrite): Promise<boolean> {
    return this.writes.submit({ projection, generation, fromVersion, row });
  }

  async views(
    projection: string,
    generation: number,
    /**
     * `parts`: only the view's parts numbered in [from, to] (a view filed in separately readable parts);
     * `updatedAt`: each row also says when it was last written (ISO 8601).
     */
    filter: { region?: string; networkId?: string; parts?: [from: number, to: number]; updatedAt?: boolean } = {},
  ): Promise<Array<{ networkId: string; version: number; view: string; updatedAt?: string }>> {
    const params: unknown[] = [projection, generation];
    let where = 'r.projection = $1 AND r.generation = $2';
    if (filter.region !== undefined) where += ` AND r.region = $${params.push(filter.region)}`;
    if (filter.networkId !== undefined) where += ` AND r.network_id = $${params.push(filter.networkId)}`;
    if (filter.parts !== undefined)
      where += ` AND p.seq BETWEEN $${params.push(filter.parts[0])} AND $${params.push(filter.parts[1])}`;
    const rows = await this.sql.query<{ network_id: string; version: unknown; updated_at: string; text: string }>(
      `SELECT r.network_id, r.version, r.updated_at, p.text FROM read_models r
       JOIN read_model_parts p ON p.projection = r.projection AND p.generation = r.generation AND p.network_id = r.network_id AND p.kind = 'v'
       WHERE ${where} ORDER BY r.network_id, p.seq`,
      params,
    );
    const views: Array<{ networkId: string; version: number; view: string; updatedAt?: string }> = [];
    let texts: string[] = [];
    rows.forEach((r, i) => {
      texts.push(r.text);
      if (i + 1 === rows.length || rows[i + 1].network_id !== r.network_id) {
        const view = { networkId: r.network_id, version: num(r.version), view: texts.join('') };
        views.push(filter.updatedAt ? { ...view, updatedAt: r.updated_at } : view);
        texts = [];
      }
    });
    return views;
  }

  async status(projection: string): Promise<ProjectionStatusRow> {
    const [r] = await this.sql.query<Record<string, unknown>>('SELECT * FROM projection_status WHERE projection = $1', [
      projection,
    ]);
    if (!r) throw new Error(`unknown projection ${projection}`);
    return {
      projection,
      activeGeneration: num(r.active_generation),
      rebuildGeneration: numOrNull(r.rebuild_generation),
      rebuildState: (r.rebuild_state as RebuildState | null) ?? null,
      rebuildJobId: (r.rebuild_job_id as string | null) ?? null,
      rebuildProcessed: numOrNull(r.rebuild_processed),
      rebuildTotal: numOrNull(r.rebuild_total),
      rebuildError: (r.rebuild_error as string | null) ?? null,
    };
  }

  /** Claims the next generation for a rebuild unless one is running; answers it, or undefined. */
  async startRebuild(projection: string, jobId: string, total: number): Promise<number | undefined> {
    return this.sql.transaction(async (tx) => {
      const [r] = await tx.query<{
        active_generation: unknown;
        rebuild_generation: unknown;
        rebuild_state: string | null;
      }>('SELECT active_generation, rebuild_generation, rebuild_state FROM projection_status WHERE projection = $1', [
        projection,
      ]);
      if (!r || r.rebuild_state === 'running') return undefined;
      const generation = Math.max(num(r.active_generation), numOrNull(r.rebuild_generation) ?? 0) + 1;
      await tx.run('DELETE FROM read_models WHERE projection = $1 AND generation = $2', [projection, generation]);
      await tx.run('DELETE FROM read_model_parts WHERE projection = $1 AND generation = $2', [projection, generation]);
      await tx.run(
        `UPDATE projection_status SET rebuild_generation = $2, rebuild_state = 'running', rebuild_job_id = $3,
         rebuild_processed = 0, rebuild_total = $4, rebuild_error = NULL, updated_at = $5 WHERE projection = $1`,
        [projection, generation, jobId, total, now()],
      );
      return generation;
    });
  }

  async setRebuildJob(projection: string, generation: number, jobId: string): Promise<void> {
    await this.sql.run(
      'UPDATE projection_status SET rebuild_job_id = $3 WHERE projection = $1 AND rebuild_generation = $2',
      [projection, generation, jobId],
    );
  }

  async rebuildProgress(
    projection: string,
    generation: number,
    processed: number,
    total: number,
  ): Promise<RebuildState | null> {
    await this.sql.run(
      `UPDATE projection_status SET rebuild_processed = $3, rebuild_total = $4, updated_at = $5
       WHERE projection = $1 AND rebuild_generation = $2 AND rebuild_state = 'running'`,
      [projection, generation, processed, total, now()],
    );
    return (await this.status(projection)).rebuildState;
  }

  /** The switch: the rebuilt generation becomes the one that answers, in one statement. */
  async activate(projection: string, generation: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE projection_status SET active_generation = $2, rebuild_state = 'done', updated_at = $3
       WHERE projection = $1 AND rebuild_generation = $2 AND rebuild_state = 'running'`,
      [projection, generation, now()],
    );
    return changed === 1;
  }

  async endRebuild(
    projection: string,
    generation: number,
    state: 'cancelled' | 'failed',
    error?: string,
  ): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE projection_status SET rebuild_state = $3, rebuild_error = $4, updated_at = $5
       WHERE projection = $1 AND rebuild_generation = $2 AND rebuild_state = 'running'`,
      [projection, generation, state, error ?? null, now()],
    );
    return changed === 1;
  }

  /** Drops every generation but the active one (after a switch or a cancelled rebuild). */
  async dropInactive(projection: string, activeGeneration: number): Promise<void> {
    await this.sql.run('DELETE FROM read_models WHERE projection = $1 AND generation <> $2', [
      projection,
      activeGeneration,
    ]);
    await this.sql.run('DELETE FROM read_model_parts WHERE projection = $1 AND generation <> $2', [
      projection,
      activeGeneration,
    ]);
    await this.sql.run('DELETE FROM projection_parked WHERE projection = $1 AND generation <> $2', [
      projection,
      activeGeneration,
    ]);
  }

  async park(projection: string, generation: number, networkId: string, version: number, error: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO projection_parked (projection, generation, network_id, version, error, parked_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (projection, generation, network_id) DO UPDATE SET version = excluded.version, error = excluded.error, parked_at = excluded.parked_at`,
      [projection, generation, networkId, version, error, now()],
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

  async isParked(projection: string, generation: number, networkId: string): Promise<boolean> {
    const rows = await this.sql.query(
      'SELECT 1 FROM projection_parked WHERE projection = $1 AND generation = $2 AND network_id = $3',
      [projection, generation, networkId],
    );
    return rows.length > 0;
  }

  async cursor(name: string): Promise<number> {
    const [r] = await this.sql.query<{ position: unknown }>('SELECT position FROM projection_cursors WHERE name = $1', [
      name,
    ]);
    return r ? num(r.position) : 0;
  }

  /** Moves a cursor forward only (two sweepers never move it back). */
  async advanceCursor(name: string, position: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO projection_cursors (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE projection_cursors.position < excluded.position`,
      [name, position],
    );
  }

  /** Checkpoint of the slowest live network row, for lag: the count of events not yet reflected. */
  async checkpointSum(projection: string, generation: number): Promise<{ networks: number; versions: number }> {
    const [r] = await this.sql.query<{ n: unknown; v: unknown }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(version), 0) AS v FROM read_models WHERE projection = $1 AND generation = $2',
      [projection, generation],
    );
    return { networks: num(r?.n ?? 0), versions: num(r?.v ?? 0) };
  }
}

interface CompareAndSet {
  projection: string;
  generation: number;
  fromVersion: number;
  row: ReadModelWrite;
}

function compareKeys(a: CompareAndSet, b: CompareAndSet): number {
  const ka = `${a.projection}\u0000${a.generation}\u0000${a.row.networkId}`;
  const kb = `${b.projection}\u0000${b.generation}\u0000${b.row.networkId}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

async function compareAndSetIn(
  tx: SqlExecutor,
  { projection, generation, fromVersion, row }: CompareAndSet,
): Promise<boolean> {
  const changed =
    fromVersion === 0
      ? await tx.run(
          `INSERT INTO read_models (projection, generation, network_id, version, region, document, view, updated_at)
           VALUES ($1, $2, $3, $4, $5, '', '', $6) ON CONFLICT (projection, generation, network_id) DO NOTHING`,
          [projection, generation, row.networkId, row.version, row.region, now()],
        )
      : await tx.run(
          `UPDATE read_models SET version = $4, region = $5, updated_at = $6
           WHERE projection = $1 AND generation = $2 AND network_id = $3 AND version = $7`,
          [projection, generation, row.networkId, row.version, row.region, now(), fromVersion],
        );
  if (changed !== 1) return false;
  await writeParts(tx, [projection, generation, row.networkId], { d: row.document, v: row.view });
  return true;
}

/** Applies the parts changes of one row (`d`: document, `v`: view) inside the caller's transaction. */
async function writeParts(
  tx: SqlExecutor,
  key: [string, number, string],
  changes: Record<'d' | 'v', PartsChange>,
): Promise<void> {
  const upserts: Array<[string, number, string]> = [];
  for (const kind of ['d', 'v'] as const) {
    const change = changes[kind];
    if (change.replace)
      await tx.run(
        'DELETE FROM read_model_parts WHERE projection = $1 AND generation = $2 AND network_id = $3 AND kind = $4',
        [...key, kind],
      );
    for (const seq of change.deletes) {
      await tx.run(
        'DELETE FROM read_model_parts WHERE projection = $1 AND generation = $2 AND network_id = $3 AND kind = $4 AND seq = $5',
        [...key, kind, seq],
      );
    }
    for (const [seq, text] of change.upserts) upserts.push([kind, seq, text]);
  }
  for (let i = 0; i < upserts.length; i += PARTS_PER_INSERT) {
    const chunk = upserts.slice(i, i + PARTS_PER_INSERT);
    const params: unknown[] = [...key];
    const values = chunk.map(
      ([kind, seq, text]) => `($1, $2, $3, $${params.push(kind)}, $${params.push(seq)}, $${params.push(text)})`,
    );
    await tx.run(
      `INSERT INTO read_model_parts (projection, generation, network_id, kind, seq, text) VALUES ${values.join(', ')}
       ON CONFLICT (projection, generation, network_id, kind, seq) DO UPDATE SET text = excluded.text`,
      params,
    );
  }
}
