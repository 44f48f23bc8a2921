import {
  eventsAsHappened,
  foldHistory,
  indicators,
  indicatorsUntil,
  LevelThresholds,
  NetworkHistory,
  networkView,
  Period,
  trajectory,
  trajectoryUntil,
} from '@indaga/domain';
import { EventStore } from '@indaga/event-store';
import { ApiError } from '../../http/api-error';
import { recordedEvents } from '../common/recorded-events';

export interface StateOptions {
  period: Period;
  asOf?: string;
  /** As it happened (SPEC 5.6): the trajectory and indicators run to the period containing it. */
  on?: string;
  /** Given thresholds (SPEC 5.3), echoed in the answer; the defaults otherwise. */
  thresholds?: LevelThresholds;
}

/** The body of GET /v1/networks/:id/state: state, trajectory and indicators of one folded history. */
export function stateAnswer(networkId: string, version: number, history: NetworkHistory, options: StateOptions) {
  const { period, asOf, on, thresholds } = options;
  const echo = thresholds ? { thresholds } : {};
  return {
    networkId,
    version,
    ...(asOf ? { asOf } : {}),
    ...(on ? { on } : {}),
    ...echo,
    state: networkView(history, version),
    trajectory: {
      networkId,
      version,
      ...(on ? trajectoryUntil(history, period, on, thresholds) : trajectory(history, period, thresholds)),
      ...echo,
    },
    indicators: { networkId, version, ...(on ? indicatorsUntil(history, period, on) : indicators(history, period)) },
  };
}

/** The network on `on` as the service knew it at `asOf` (or now): the stream's recorded events, filtered by real-world date. */
export async function historyAsHappened(
  store: EventStore,
  networkId: string,
  on: string,
  asOf?: string,
): Promise<{ version: number; history: NetworkHistory }> {
  const { version, events } = await recordedEvents(store, networkId, asOf);
  const history = foldHistory(eventsAsHappened(events, on));
  if (history.registeredOn === null)
    throw new ApiError('NETWORK.NOT_FOUND', `network ${networkId} was not yet registered on ${on}`);
  return { version, history };
}
