import type { Activity } from '../events';

/** Activities totalling the given minutes per practice category (zero-minute entries are left out). */
export function minutesMix(
  informative: number,
  collaborative: number,
  cooperative: number,
  administrative = 0,
): Activity[] {
  const activities: Activity[] = [
    { kind: 'policy_briefing', minutes: informative },
    { kind: 'practice_sharing', minutes: collaborative },
    { kind: 'joint_planning', minutes: cooperative },
    { kind: 'administrative', minutes: administrative },
  ];
  return activities.filter((a) => a.minutes > 0);
}
