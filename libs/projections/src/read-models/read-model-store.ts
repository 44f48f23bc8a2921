import type { SqlClient } from '@indaga/platform';
import { ProjectionCursors } from './cursors';
import { ParkedNetworks } from './parking';
import { ReadModelRows } from './read-model-rows';
import { READ_MODEL_MIGRATIONS } from './read-model.migrations';
import { RebuildStates } from './rebuild-state';
import { now } from './sql-values';

export * from './cursors';
export * from './parking';
export * from './read-model-rows';
export * from './rebuild-state';

/**
 * The read-model tables (SQLite or PostgreSQL through SqlClient), in four
 * pieces each component takes only what it needs of: the rows and their
 * parts, the rebuild state (which generation answers), the parked networks,
 * and the sweeper's cursors. This holds them and migrates their tables.
 */
export class ReadModelStore {
  readonly rows: ReadModelRows;
  readonly rebuilds: RebuildStates;
  readonly parking: ParkedNetworks;
  readonly cursors: ProjectionCursors;

  /** `commitIntervalMs`: at least this long between two write transactions of rows (see ReadModelRows). */
  constructor(
    private readonly sql: SqlClient,
    options: { commitIntervalMs?: number } = {},
  ) {
    this.rows = new ReadModelRows(sql, options);
    this.rebuilds = new RebuildStates(sql);
    this.parking = new ParkedNetworks(sql);
    this.cursors = new ProjectionCursors(sql);
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
}
