import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { INDAGA_CONFIG, IndagaConfig } from '../config/config';
import { PostgresSqlClient } from './postgres-sql-client';
import { SQL_CLIENT, SqlClient } from './sql-client.port';
import { SqliteSqlClient } from './sqlite-sql-client';

/** The service's own tables live in PostgreSQL when DATABASE_URL is set, else in the embedded SQLite file. */
export function openConfiguredSqlClient(config: IndagaConfig, options: { durable?: boolean } = {}): SqlClient {
  return config.databaseUrl
    ? PostgresSqlClient.open(config.databaseUrl, options)
    : SqliteSqlClient.open(config.sqlitePath, options);
}

@Global()
@Module({
  providers: [
    {
      provide: SQL_CLIENT,
      inject: [INDAGA_CONFIG],
      useFactory: (config: IndagaConfig) => openConfiguredSqlClient(config),
    },
  ],
  exports: [SQL_CLIENT],
})
export class SqlClientModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sql.close();
  }
}
