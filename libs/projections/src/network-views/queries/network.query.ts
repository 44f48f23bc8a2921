import type { NetworkView } from '@indaga/domain';
import type { ViewQuery } from '../../view-query';
import { NETWORK_PART } from '../view-layout';

const OPEN = '{"network":';
const CLOSE = ',"trajectory":{';

/** GET /v1/networks/:id: the network's current state, from the view's first part alone. */
export const networkQuery: ViewQuery<void, NetworkView> = {
  parts: () => [[NETWORK_PART, NETWORK_PART]],
  answer: (parts) => {
    const first = parts.get(NETWORK_PART) ?? '';
    // The network is followed by the trajectory, whose key appears nowhere inside it (also in a row stored whole).
    return JSON.parse(first.slice(OPEN.length, first.lastIndexOf(CLOSE))) as NetworkView;
  },
};
