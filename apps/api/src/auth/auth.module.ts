import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RateLimits } from '../http/rate-limits';
import { TokenStore } from './token-store';
import { INDAGA_CONFIG, IndagaConfig, SQL_CLIENT, SqlClient } from '@indaga/platform';
import { REVOCATION_CHANNEL, type RevocationChannel } from './revocation-channel';
import { PostgresRevocationChannel } from './postgres-revocation-channel';
import { RedisRevocationChannel } from './redis-revocation-channel';

/** PostgreSQL's LISTEN/NOTIFY when the tokens live there, else Redis pub/sub when configured, else none (no cache). */
function openRevocationChannel(config: IndagaConfig, sql: SqlClient): RevocationChannel | null {
  if (sql.dialect === 'postgres' && config.databaseUrl) return new PostgresRevocationChannel(config.databaseUrl, sql);
  if (config.redisUrl) return new RedisRevocationChannel(config.redisUrl, config.queuePrefix);
  return null;
}
import { MeController } from './me.controller';
import { TokensController } from './tokens.controller';

@Module({
  providers: [
    {
      provide: REVOCATION_CHANNEL,
      inject: [INDAGA_CONFIG, SQL_CLIENT],
      useFactory: (config: IndagaConfig, sql: SqlClient) => openRevocationChannel(config, sql),
    },
    TokenStore,
    AuthService,
    RateLimits,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  controllers: [TokensController, MeController],
  exports: [AuthService, RateLimits],
})
export class AuthModule {}
