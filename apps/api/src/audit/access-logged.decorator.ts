import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AccessLogInterceptor } from './access-log.interceptor';
import { ACCESS_LOGGED_KEY, type AccessLoggedOptions } from './access-logged.options';

/**
 * SPEC 6.3: a successful call of this route (a read that returns free text,
 * or an export) leaves one record in the access log, written before the
 * answer is sent. On a controller class it covers every route of the class.
 * The interceptor is put on these routes only (not globally), so the other
 * routes, writes above all, run with no interceptor.
 */
export const AccessLogged = (options: Partial<AccessLoggedOptions> = {}) =>
  applyDecorators(
    SetMetadata<string, AccessLoggedOptions>(ACCESS_LOGGED_KEY, { networkIdIn: options.networkIdIn ?? 'path' }),
    UseInterceptors(AccessLogInterceptor),
  );
