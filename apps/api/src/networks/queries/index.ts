/**
 * One folder per read use case of SPEC section 3: its controller (and DTO if
 * any). Each answers through a typed query of its projection
 * (libs/projections/src/<projection>/queries/), reading only the parts of a
 * row it needs; common/ holds the reader that waits for `?minVersion`.
 */
import { GetCycleController } from './get-cycle/get-cycle.controller';
import { GetIndicatorsController } from './get-indicators/get-indicators.controller';
import { GetNetworkController } from './get-network/get-network.controller';
import { GetOverviewController } from './get-overview/get-overview.controller';
import { GetTrajectoryController } from './get-trajectory/get-trajectory.controller';
import { ListNetworksController } from './list-networks/list-networks.controller';

export const READ_CONTROLLERS = [
  ListNetworksController,
  GetNetworkController,
  GetTrajectoryController,
  GetIndicatorsController,
  GetCycleController,
  GetOverviewController,
];
