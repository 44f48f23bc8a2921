// SPEC §5.6: two times. `asOf` (as recorded) cuts the stream by when events
// were received; `on` (as it happened) keeps only facts whose real-world date
// is on or before a date. Corrections and withdrawals fix the record rather
// than being facts of the network: they apply whatever `on` is, and a
// corrected session counts by its corrected date.
import type { NetworkEvent } from '../events';
import { allJointActions, type NetworkHistory } from '../history/network-history';
import { groupByPeriod } from '../indicators/buckets';
import { indicatorsPeriod, type Indicators } from '../indicators/indicators';
import { periodsBetween, type Period } from '../indicators/periods';
import { trajectoryOf, trajectoryPeriod, type Trajectory } from '../indicators/practice';
import { DEFAULT_THRESHOLDS, type LevelThresholds } from '../indicators/practice-level';

/** The events of a stream (already cut by `asOf`, if any) that describe the network as it was on `on`. */
export function eventsAsHappened(events: readonly NetworkEvent[], on: string): NetworkEvent[] {
  // A session's date is its latest recorded form's; a withdrawn one is left out whatever its date.
  const sessionDate = new Map<string, string | null>();
  for (const e of events) {
    if (e.type === 'SessionHeld' || e.type === 'SessionCorrected') sessionDate.set(e.data.sessionId, e.data.heldOn);
    else if (e.type === 'SessionWithdrawn') sessionDate.set(e.data.sessionId, null);
  }
  const happened = (date: string | null | undefined) => date !== null && date !== undefined && date <= on;
  return events.filter((e) => {
    switch (e.type) {
      case 'NetworkRegistered':
        return happened(e.data.registeredOn);
      case 'SchoolJoined':
        return happened(e.data.joinedOn);
      case 'SchoolLeft':
        return happened(e.data.leftOn);
      case 'SessionHeld':
      case 'SessionCorrected':
      case 'SessionWithdrawn':
        return happened(sessionDate.get(e.data.sessionId));
      case 'InquiryCycleOpened':
        return happened(e.data.openedOn);
      case 'JointActionCarriedOut':
        return happened(e.data.carriedOutOn);
      case 'CycleAnalysisRecorded':
        return happened(e.data.analysedOn);
      case 'InquiryCycleClosed':
        return happened(e.data.closedOn);
      case 'TextRedacted':
        // Not a dated fact of the network; the folds skip it anyway.
        return false;
      default: {
        // An unknown type from a newer writer is not a dated fact: the fold skips it anyway.
        const unknownEvent: never = e;
        void unknownEvent;
        return false;
      }
    }
  });
}

/** The periods from the one containing registeredOn to the one containing `until` (SPEC §5.6). */
export function periodsUntil(history: NetworkHistory, period: Period, until: string): string[] {
  return history.registeredOn === null ? [] : periodsBetween(history.registeredOn, until, period);
}

/** `trajectory` over the periods up to `until`'s (empty ones included). */
export function trajectoryUntil(
  history: NetworkHistory,
  period: Period,
  until: string,
  thresholds: Readonly<LevelThresholds> = DEFAULT_THRESHOLDS,
): Trajectory {
  const sessions = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actions = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  return trajectoryOf(
    period,
    periodsUntil(history, period, until).map((p) =>
      trajectoryPeriod(p, sessions.get(p) ?? [], actions.get(p) ?? [], thresholds),
    ),
  );
}

/** `indicators` over the periods up to `until`'s. */
export function indicatorsUntil(history: NetworkHistory, period: Period, until: string): Indicators {
  const sessions = groupByPeriod(history.sessions, (s) => s.heldOn, period);
  const actions = groupByPeriod(allJointActions(history), (a) => a.carriedOutOn, period);
  return {
    periods: periodsUntil(history, period, until).map((p) =>
      indicatorsPeriod(history, p, sessions.get(p) ?? [], actions.get(p) ?? []),
    ),
  };
}
