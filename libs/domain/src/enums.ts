// The closed vocabularies of SPEC §1. Each is an `as const` array (for
// validators and OpenAPI enums) plus the union type derived from it.

export const DEPENDENCIES = ['municipal', 'slep', 'subsidized_private', 'other'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

export const ZONES = ['urban', 'rural'] as const;
export type Zone = (typeof ZONES)[number];

/** School levels a member school teaches (a school has one or more). */
export const LEVELS = ['preschool', 'basic', 'secondary_sh', 'secondary_tp', 'adult'] as const;
export type SchoolLevel = (typeof LEVELS)[number];

export const FACILITATORS = ['ministry_supervisor', 'sostenedor', 'school_leader', 'external'] as const;
export type Facilitator = (typeof FACILITATORS)[number];

export const EVIDENCE_LEVELS = ['classroom', 'school', 'network'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** Ordered: the index is the depth rank (0 = network talk … 4 = student outcomes). */
export const DEPTH_LEVELS = ['network', 'management', 'teachers', 'classroom', 'students'] as const;
export type DepthLevel = (typeof DEPTH_LEVELS)[number];

export function depthRank(level: DepthLevel): number {
  return DEPTH_LEVELS.indexOf(level);
}

export const DECISIONS = ['adopt', 'adapt', 'spread', 'abandon'] as const;
export type Decision = (typeof DECISIONS)[number];

export const PREDICTION_MET = ['yes', 'partly', 'no', 'not_applicable'] as const;
export type PredictionMet = (typeof PREDICTION_MET)[number];

export const ORIENTATIONS = ['innovation', 'improvement'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const ACTIVITY_KINDS = [
  'policy_briefing',
  'technical_training',
  'leadership_training',
  'practice_sharing',
  'lessons_learned',
  'peer_observation',
  'goal_setting',
  'joint_planning',
  'joint_analysis',
  'administrative',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The three rungs of the practice trajectory, lowest first. */
export const PRACTICE_CATEGORIES = ['informative', 'collaborative', 'cooperative'] as const;
export type PracticeCategory = (typeof PRACTICE_CATEGORIES)[number];

/** `null`: the activity (logistics) counts in no share. */
export const ACTIVITY_CATEGORY: Readonly<Record<ActivityKind, PracticeCategory | null>> = {
  policy_briefing: 'informative',
  technical_training: 'informative',
  leadership_training: 'informative',
  practice_sharing: 'collaborative',
  lessons_learned: 'collaborative',
  peer_observation: 'collaborative',
  goal_setting: 'cooperative',
  joint_planning: 'cooperative',
  joint_analysis: 'cooperative',
  administrative: null,
};

export const CYCLE_PHASES = ['question', 'joint_action', 'analysis', 'closed'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];
