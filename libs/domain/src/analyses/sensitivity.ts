// SPEC §5.3: does a conclusion depend on the level rule's thresholds? The
// same periods counted by level under the defaults and under other thresholds.
import type { PracticeCategory } from '../enums';
import { DEFAULT_THRESHOLDS, practiceLevel, type LevelThresholds } from '../indicators/practice-level';
import type { NetworkAggregates } from './period-aggregates';

export type LevelCounts = Record<PracticeCategory, number>;

export interface SensitivityPeriod {
  period: string;
  default: LevelCounts;
  alternative: LevelCounts;
}

export interface LevelChange {
  networkId: string;
  defaultLevel: PracticeCategory;
  alternativeLevel: PracticeCategory;
}

export interface Sensitivity {
  thresholds: LevelThresholds;
  periods: SensitivityPeriod[];
  changed: LevelChange[];
}

/** Thresholds with any given ones replacing the defaults. */
export function levelThresholds(given: Partial<LevelThresholds> = {}): LevelThresholds {
  return {
    cooperativeShare: given.cooperativeShare ?? DEFAULT_THRESHOLDS.cooperativeShare,
    collaborativeShare: given.collaborativeShare ?? DEFAULT_THRESHOLDS.collaborativeShare,
    minMultiSchoolJointActions: given.minMultiSchoolJointActions ?? DEFAULT_THRESHOLDS.minMultiSchoolJointActions,
  };
}

/** `networks` in any order; periods and changes come out sorted (periods by label, changes by networkId). */
export function sensitivity(networks: readonly NetworkAggregates[], thresholds: LevelThresholds): Sensitivity {
  const byPeriod = new Map<string, SensitivityPeriod>();
  const changed: LevelChange[] = [];
  for (const network of networks) {
    let latest: { defaultLevel: PracticeCategory; alternativeLevel: PracticeCategory } | null = null;
    for (const p of network.periods) {
      const defaultLevel = practiceLevel(p.minutes, p.multiSchoolJointActions);
      // null exactly when the period has no minutes, whatever the thresholds.
      if (defaultLevel === null) continue;
      const alternativeLevel = practiceLevel(p.minutes, p.multiSchoolJointActions, thresholds)!;
      let counts = byPeriod.get(p.period);
      if (counts === undefined)
        byPeriod.set(p.period, (counts = { period: p.period, default: zeroCounts(), alternative: zeroCounts() }));
      counts.default[defaultLevel]++;
      counts.alternative[alternativeLevel]++;
      latest = { defaultLevel, alternativeLevel };
    }
    if (latest !== null && latest.defaultLevel !== latest.alternativeLevel)
      changed.push({ networkId: network.networkId, ...latest });
  }
  return {
    thresholds,
    periods: [...byPeriod.values()].sort((a, b) => compare(a.period, b.period)),
    changed: changed.sort((a, b) => compare(a.networkId, b.networkId)),
  };
}

export function zeroCounts(): LevelCounts {
  return { informative: 0, collaborative: 0, cooperative: 0 };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
