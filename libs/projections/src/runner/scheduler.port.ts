/** Where "this network has new events" goes: BullMQ when REDIS_URL is set, an in-process queue otherwise. */
export const PROJECTION_SCHEDULER = Symbol('PROJECTION_SCHEDULER');

export interface ProjectionScheduler {
  /** Asks for a catch-up of the network; a burst of notifications becomes one catch-up. */
  notify(networkId: string): Promise<void>;
  /** Starts a rebuild job for a generation already claimed in projection_status; answers its job id. */
  rebuild(projection: string, generation: number): Promise<string>;
  /** Stops taking work; in-process work in flight is finished (rebuilds stop between networks). */
  close(): Promise<void>;
}

/** Deterministic job ids (BullMQ 6 refuses `:` in custom ids, hence the dots). */
export const catchUpJobId = (networkId: string) => `catch-up.${networkId}`;
export const rebuildJobId = (projection: string, generation: number) => `rebuild.${projection}.${generation}`;

/** Delivery attempts of a catch-up before its network is parked, and the first backoff. */
export const CATCH_UP_ATTEMPTS = 5;
export const CATCH_UP_BACKOFF_MS = 200;
