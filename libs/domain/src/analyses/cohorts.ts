// SPEC §5.4: groups of networks compared period by period.
import type { PracticeCategory } from '../enums';
import { cooperationIndexOf, practiceLevel } from '../indicators/practice-level';
import { round3OrNull } from '../indicators/ratios';
import { medianOf } from './run-chart';
import type { NetworkAggregates, PeriodAggregate } from './period-aggregates';
import { zeroCounts, type LevelCounts } from './sensitivity';

export const COHORT_KEYS = ['region', 'zone', 'dependency'] as const;
export type CohortKey = (typeof COHORT_KEYS)[number];

export interface CohortPeriod {
  period: string;
  /** Networks of the group with a level in the period. */
  networks: number;
  levels: LevelCounts;
  medianCooperationIndex: number | null;
}

export interface CohortGroup {
  group: string;
  periods: CohortPeriod[];
}

/** Groups sorted by name, each group's periods by label. */
export function cohorts(networks: readonly NetworkAggregates[], by: CohortKey): CohortGroup[] {
  const groups = new Map<string, Map<string, { levels: LevelCounts; indexes: number[] }>>();
  for (const network of networks) {
    for (const p of network.periods) {
      const group = groupOf(network, p, by);
      if (group === null) continue;
      let periods = groups.get(group);
      if (periods === undefined) groups.set(group, (periods = new Map()));
      let cell = periods.get(p.period);
      if (cell === undefined) periods.set(p.period, (cell = { levels: zeroCounts(), indexes: [] }));
      const level = practiceLevel(p.minutes, p.multiSchoolJointActions);
      const cooperationIndex = cooperationIndexOf(p.minutes);
      if (level === null || cooperationIndex === null) continue;
      cell.levels[level as PracticeCategory]++;
      cell.indexes.push(cooperationIndex);
    }
  }
  return [...groups]
    .sort(([a], [b]) => compare(a, b))
    .map(([group, periods]) => ({
      group,
      periods: [...periods]
        .sort(([a], [b]) => compare(a, b))
        .map(([period, { levels, indexes }]) => ({
          period,
          networks: indexes.length,
          levels,
          medianCooperationIndex: round3OrNull(medianOf(indexes)),
        })),
    }));
}

function groupOf(network: NetworkAggregates, p: PeriodAggregate, by: CohortKey): string | null {
  switch (by) {
    case 'region':
      return network.region;
    case 'zone':
      return p.zone;
    case 'dependency':
      return p.dependency;
    default: {
      const unknown: never = by;
      throw new RangeError(`unknown cohort key ${String(unknown)}`);
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
