/**
 * What the stores report for /metrics, without knowing about any metrics
 * library: a process-wide set of listeners that the API and the worker
 * subscribe their registries to. Calls happen once per committed batch (not
 * per event) and once per conflicting append, so the write path pays next to
 * nothing when nobody listens.
 */
export interface StoreTelemetryListener {
  /** A group-committed batch was flushed: how many appends it held and how long its transaction took. */
  batchCommitted(appends: number, seconds: number): void;
  /** An append was refused because the stream had moved (the command handler retries unless If-Match was sent). */
  appendConflicted(): void;
}

const listeners = new Set<StoreTelemetryListener>();

export const storeTelemetry = {
  /** Answers the function that unsubscribes. */
  subscribe(listener: StoreTelemetryListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  batchCommitted(appends: number, seconds: number): void {
    for (const l of listeners) l.batchCommitted(appends, seconds);
  },
  appendConflicted(): void {
    for (const l of listeners) l.appendConflicted();
  },
};
