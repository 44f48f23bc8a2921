import { SetMetadata } from '@nestjs/common';

export const ACCESS_LOGGED_KEY = 'indaga:access-logged';

export interface AccessLoggedOptions {
  /** Where the route names the network it reads: its `networkId` path parameter (default) or query parameter. */
  networkIdIn: 'path' | 'query';
}

/**
 * SPEC 6.3: a successful call of this route (a read that returns free text,
 * or an export) leaves one record in the access log, written before the
 * answer is sent. On a controller class it covers every route of the class.
 */
export const AccessLogged = (options: Partial<AccessLoggedOptions> = {}) =>
  SetMetadata<string, AccessLoggedOptions>(ACCESS_LOGGED_KEY, { networkIdIn: options.networkIdIn ?? 'path' });
