import type { OverviewEntry } from '@indaga/projections';

/** One network's line of GET /v1/overview: its stored entry for the period kind, and how fresh the row is. */
export interface OverviewLine extends OverviewEntry {
  /** When the row was last written (ISO 8601, UTC). */
  projectedAt: string;
  /** Events in the network's stream the row does not reflect yet; null where the store cannot look its version up (KurrentDB). */
  lag: number | null;
}

export function overviewLine(
  row: { networkId: string; version: number; answer: OverviewEntry; updatedAt?: string },
  streams: Map<string, number> | undefined,
): OverviewLine {
  const entry = row.answer;
  return {
    ...entry,
    // A row written before the field existed has none until its next catch-up or a rebuild.
    lastSessionDate: entry.lastSessionDate ?? null,
    projectedAt: row.updatedAt ?? '',
    lag: streams ? Math.max(0, (streams.get(row.networkId) ?? row.version) - row.version) : null,
  };
}
