import type { EventStore } from '@indaga/event-store';
import type { NetworkProjection } from '../projection';
import type { ReadModelStore } from '../read-models/read-model-store';
import { PROJECTIONS } from '../registry';
import { CatchUpService } from './catch-up.service';
import { ProjectionRunner } from './projection-runner';
import { Rebuilder } from './rebuild';

/**
 * The runner, the catch-up service and the rebuilder over one event store
 * and one read-model store, each given what it uses. The Nest module provides
 * the same three; scripts (restore, benchmarks) and tests compose them here.
 */
export function projectionServices(
  store: EventStore,
  readModels: ReadModelStore,
  projections: readonly NetworkProjection[] = PROJECTIONS,
): { runner: ProjectionRunner; catchUp: CatchUpService; rebuilder: Rebuilder } {
  const runner = new ProjectionRunner(store, readModels, projections);
  return {
    runner,
    catchUp: new CatchUpService(runner, readModels, projections),
    rebuilder: new Rebuilder(store, readModels, runner, projections),
  };
}
