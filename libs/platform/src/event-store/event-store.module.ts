import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  EventStore,
  openKurrentDbEventStore,
  openPostgresEventStore,
  openSqliteEventStore,
} from '@indaga/event-store';
import { INDAGA_CONFIG, IndagaConfig } from '../config/config';
import { SQL_CLIENT, type SqlClient } from '../database/sql-client.port';
import { withSqlDataKeys } from '../personal-data/keyed-event-store';

/** Opens the configured event store (SPEC section 4: INDAGA_STORE) and closes it at shutdown. */
export async function openConfiguredEventStore(config: IndagaConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite':
      return openSqliteEventStore({ path: config.sqlitePath });
    case 'postgres':
      return openPostgresEventStore({ connectionString: config.databaseUrl! });
    case 'kurrentdb':
      // Refuses to start when the server is unreachable or older than 25.1, naming the version needed.
      return openKurrentDbEventStore({
        url: config.kurrentdbUrl!,
        namespace: config.kurrentdbNamespace && `${config.kurrentdbNamespace}/`,
        onWarning: (message, error) => new Logger('KurrentDB').warn(`${message}: ${(error as Error)?.message}`),
      });
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [INDAGA_CONFIG, SQL_CLIENT],
      useFactory: async (config: IndagaConfig, sql: SqlClient) => {
        const store = await openConfiguredEventStore(config);
        // KurrentDB keeps no tables: its data keys (SPEC 6.1) live in the service's SQL database.
        return config.store === 'kurrentdb' ? withSqlDataKeys(store, sql) : store;
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
