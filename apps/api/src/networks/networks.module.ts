import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { WRITE_CONTROLLERS } from './commands';
import { HistoryController } from './history/history.controller';
import { HistoryReader } from './history/history-reader';
import { READ_CONTROLLERS } from './queries';
import { ReadModelReader } from './queries/common/read-model-reader';
import { CLOCK, systemClock } from './write/clock';
import { NetworkCommandHandler } from './write/network-command.handler';
import { NetworkStateCache } from './write/network-state-cache';
import { NetworkWriter } from './write/network-writer';

const WRITE_PROVIDERS = [
  NetworkStateCache,
  NetworkCommandHandler,
  NetworkWriter,
  { provide: CLOCK, useValue: systemClock },
];
const READ_PROVIDERS = [HistoryReader, ReadModelReader];

/** Networks: the write use cases (commands), the history replay (straight from the store) and the projection-backed reads (queries). */
@Module({
  imports: [CqrsModule],
  controllers: [...WRITE_CONTROLLERS, HistoryController, ...READ_CONTROLLERS],
  providers: [...WRITE_PROVIDERS, ...READ_PROVIDERS],
  exports: READ_PROVIDERS,
})
export class NetworksModule {}
