/**
 * What the projection runner reports for /metrics (see the event store's
 * telemetry for the pattern): listeners subscribed by the process that runs
 * catch-ups, the API (in process) or a worker.
 */
export interface ProjectionTelemetryListener {
  /** One network caught up in every projection (or failed to): how long it took. */
  catchUpFinished(seconds: number, failed: boolean): void;
  /** A BullMQ job attempt failed (it is retried with backoff, then its network is parked). */
  jobFailed(job: string): void;
}

const listeners = new Set<ProjectionTelemetryListener>();

export const projectionTelemetry = {
  subscribe(listener: ProjectionTelemetryListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  catchUpFinished(seconds: number, failed: boolean): void {
    for (const l of listeners) l.catchUpFinished(seconds, failed);
  },
  jobFailed(job: string): void {
    for (const l of listeners) l.jobFailed(job);
  },
};
