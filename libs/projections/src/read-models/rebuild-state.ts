import type { SqlClient } from '@indaga/platform';
import { now, num, numOrNull } from './sql-values';

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

/**
 * Which generation of each projection answers, and the rebuild filling the
 * next one (projection_status): claimed, its progress, the switch, its end.
 */
export class RebuildStates {
  constructor(private readonly sql: SqlClient) {}

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
}
