import { Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@indaga/event-store';
import {
  PROJECTION_SCHEDULER,
  ProjectionScheduler,
  PROJECTIONS,
  READ_MODEL_STORE,
  ReadModelStore,
} from '@indaga/projections';
import { Access, ANALYSTS } from '../auth/access.decorator';
import { ApiError } from '../http/api-error';
import { countNetworkEvents } from './network-event-count';

/** GET /v1/projections and rebuilds (SPEC section 3, projections and replay). */
@ApiTags('projections')
@ApiBearerAuth()
@Controller('v1/projections')
@Access(ANALYSTS)
export class ProjectionsController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PROJECTION_SCHEDULER) private readonly scheduler: ProjectionScheduler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** checkpoint: events the active read model reflects; lag: events in network streams it does not reflect yet. */
  @Get()
  async list() {
    const events = await countNetworkEvents(this.store);
    return Promise.all(
      PROJECTIONS.map(async ({ name }) => {
        const status = await this.readModels.rebuilds.status(name);
        const { versions } = await this.readModels.rows.checkpointSum(name, status.activeGeneration);
        const rebuilding = status.rebuildState === 'running';
        return {
          name,
          status: rebuilding ? 'rebuilding' : 'live',
          generation: status.activeGeneration,
          checkpoint: versions,
          lag: events === null ? null : Math.max(0, events - versions),
          parked: (await this.readModels.parking.parked(name, status.activeGeneration)).map(
            ({ networkId, version, error, parkedAt }) => ({
              networkId,
              version,
              error,
              parkedAt,
            }),
          ),
          ...(status.rebuildState
            ? {
                rebuild: {
                  state: status.rebuildState,
                  jobId: status.rebuildJobId,
                  generation: status.rebuildGeneration,
                  processed: status.rebuildProcessed ?? 0,
                  total: status.rebuildTotal ?? 0,
                  progress: status.rebuildTotal
                    ? Math.min(1, (status.rebuildProcessed ?? 0) / status.rebuildTotal)
                    : rebuilding
                      ? 0
                      : 1,
                  ...(status.rebuildError ? { error: status.rebuildError } : {}),
                },
              }
            : {}),
        };
      }),
    );
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  async rebuild(@Param('name') name: string) {
    this.known(name);
    const total = (await countNetworkEvents(this.store)) ?? 0;
    const claimJobId = `rebuild.${name}.pending`;
    const generation = await this.readModels.rebuilds.startRebuild(name, claimJobId, total);
    if (generation === undefined)
      throw new ApiError('PROJECTION.REBUILD_RUNNING', `a rebuild of ${name} is already running`);
    const jobId = await this.scheduler.rebuild(name, generation);
    await this.readModels.rebuilds.setRebuildJob(name, generation, jobId);
    return { jobId, projection: name, generation };
  }

  /** Cancels a running rebuild; the active generation keeps answering. */
  @Delete(':name/rebuild')
  @HttpCode(200)
  async cancel(@Param('name') name: string) {
    this.known(name);
    const status = await this.readModels.rebuilds.status(name);
    if (status.rebuildState !== 'running' || status.rebuildGeneration === null) {
      throw new ApiError('PROJECTION.NO_REBUILD', `no rebuild of ${name} is running`);
    }
    await this.readModels.rebuilds.endRebuild(name, status.rebuildGeneration, 'cancelled');
    await this.readModels.rebuilds.dropInactive(name, status.activeGeneration);
    return { projection: name, generation: status.rebuildGeneration, state: 'cancelled' };
  }

  private known(name: string): void {
    if (!PROJECTIONS.some((p) => p.name === name)) {
      throw new ApiError(
        'PROJECTION.NOT_FOUND',
        `no projection ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`,
      );
    }
  }
}
