import type { SqlClient } from '@indaga/platform';
import { num } from './sql-values';

/** Named positions in the global log (the sweeper's): projection_cursors. */
export class ProjectionCursors {
  constructor(private readonly sql: SqlClient) {}

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
}
