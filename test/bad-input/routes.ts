import { analysis, close, cycle, jointAction, network, school, session } from '../support/fixtures';

/** Every route of the API with a valid body (when it takes one), as the bad-input tier mutates them. */
export interface RouteCase {
  method: 'get' | 'post' | 'put' | 'delete';
  /** `:param` segments are replaced by generated values or by the seeded ids. */
  path: string;
  body?: Record<string, unknown>;
}

export const SEED = {
  networkId: 'red-fuzz',
  schoolId: '10123',
  sessionId: 'ses-1',
  cycleId: 'cic-1',
  actionId: 'acc-1',
};

export const ROUTES: RouteCase[] = [
  { method: 'post', path: '/v1/networks', body: network('red-nueva') },
  { method: 'post', path: '/v1/networks/:networkId/schools', body: school('10999') },
  { method: 'post', path: '/v1/networks/:networkId/schools/:schoolId/leave', body: { leftOn: '2017-01-10' } },
  { method: 'post', path: '/v1/networks/:networkId/sessions', body: session({ schoolsPresent: ['10123'] }) },
  { method: 'put', path: '/v1/networks/:networkId/sessions/:sessionId', body: session({ schoolsPresent: ['10123'] }) },
  { method: 'post', path: '/v1/networks/:networkId/sessions/:sessionId/withdraw', body: { reason: 'duplicada' } },
  { method: 'post', path: '/v1/networks/:networkId/cycles', body: cycle({ schools: ['10123'] }) },
  {
    method: 'post',
    path: '/v1/networks/:networkId/cycles/:cycleId/actions',
    body: jointAction({ schools: ['10123'] }),
  },
  { method: 'post', path: '/v1/networks/:networkId/cycles/:cycleId/analysis', body: analysis() },
  { method: 'post', path: '/v1/networks/:networkId/cycles/:cycleId/close', body: close() },
  {
    method: 'post',
    path: '/v1/networks/:networkId/redactions',
    body: { versions: [2], reason: 'pedido de supresión' },
  },
  { method: 'post', path: '/v1/tokens', body: { role: 'analyst', label: 'fuzz' } },
  { method: 'delete', path: '/v1/tokens/:tokenId' },
  { method: 'get', path: '/v1/networks/:networkId/events' },
  { method: 'get', path: '/v1/events' },
  { method: 'get', path: '/v1/networks/:networkId/state' },
  { method: 'get', path: '/v1/networks' },
  { method: 'get', path: '/v1/networks/:networkId' },
  { method: 'get', path: '/v1/networks/:networkId/trajectory' },
  { method: 'get', path: '/v1/networks/:networkId/indicators' },
  { method: 'get', path: '/v1/networks/:networkId/cycles/:cycleId' },
  { method: 'get', path: '/v1/overview' },
  { method: 'get', path: '/v1/projections' },
  { method: 'get', path: '/v1/audit' },
  { method: 'post', path: '/v1/projections/:name/rebuild' },
  { method: 'delete', path: '/v1/projections/:name/rebuild' },
  { method: 'get', path: '/health' },
  { method: 'get', path: '/health/ready' },
  { method: 'get', path: '/health/live' },
  { method: 'get', path: '/metrics' },
];

/**
 * Query parameter names the routes read, plus names no route knows.
 * `minVersion` is left out on purpose: past the stream's head it waits 5 s and
 * answers the documented 503 PROJECTION.BEHIND (tested in projection-reads).
 */
export const QUERY_NAMES = [
  'fromVersion',
  'limit',
  'after',
  'version',
  'asOf',
  'period',
  'region',
  'networkId',
  'tokenId',
  'from',
  'to',
  'before',
  'constructor',
  '__proto__',
  'toString',
  'x',
];
