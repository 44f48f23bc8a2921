// Leadership (SPEC §2): who runs the sessions and who comes to them.
import type { SessionFields } from '../events';
import type { NetworkHistory } from '../history/network-history';
import { membersTimeline } from '../network/membership';
import { ratio, round3OrNull } from './ratios';

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
  const tally = leadershipTally();
  const membersAt = membersTimeline(history.memberships);
  for (const session of sessions) addLeadershipSession(tally, session, membersAt);
  return leadershipFrom(tally);
}

/** What the leadership indicators of a period are computed from, session by session (see addLeadershipSession). */
export interface LeadershipTally {
  sessions: number;
  withSostenedor: number;
  memberLed: number;
  trainingMinutes: number;
  /** Attendance rates summed in session order (a float sum: the order is the one `leadershipOf` uses). */
  attendanceSum: number;
  attendanceRates: number;
}

export function leadershipTally(): LeadershipTally {
  return { sessions: 0, withSostenedor: 0, memberLed: 0, trainingMinutes: 0, attendanceSum: 0, attendanceRates: 0 };
}

/**
 * Adds one session, in place: `leadershipOf` is this over the period's
 * sessions in recording order, so a read model that adds a period's new
 * sessions at the end gets the very same figures.
 */
export function addLeadershipSession(
  tally: LeadershipTally,
  session: SessionFields,
  membersAt: (date: string) => readonly string[],
): void {
  tally.sessions++;
  const members = membersAt(session.heldOn);
  let present = 0;
  for (const m of members) if (session.schoolsPresent.includes(m)) present++;
  const rate = ratio(present, members.length);
  // A session always has a member present when recorded; skip rather than divide by zero if not.
  if (rate !== null) {
    tally.attendanceSum += rate;
    tally.attendanceRates++;
  }
  for (const activity of session.activities) {
    if (activity.kind === 'leadership_training') tally.trainingMinutes += activity.minutes;
  }
  if (session.attendance.sostenedorReps >= 1) tally.withSostenedor++;
  if (session.facilitator === 'school_leader' || session.facilitator === 'sostenedor') tally.memberLed++;
}

export function leadershipFrom(
  tally: Readonly<LeadershipTally>,
  /** Display rounding; run-chart signals (SPEC §5.1) pass the identity to decide on unrounded ratios. */
  round: (value: number | null) => number | null = round3OrNull,
): LeadershipIndicators {
  return {
    sessions: tally.sessions,
    sostenedorPresence: round(ratio(tally.withSostenedor, tally.sessions)),
    // mean(): the sum in session order over the count.
    schoolAttendance: round(tally.attendanceRates === 0 ? null : tally.attendanceSum / tally.attendanceRates),
    memberLedShare: round(ratio(tally.memberLed, tally.sessions)),
    trainingMinutes: tally.trainingMinutes,
  };
}
