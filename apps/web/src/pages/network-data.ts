import { periodOf, type Period } from '../../../../libs/domain/src/indicators/periods';
import { call } from '../api';

export interface NetworkState {
  networkId: string;
  name: string;
  region: string;
  commune?: string;
  registeredOn: string;
  schools: Array<{ schoolId: string; name: string; zone: string; dependency: string }>;
  sessions: number;
  cycles: Array<{
    cycleId: string;
    question: string | null;
    orientation: string;
    phase: string;
    openedOn: string;
    jointActions: number;
    analyses: number;
  }>;
  version: number;
}
export interface StoredEvent {
  position: number;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { recordedAt: string; actor?: string };
  redacted?: boolean;
}

/** Every event of a network's stream, page by page (1,000 is the API's largest page). */
export async function allEvents(networkId: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let from: number | null = 1; from !== null;) {
    const page: { events: StoredEvent[]; next: number | null } = await call(
      `/v1/networks/${encodeURIComponent(networkId)}/events?fromVersion=${from}&limit=1000`,
    );
    out.push(...page.events);
    from = page.events.length ? page.next : null;
  }
  return out;
}

export const DEPTH_LEVELS = ['network', 'management', 'teachers', 'classroom', 'students'] as const;

/**
 * The deepest level each school's joint actions reached in each period, from
 * the stream's JointActionCarriedOut events (joint actions are never
 * withdrawn), with the domain's own period function.
 */
export function depthBySchool(events: StoredEvent[], period: Period): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.type !== 'JointActionCarriedOut') continue;
    const label = periodOf(String(e.data.carriedOutOn), period);
    const depth = DEPTH_LEVELS.indexOf(e.data.depthReached as (typeof DEPTH_LEVELS)[number]);
    for (const school of e.data.schools as string[]) {
      const row = out.get(school) ?? new Map<string, number>();
      row.set(label, Math.max(row.get(label) ?? -1, depth));
      out.set(school, row);
    }
  }
  return out;
}
