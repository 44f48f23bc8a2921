// Leadership (SPEC §2): who runs the sessions and who comes to them.
import type { SessionFields } from '../events';
import type { NetworkHistory } from '../history/network-history';
import { membersTimeline } from '../network/membership';
import { mean, ratio, round3OrNull } from './ratios';

export interface LeadershipIndicators {
  sessions: number;
  sostenedorPresence: number | null;
  schoolAttendance: number | null;
  memberLedShare: number | null;
  trainingMinutes: number;
}

/**
 * `sessions`: the live sessions with heldOn in the period. Besides them it
 * reads only the members on each heldOn (memberships dated up to the period's end).
 */
export function leadershipOf(history: NetworkHistory, sessions: readonly SessionFields[]): LeadershipIndicators {
  const count = sessions.length;
  const attendanceRates: number[] = [];
  const membersAt = membersTimeline(history.memberships);
  for (const session of sessions) {
    const members = membersAt(session.heldOn);
    let present = 0;
    for (const m of members) if (session.schoolsPresent.includes(m)) present++;
    const rate = ratio(present, members.length);
    // A session always has a member present when recorded; skip rather than divide by zero if not.
    if (rate !== null) attendanceRates.push(rate);
  }
  let trainingMinutes = 0;
  for (const session of sessions) {
    for (const activity of session.activities) {
      if (activity.kind === 'leadership_training') trainingMinutes += activity.minutes;
    }
  }
  return {
    sessions: count,
    sostenedorPresence: round3OrNull(ratio(sessions.filter((s) => s.attendance.sostenedorReps >= 1).length, count)),
    schoolAttendance: round3OrNull(mean(attendanceRates)),
    memberLedShare: round3OrNull(
      ratio(sessions.filter((s) => s.facilitator === 'school_leader' || s.facilitator === 'sostenedor').length, count),
    ),
    trainingMinutes,
  };
}
