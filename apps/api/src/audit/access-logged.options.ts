/** What `@AccessLogged()` stores on a route, read by AccessLogInterceptor. */
export const ACCESS_LOGGED_KEY = 'indaga:access-logged';

export interface AccessLoggedOptions {
  /** Where the route names the network it reads: its `networkId` path parameter (default) or query parameter. */
  networkIdIn: 'path' | 'query';
}
