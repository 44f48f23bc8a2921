import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule, IndagaConfig, loadConfig, SqlClientModule } from '@indaga/platform';
import { ProjectionsModule } from '@indaga/projections';
import { WorkerMetrics } from './worker-metrics';

/** The worker process: the same libraries as the API, no HTTP; ProjectionsModule starts the BullMQ worker and the sweeper. */
@Module({})
export class WorkerModule {
  static forRoot(config: IndagaConfig = loadConfig()): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), EventStoreModule, SqlClientModule, ProjectionsModule],
      providers: [WorkerMetrics],
    };
  }
}
