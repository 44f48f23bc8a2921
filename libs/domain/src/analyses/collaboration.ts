// SPEC §5.2: who works with whom, read from the joint actions the network
// recorded (network-analysis tools need a survey for this).
import type { Dependency, Zone } from '../enums';
import { allJointActions, latestFactDate, type NetworkHistory } from '../history/network-history';
import { round3OrNull } from '../indicators/ratios';
import { membersOn } from '../network/membership';

export interface CollaborationNode {
  schoolId: string;
  name: string;
  zone: Zone;
  dependency: Dependency;
  /** A member on `to`. */
  member: boolean;
  jointActions: number;
  sessionsPresent: number;
}

export interface CollaborationEdge {
  a: string;
  b: string;
  jointActions: number;
}

export interface CollaborationMetrics {
  density: number | null;
  isolated: string[];
  components: number;
  degreeCentralization: number | null;
}

export interface CollaborationGraph {
  from: string;
  to: string;
  nodes: CollaborationNode[];
  edges: CollaborationEdge[];
  metrics: CollaborationMetrics;
}

/** `from`/`to` default to registration and the latest real-world date; null before registration. */
export function collaborationGraph(
  history: NetworkHistory,
  range: { from?: string; to?: string } = {},
): CollaborationGraph | null {
  const from = range.from ?? history.registeredOn;
  const to = range.to ?? latestFactDate(history);
  if (from === null || to === null) return null;
  const inRange = (d: string) => from <= d && d <= to;

  // Members on some day of [from, to]: the interval [joinedOn, leftOn) meets it.
  const nodeIds = new Set(
    history.memberships
      .filter((m) => m.joinedOn <= to && (m.leftOn === undefined || m.leftOn > from))
      .map((m) => m.schoolId),
  );
  const members = new Set(membersOn(history.memberships, to));
  const actionCount = new Map<string, number>();
  const pairCount = new Map<string, number>();
  for (const action of allJointActions(history)) {
    if (!inRange(action.carriedOutOn)) continue;
    const taking = [...new Set(action.schools)].sort(byCodePoint);
    for (const s of taking) actionCount.set(s, (actionCount.get(s) ?? 0) + 1);
    for (let i = 0; i < taking.length; i++)
      for (let j = i + 1; j < taking.length; j++) {
        const key = `${taking[i]}\u0000${taking[j]}`;
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
  }
  const presentCount = new Map<string, number>();
  for (const session of history.sessions) {
    if (!inRange(session.heldOn)) continue;
    for (const s of new Set(session.schoolsPresent)) presentCount.set(s, (presentCount.get(s) ?? 0) + 1);
  }

  const nodes: CollaborationNode[] = [];
  for (const school of history.schools) {
    if (!nodeIds.has(school.schoolId)) continue;
    nodes.push({
      schoolId: school.schoolId,
      name: school.name,
      zone: school.zone,
      dependency: school.dependency,
      member: members.has(school.schoolId),
      jointActions: actionCount.get(school.schoolId) ?? 0,
      sessionsPresent: presentCount.get(school.schoolId) ?? 0,
    });
  }
  nodes.sort((x, y) => byCodePoint(x.schoolId, y.schoolId));
  const edges = [...pairCount]
    .map(([key, jointActions]) => {
      const [a, b] = key.split('\u0000');
      return { a, b, jointActions };
    })
    .sort((x, y) => byCodePoint(x.a, y.a) || byCodePoint(x.b, y.b));
  return { from, to, nodes, edges, metrics: graphMetrics([...members], edges) };
}

/** Metrics over the members and the edges between them (SPEC §5.2). */
export function graphMetrics(members: readonly string[], edges: readonly CollaborationEdge[]): CollaborationMetrics {
  const n = members.length;
  const memberSet = new Set(members);
  const neighbours = new Map<string, Set<string>>(members.map((m) => [m, new Set()]));
  for (const { a, b } of edges) {
    if (!memberSet.has(a) || !memberSet.has(b) || a === b) continue;
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  }
  let twiceEdges = 0;
  for (const set of neighbours.values()) twiceEdges += set.size;
  const degrees = members.map((m) => neighbours.get(m)!.size);
  const maxDegree = Math.max(0, ...degrees);
  let centralization = 0;
  for (const d of degrees) centralization += maxDegree - d;
  return {
    density: n < 2 ? null : round3OrNull(twiceEdges / (n * (n - 1))),
    isolated: members.filter((m) => neighbours.get(m)!.size === 0).sort(byCodePoint),
    components: componentsOf(members, neighbours),
    degreeCentralization: n < 3 ? null : round3OrNull(centralization / ((n - 1) * (n - 2))),
  };
}

function componentsOf(members: readonly string[], neighbours: Map<string, Set<string>>): number {
  const seen = new Set<string>();
  let components = 0;
  for (const start of members) {
    if (seen.has(start)) continue;
    components++;
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      for (const next of neighbours.get(stack.pop()!)!) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
  }
  return components;
}

/** Ids compared by code point, not locale, so the order is the same everywhere. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
