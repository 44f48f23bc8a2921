import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogRetention } from './access-log-retention';
import { AccessLogWriter } from './access-log-writer';
import { AccessLogStore } from './access-log.store';
import { AuditController } from './audit.controller';

/** SPEC 6.3: the access log (recorded by a global interceptor on `@AccessLogged()` routes), its query and retention. */
@Module({
  providers: [
    AccessLogStore,
    AccessLogWriter,
    AccessLogRetention,
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
  ],
  controllers: [AuditController],
  exports: [AccessLogRetention],
})
export class AuditModule {}
