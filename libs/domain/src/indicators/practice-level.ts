// The practice rule of SPEC §2: the level and the conditions behind it.
// Everything here is decided on unrounded shares.
import type { PracticeCategory } from '../enums';
import { ratio, round3OrNull } from './ratios';

export const COOPERATIVE_SHARE_THRESHOLD = 0.4;
export const MULTI_SCHOOL_JOINT_ACTIONS_THRESHOLD = 1;
export const COLLABORATIVE_SHARE_THRESHOLD = 0.5;

/** The level rule's thresholds (SPEC §5.3): parameters, so analysts can test whether a conclusion depends on them. */
export interface LevelThresholds {
  cooperativeShare: number;
  collaborativeShare: number;
  minMultiSchoolJointActions: number;
}

export const DEFAULT_THRESHOLDS: Readonly<LevelThresholds> = Object.freeze({
  cooperativeShare: COOPERATIVE_SHARE_THRESHOLD,
  collaborativeShare: COLLABORATIVE_SHARE_THRESHOLD,
  minMultiSchoolJointActions: MULTI_SCHOOL_JOINT_ACTIONS_THRESHOLD,
});

export type PracticeMinutes = Record<PracticeCategory, number>;
export type PracticeShares = Record<PracticeCategory, number | null>;

export interface LevelCondition {
  /** The rung this condition belongs to. */
  level: 'cooperative' | 'collaborative';
  indicator: 'shares.cooperative' | 'multiSchoolJointActions' | 'shares.collaborative+shares.cooperative';
  /** Rounded for display; null when the period has no minutes. */
  value: number | null;
  threshold: number;
  /** From the unrounded value. */
  met: boolean;
}

export interface PracticeAssessment {
  total: number;
  shares: PracticeShares;
  cooperationIndex: number | null;
  level: PracticeCategory | null;
  conditions: LevelCondition[];
  /** Unrounded, for sentences. */
  cooperativeShare: number | null;
  collaborativeOrCooperativeShare: number | null;
}

export function assessPractice(
  minutes: PracticeMinutes,
  multiSchoolJointActions: number,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): PracticeAssessment {
  const total = minutes.informative + minutes.collaborative + minutes.cooperative;
  const cooperativeShare = ratio(minutes.cooperative, total);
  // From the summed minutes, not the sum of two rounded-by-float shares.
  const collaborativeOrCooperativeShare = ratio(minutes.collaborative + minutes.cooperative, total);
  const cooperativeShareMet = cooperativeShare !== null && cooperativeShare >= thresholds.cooperativeShare;
  const jointActionsMet = multiSchoolJointActions >= thresholds.minMultiSchoolJointActions;
  const collaborativeMet =
    collaborativeOrCooperativeShare !== null && collaborativeOrCooperativeShare >= thresholds.collaborativeShare;

  const level = practiceLevel(minutes, multiSchoolJointActions, thresholds);

  return {
    total,
    shares: {
      informative: ratio(minutes.informative, total),
      collaborative: ratio(minutes.collaborative, total),
      cooperative: cooperativeShare,
    },
    cooperationIndex: cooperationIndexOf(minutes),
    level,
    cooperativeShare,
    collaborativeOrCooperativeShare,
    conditions: [
      {
        level: 'cooperative',
        indicator: 'shares.cooperative',
        value: round3OrNull(cooperativeShare),
        threshold: thresholds.cooperativeShare,
        met: cooperativeShareMet,
      },
      {
        level: 'cooperative',
        indicator: 'multiSchoolJointActions',
        value: multiSchoolJointActions,
        threshold: thresholds.minMultiSchoolJointActions,
        met: jointActionsMet,
      },
      {
        level: 'collaborative',
        indicator: 'shares.collaborative+shares.cooperative',
        value: round3OrNull(collaborativeOrCooperativeShare),
        threshold: thresholds.collaborativeShare,
        met: collaborativeMet,
      },
    ],
  };
}

/**
 * The level alone, for analyses that decide it for thousands of periods
 * (SPEC 5.3 sensitivity, 5.4 cohorts); `assessPractice` takes its level from here.
 */
export function practiceLevel(
  minutes: Readonly<PracticeMinutes>,
  multiSchoolJointActions: number,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): PracticeCategory | null {
  const total = minutes.informative + minutes.collaborative + minutes.cooperative;
  if (total === 0) return null;
  if (
    minutes.cooperative / total >= thresholds.cooperativeShare &&
    multiSchoolJointActions >= thresholds.minMultiSchoolJointActions
  )
    return 'cooperative';
  if ((minutes.collaborative + minutes.cooperative) / total >= thresholds.collaborativeShare) return 'collaborative';
  return 'informative';
}

/** (0.5 × collaborative + cooperative) / T, unrounded; null when T = 0. */
export function cooperationIndexOf(minutes: Readonly<PracticeMinutes>): number | null {
  const total = minutes.informative + minutes.collaborative + minutes.cooperative;
  return ratio(0.5 * minutes.collaborative + minutes.cooperative, total);
}
