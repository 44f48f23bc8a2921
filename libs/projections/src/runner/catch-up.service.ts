import type { NetworkProjection } from '../projection';
import type { ReadModelStore } from '../read-models/read-model-store';
import { projectionTelemetry } from '../telemetry';
import type { ProjectionRunner } from './projection-runner';

export interface CatchUpFailure {
  projection: string;
  generation: number;
  error: Error;
}

export class CatchUpFailed extends Error {
  constructor(
    readonly networkId: string,
    readonly failures: CatchUpFailure[],
  ) {
    super(
      `catch-up of ${networkId} failed in ${failures.map((f) => `${f.projection}@${f.generation}: ${f.error.message}`).join('; ')}`,
    );
    this.name = 'CatchUpFailed';
  }
}

/**
 * Catches one network up in every projection: the active generation and, while
 * a rebuild runs, the generation being rebuilt (so it is as fresh as the
 * active one when it is switched in). A parked (projection, generation,
 * network) is skipped; one projection failing does not stop the others.
 */
export class CatchUpService {
  constructor(
    private readonly runner: ProjectionRunner,
    /** Rows (checkpoints), rebuild state (which generations to catch up) and parking. */
    private readonly readModels: Pick<ReadModelStore, 'rows' | 'rebuilds' | 'parking'>,
    private readonly projections: readonly NetworkProjection[],
  ) {}

  /**
   * With `park`, failures are parked (the last delivery attempt) instead of
   * thrown. Answers what `reflectedVersion` would now: the lowest version the
   * live projections reached (parked ones left out), or undefined when one
   * failed (ask `reflectedVersion`).
   */
  async catchUpNetwork(networkId: string, options: { park?: boolean } = {}): Promise<number | undefined> {
    const failures: CatchUpFailure[] = [];
    const started = performance.now();
    // Projections side by side: their writes then share one read-model transaction (GroupCommitQueue).
    const outcomes = await Promise.all(
      this.projections.map((projection) => this.catchUpProjection(projection, networkId)),
    );
    projectionTelemetry.catchUpFinished(
      (performance.now() - started) / 1000,
      outcomes.some((o) => o.failures.length > 0),
    );
    let lowest = Number.POSITIVE_INFINITY;
    for (const outcome of outcomes) {
      failures.push(...outcome.failures);
      if (outcome.reached !== undefined) lowest = Math.min(lowest, outcome.reached);
    }
    if (failures.length === 0) return lowest === Number.POSITIVE_INFINITY ? 0 : lowest;
    if (!options.park) throw new CatchUpFailed(networkId, failures);
    for (const f of failures) {
      await this.readModels.parking.park(f.projection, f.generation, networkId, f.error.message);
    }
  }

  /** `reached`: the active generation's checkpoint after the catch-up (undefined when parked). */
  private async catchUpProjection(
    projection: NetworkProjection,
    networkId: string,
  ): Promise<{ failures: CatchUpFailure[]; reached?: number }> {
    const failures: CatchUpFailure[] = [];
    let reached: number | undefined;
    const status = await this.readModels.rebuilds.status(projection.name);
    const generations = [status.activeGeneration];
    if (status.rebuildState === 'running' && status.rebuildGeneration !== null)
      generations.push(status.rebuildGeneration);
    for (const generation of generations) {
      // Checkpoint and parked flag in one query; the runner starts from that checkpoint without reading it again.
      const { version, parked } = await this.readModels.rows.checkpoint(projection.name, generation, networkId);
      if (parked) continue;
      try {
        const { toVersion } = await this.runner.catchUp(projection, generation, networkId, { checkpoint: version });
        if (generation === status.activeGeneration) reached = toVersion;
      } catch (err) {
        failures.push({ projection: projection.name, generation, error: err as Error });
      }
    }
    return { failures, reached };
  }

  /** The generation answering now, per projection. */
  async activeGenerations(): Promise<Map<string, number>> {
    const active = new Map<string, number>();
    for (const projection of this.projections)
      active.set(projection.name, (await this.readModels.rebuilds.status(projection.name)).activeGeneration);
    return active;
  }

  /**
   * The lowest checkpoint of a network across live projections (0 when any has
   * no row). A caller asking for many networks (the sweeper) passes the active
   * generations it read once.
   */
  async reflectedVersion(networkId: string, active?: Map<string, number>): Promise<number> {
    const generations = active ?? (await this.activeGenerations());
    let lowest = Number.POSITIVE_INFINITY;
    for (const projection of this.projections) {
      const generation = generations.get(projection.name)!;
      const { version, parked } = await this.readModels.rows.checkpoint(projection.name, generation, networkId);
      if (!parked) lowest = Math.min(lowest, version);
    }
    return lowest === Number.POSITIVE_INFINITY ? 0 : lowest;
  }
}
