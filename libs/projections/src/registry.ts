import { networkViewsProjection } from './network-views/network-views.projection';
import { overviewProjection } from './overview/overview.projection';
import type { NetworkProjection } from './projection';

/** Every projection the service builds; names are what /v1/projections and rebuilds use. */
export const PROJECTIONS: readonly NetworkProjection[] = [
  networkViewsProjection,
  overviewProjection,
] as NetworkProjection[];

export const PROJECTIONS_TOKEN = Symbol('PROJECTIONS');
