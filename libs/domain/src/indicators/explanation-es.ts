// The same sentence as explainLevel, in Spanish (the readers are Chilean):
// decimal comma, and the rung names of the Chilean RME literature.
import { explainLevel } from './explanation';
import {
  assessPractice,
  COLLABORATIVE_SHARE_THRESHOLD,
  COOPERATIVE_SHARE_THRESHOLD,
  type PracticeAssessment,
  type PracticeMinutes,
} from './practice-level';
import { percent } from './ratios';

export type ExplanationLanguage = 'en' | 'es';

/**
 * A trajectory period's explanation in a language, from what the period
 * itself holds (its exact minutes and joint-action count), so a stored
 * trajectory can be read in either language without folding again.
 */
export function explainPeriod(
  period: { minutes: PracticeMinutes; multiSchoolJointActions: number },
  language: ExplanationLanguage,
): string {
  const assessment = assessPractice(period.minutes, period.multiSchoolJointActions);
  return language === 'es'
    ? explainLevelEs(assessment, period.multiSchoolJointActions)
    : explainLevel(assessment, period.multiSchoolJointActions);
}

export function explainLevelEs(assessment: PracticeAssessment, multiSchoolJointActions: number): string {
  const { level, total } = assessment;
  const cooperative = assessment.cooperativeShare ?? 0;
  const shared = assessment.collaborativeOrCooperativeShare ?? 0;
  const ofTotal = `de ${total} ${total === 1 ? 'minuto' : 'minutos'}`;
  const jointActions =
    multiSchoolJointActions === 0
      ? 'ninguna acción conjunta involucró a dos o más escuelas'
      : multiSchoolJointActions === 1
        ? '1 acción conjunta involucró a dos o más escuelas'
        : `${multiSchoolJointActions} acciones conjuntas involucraron a dos o más escuelas`;

  switch (level) {
    case null:
      return 'Sin minutos de sesión en este período, por lo que no tiene nivel.';
    case 'cooperative':
      return (
        `Cooperativo: el ${pct(cooperative)} ${ofTotal} fue cooperativo (≥ ${pct(COOPERATIVE_SHARE_THRESHOLD)}) ` +
        `y ${jointActions}.`
      );
    case 'collaborative':
      return (
        `Colaborativo: el ${pct(shared)} ${ofTotal} fue colaborativo o cooperativo ` +
        `(≥ ${pct(COLLABORATIVE_SHARE_THRESHOLD)}); no es cooperativo porque ${missingForCooperative(assessment, jointActions)}.`
      );
    case 'informative':
      return (
        `Informativo: solo el ${pct(shared)} ${ofTotal} fue colaborativo o cooperativo; ` +
        `colaborativo requiere el ${pct(COLLABORATIVE_SHARE_THRESHOLD)}.`
      );
    default: {
      const unknownLevel: never = level;
      return unknownLevel;
    }
  }
}

function missingForCooperative(assessment: PracticeAssessment, jointActions: string): string {
  const [shareCondition, actionsCondition] = assessment.conditions;
  const missing: string[] = [];
  if (!shareCondition?.met) {
    missing.push(
      `solo el ${pct(assessment.cooperativeShare ?? 0)} fue cooperativo (se requiere el ${pct(COOPERATIVE_SHARE_THRESHOLD)})`,
    );
  }
  if (!actionsCondition?.met) missing.push(jointActions);
  return missing.join(' y ');
}

/** The English sentence's percentage with a decimal comma and a space before the sign (es-CL). */
function pct(share: number): string {
  return percent(share).replace('.', ',').replace('%', ' %');
}
