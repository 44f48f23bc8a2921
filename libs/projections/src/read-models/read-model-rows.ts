import { GroupCommitQueue } from '@indaga/event-store';
import type { SqlClient, SqlExecutor } from '@indaga/platform';
import { now, num } from './sql-values';
import type { PartRange, PartsChange, TextParts } from './text-parts';

export interface ReadModelRow {
  networkId: string;
  version: number;
  /** Empty when the row was written by a rebuild (the document is folded again from the stream on the next catch-up) or read with `viewOnly`. */
  document: string;
  view: string;
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

/** One network's view as `views()` reads it (the parts asked for, joined and by number). */
export interface ViewRow {
  networkId: string;
  version: number;
  view: string;
  parts: TextParts;
  /** When the row was last written (ISO 8601), with `updatedAt: true`. */
  updatedAt?: string;
}

/**
 * The read models' rows (read_models: a network's checkpoint version and
 * region per projection and generation) and their parts (read_model_parts:
 * document and view as numbered texts). Every checkpoint write is a
 * compare-and-set. A row's parts are read in the same statement as its
 * version, so a reader never sees parts of another version.
 */
export class ReadModelRows {
  private readonly writes: GroupCommitQueue<CompareAndSet, boolean>;

  /** `commitIntervalMs`: at least this long between two write transactions (see GroupCommitQueue); 0 by default. */
  constructor(
    private readonly sql: SqlClient,
    options: { commitIntervalMs?: number } = {},
  ) {
    // A lone write starts at once; writes made while one commits share the next transaction.
    this.writes = new GroupCommitQueue(
      GroupCommitQueue.allOrEachAlone(
        (batch: CompareAndSet[]) =>
          this.sql.transaction(async (tx) => {
            // One order for every batch, so two workers' PostgreSQL transactions do not lock rows crosswise.
            const order = batch.map((_, i) => i).sort((a, b) => compareKeys(batch[a], batch[b]));
            const results: boolean[] = new Array<boolean>(batch.length);
            for (const i of order) results[i] = await compareAndSetIn(tx, batch[i]);
            return results;
          }),
        (one) => this.sql.transaction((tx) => compareAndSetIn(tx, one)),
      ),
      { start: 'now', minIntervalMs: options.commitIntervalMs ?? 0 },
    );
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

  /**
   * A row's version and only the parts of its view inside `ranges` (a typed
   * query's slice), read in one statement; undefined when there is no row.
   */
  async viewParts(
    projection: string,
    generation: number,
    networkId: string,
    ranges: readonly PartRange[],
  ): Promise<{ networkId: string; version: number; parts: TextParts } | undefined> {
    const params: unknown[] = [projection, generation, networkId];
    const inRanges = ranges.map(([from, to]) => `p.seq BETWEEN $${params.push(from)} AND $${params.push(to)}`);
    const rows = await this.sql.query<{ version: unknown; seq: unknown; text: string | null }>(
      `SELECT r.version, p.seq, p.text FROM read_models r
       LEFT JOIN read_model_parts p ON p.projection = r.projection AND p.generation = r.generation AND p.network_id = r.network_id
         AND p.kind = 'v' AND (${inRanges.length > 0 ? inRanges.join(' OR ') : 'FALSE'})
       WHERE r.projection = $1 AND r.generation = $2 AND r.network_id = $3`,
      params,
    );
    if (rows.length === 0) return undefined;
    const parts = new Map<number, string>();
    for (const r of rows) if (r.text !== null) parts.set(num(r.seq), r.text);
    return { networkId, version: num(rows[0].version), parts };
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

  /** A row's checkpoint (0 without a row) and whether it is parked, in one query. */
  async checkpoint(
    projection: string,
    generation: number,
    networkId: string,
  ): Promise<{ version: number; parked: boolean }> {
    const [r] = await this.sql.query<{ version: unknown; parked: unknown }>(
      `SELECT COALESCE((SELECT version FROM read_models WHERE projection = $1 AND generation = $2 AND network_id = $3), 0) AS version,
         CASE WHEN EXISTS (SELECT 1 FROM projection_parked WHERE projection = $1 AND generation = $2 AND network_id = $3)
           THEN 1 ELSE 0 END AS parked`,
      [projection, generation, networkId],
    );
    return { version: num(r?.version ?? 0), parked: num(r?.parked ?? 0) === 1 };
  }

  /**
   * Writes a row only if its checkpoint is still `fromVersion` (0: the row must
   * not exist), with its changed parts, in one transaction. Answers false when
   * another run got there first: the caller re-reads and goes on from there,
   * so a duplicate or stale run changes nothing. Writes submitted while
   * another is being committed share the next transaction (GroupCommitQueue), each
   * still compared and set on its own.
   */
  compareAndSet(projection: string, generation: number, fromVersion: number, row: ReadModelWrite): Promise<boolean> {
    return this.writes.push({ projection, generation, fromVersion, row });
  }

  async views(
    projection: string,
    generation: number,
    /**
     * `parts`: only the view's parts numbered in [from, to] (a view filed in separately readable parts);
     * `updatedAt`: each row also says when it was last written (ISO 8601).
     */
    filter: { region?: string; networkId?: string; parts?: PartRange; updatedAt?: boolean } = {},
  ): Promise<ViewRow[]> {
    const params: unknown[] = [projection, generation];
    let where = 'r.projection = $1 AND r.generation = $2';
    if (filter.region !== undefined) where += ` AND r.region = $${params.push(filter.region)}`;
    if (filter.networkId !== undefined) where += ` AND r.network_id = $${params.push(filter.networkId)}`;
    if (filter.parts !== undefined)
      where += ` AND p.seq BETWEEN $${params.push(filter.parts[0])} AND $${params.push(filter.parts[1])}`;
    const rows = await this.sql.query<{
      network_id: string;
      version: unknown;
      updated_at: string;
      seq: unknown;
      text: string;
    }>(
      `SELECT r.network_id, r.version, r.updated_at, p.seq, p.text FROM read_models r
       JOIN read_model_parts p ON p.projection = r.projection AND p.generation = r.generation AND p.network_id = r.network_id AND p.kind = 'v'
       WHERE ${where} ORDER BY r.network_id, p.seq`,
      params,
    );
    const views: ViewRow[] = [];
    let texts: string[] = [];
    let parts = new Map<number, string>();
    rows.forEach((r, i) => {
      texts.push(r.text);
      parts.set(num(r.seq), r.text);
      if (i + 1 === rows.length || rows[i + 1].network_id !== r.network_id) {
        const view = { networkId: r.network_id, version: num(r.version), view: texts.join(''), parts };
        views.push(filter.updatedAt ? { ...view, updatedAt: r.updated_at } : view);
        texts = [];
        parts = new Map();
      }
    });
    return views;
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
