import { DynamicModule, Module } from '@nestjs/common';
import {
  ConfigModule,
  EventStoreModule,
  IndagaConfig,
  loadConfig,
  PersonalDataModule,
  SqlClientModule,
} from '@indaga/platform';
import { AnalysesModule } from './analyses/analyses.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ExpiredRecordsPurge } from './operations/expired-records-purge';
import { HealthController } from './operations/health.controller';
import { HttpMetrics } from './operations/metrics';
import { MetricsController } from './operations/metrics.controller';
import { ShutdownLog } from './operations/shutdown-log';
import { NetworksModule } from './networks/networks.module';
import { ProjectionsController } from './projections/projections.controller';
import { ProjectionsModule } from '@indaga/projections';

@Module({})
export class AppModule {
  static forRoot(config: IndagaConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventStoreModule,
        SqlClientModule,
        PersonalDataModule,
        ProjectionsModule,
        AuthModule,
        AuditModule,
        NetworksModule,
        AnalysesModule,
      ],
      controllers: [HealthController, MetricsController, ProjectionsController],
      // SPEC 6.1's opener on the way out of every JSON answer is a Fastify hook (createApp).
      providers: [HttpMetrics, ExpiredRecordsPurge, ShutdownLog],
    };
  }
}
