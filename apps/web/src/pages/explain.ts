import { fmtNum, fmtPct, t } from '../i18n/i18n';

export interface Condition {
  level: string;
  indicator: string;
  value: number | null;
  threshold: number;
  met: boolean;
}
export interface TrajectoryPeriod {
  period: string;
  minutes: { informative: number; collaborative: number; cooperative: number };
  shares: { informative: number | null; collaborative: number | null; cooperative: number | null };
  cooperationIndex: number | null;
  multiSchoolJointActions: number;
  level: string | null;
  explanation: string;
  conditions: Condition[];
}
export interface Trajectory {
  networkId: string;
  version: number;
  period: string;
  firstCollaborative: string | null;
  firstCooperative: string | null;
  periods: TrajectoryPeriod[];
}

/**
 * The period's explanation in the reader's language, from its conditions
 * (the API's `explanation` is English; the numbers and rule are the same).
 */
export function explain(p: TrajectoryPeriod): string {
  const minutes = p.minutes.informative + p.minutes.collaborative + p.minutes.cooperative;
  if (p.level === null || minutes === 0) return t('explain.none');
  const cond = (indicator: string) => p.conditions.find((c) => c.indicator === indicator);
  const coop = cond('shares.cooperative');
  const actions = cond('multiSchoolJointActions');
  const both = cond('shares.collaborative+shares.cooperative');
  const params = {
    minutes: fmtNum(minutes),
    coop: fmtPct(coop?.value),
    coopT: fmtPct(coop?.threshold),
    both: fmtPct(both?.value),
    bothT: fmtPct(both?.threshold),
    actions: fmtNum(p.multiSchoolJointActions),
  };
  if (p.level === 'cooperative') return t('explain.cooperative', params);
  if (p.level === 'collaborative') {
    const missing = [
      coop && !coop.met ? t('explain.missingShare', params) : null,
      actions && !actions.met ? t('explain.missingActions') : null,
    ].filter(Boolean);
    return t('explain.collaborative', { ...params, missing: missing.join(t('explain.and')) });
  }
  return t('explain.informative', params);
}

/** A condition's value as it reads: shares as percentages, counts as numbers. */
export const conditionValue = (c: Condition, value: number | null): string =>
  c.indicator.startsWith('shares') ? fmtPct(value) : fmtNum(value);
