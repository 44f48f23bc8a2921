import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../http/api-error';
import { endpointOf } from './access-record';
import { ACCESS_LOGGED_KEY, type AccessLoggedOptions } from './access-logged.options';
import { AccessLogWriter } from './access-log-writer';

/**
 * The interceptor of routes marked `@AccessLogged()`. It runs after the
 * guard (a 401/403 never reaches it) and records only once the handler has
 * answered (a 400 from validation or a 404 from the handler leaves no record),
 * but before the answer leaves: if the record cannot be written, the caller
 * gets 503 STORE.UNAVAILABLE instead of the data, so nothing is read unlogged.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  private readonly logger = new Logger('access-log');

  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLogWriter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.getAllAndOverride<AccessLoggedOptions | undefined>(ACCESS_LOGGED_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap(async (answer: unknown) => {
        await this.record(request, options);
        return answer;
      }),
    );
  }

  private async record(request: AuthenticatedRequest, options: AccessLoggedOptions): Promise<void> {
    const { principal } = request;
    // A logged route is never @Public: without a principal the route is misdeclared; refuse rather than answer.
    const route = request.routeOptions.url;
    if (!principal || route === undefined) throw new Error(`${route} is access-logged but has no authenticated caller`);
    const source = (options.networkIdIn === 'path' ? request.params : request.query) as Record<string, unknown>;
    const networkId = typeof source?.networkId === 'string' ? source.networkId : null;
    try {
      await this.log.write({
        at: new Date().toISOString(),
        tokenId: principal.tokenId,
        role: principal.role,
        networkId,
        endpoint: endpointOf(request.method, route),
        correlationId: String(request.id),
      });
    } catch (err) {
      this.logger.error({ msg: 'access not recorded; the read was refused', err, correlationId: String(request.id) });
      throw new ApiError(
        'STORE.UNAVAILABLE',
        'the access log could not be written, so the data is not sent (SPEC 6.3); retry shortly',
        undefined,
        { 'Retry-After': '5' },
      );
    }
  }
}
