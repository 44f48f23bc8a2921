// One English sentence per period saying why it has its level and, below
// the top rung, what is missing for the next one.
import { DEFAULT_THRESHOLDS, type LevelThresholds, type PracticeAssessment } from './practice-level';
import { percent } from './ratios';

export function explainLevel(
  assessment: PracticeAssessment,
  multiSchoolJointActions: number,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): string {
  const { level, total } = assessment;
  const cooperative = assessment.cooperativeShare ?? 0;
  const shared = assessment.collaborativeOrCooperativeShare ?? 0;
  const ofTotal = `of ${plural(total, 'minute')}`;
  const jointActions =
    multiSchoolJointActions === 0
      ? 'no joint action involved two or more schools'
      : `${plural(multiSchoolJointActions, 'joint action')} involved two or more schools`;

  switch (level) {
    case null:
      return 'No session minutes in this period, so no level.';
    case 'cooperative':
      return (
        `Cooperative: ${percent(cooperative)} ${ofTotal} were cooperative (≥ ${percent(thresholds.cooperativeShare)}) ` +
        `and ${jointActions}.`
      );
    case 'collaborative':
      return (
        `Collaborative: ${percent(shared)} ${ofTotal} were collaborative or cooperative ` +
        `(≥ ${percent(thresholds.collaborativeShare)}); not cooperative because ${missingForCooperative(assessment, jointActions, thresholds)}.`
      );
    case 'informative':
      return (
        `Informative: only ${percent(shared)} ${ofTotal} were collaborative or cooperative; ` +
        `collaborative needs ${percent(thresholds.collaborativeShare)}.`
      );
    default: {
      const unknownLevel: never = level;
      return unknownLevel;
    }
  }
}

function missingForCooperative(
  assessment: PracticeAssessment,
  jointActions: string,
  thresholds: Readonly<LevelThresholds>,
): string {
  const [shareCondition, actionsCondition] = assessment.conditions;
  const missing: string[] = [];
  if (!shareCondition?.met) {
    missing.push(
      `only ${percent(assessment.cooperativeShare ?? 0)} were cooperative (needs ${percent(thresholds.cooperativeShare)})`,
    );
  }
  if (!actionsCondition?.met) {
    // The default needs one such action, which the sentence already implies; another threshold is said.
    const needs = thresholds.minMultiSchoolJointActions;
    missing.push(
      needs === DEFAULT_THRESHOLDS.minMultiSchoolJointActions ? jointActions : `${jointActions} (needs ${needs})`,
    );
  }
  return missing.join(' and ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
