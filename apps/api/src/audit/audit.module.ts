import { Global, Module } from '@nestjs/common';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogRetention } from './access-log-retention';
import { AccessLogWriter } from './access-log-writer';
import { AccessLogStore } from './access-log.store';
import { AuditController } from './audit.controller';

/**
 * SPEC 6.3: the access log (recorded by the interceptor `@AccessLogged()`
 * puts on its routes), its query and retention. Global, so that the
 * interceptor finds its writer from whichever module a logged route is in.
 */
@Global()
@Module({
  providers: [AccessLogStore, AccessLogWriter, AccessLogRetention, AccessLogInterceptor],
  controllers: [AuditController],
  exports: [AccessLogRetention, AccessLogWriter, AccessLogInterceptor],
})
export class AuditModule {}
