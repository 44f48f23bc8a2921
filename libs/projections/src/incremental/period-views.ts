import {
  addLeadershipSession,
  addSessionMinutes,
  allJointActions,
  countMultiSchoolJointActions,
  DepthIndicators,
  depthOf,
  historyPeriods,
  IndicatorsPeriod,
  latestFactDate,
  JointActionCarriedOutData,
  leadershipFrom,
  LeadershipIndicators,
  leadershipTally,
  LeadershipTally,
  membersTimeline,
  NetworkHistory,
  Period,
  periodEnd,
  periodOf,
  PERIODS,
  practiceFrom,
  PracticeMinutes,
  SessionFields,
  sessionMinutes,
  Trajectory,
  trajectoryOf,
  TrajectoryPeriod,
} from '@indaga/domain';
import { EVERYTHING, historyChanges, HistoryChanges } from './history-changes';

/** One period's values (and their JSON), each present only while still valid for the current history. */
interface Slot {
  period: string;
  end: string;
  /** Running totals of the period's sessions (sessionMinutes, the leadership tally): new sessions are added to them. */
  minutes?: PracticeMinutes;
  leadershipTally?: LeadershipTally;
  multiSchoolJointActions?: number;
  practice?: TrajectoryPeriod;
  /** JSON texts, with the `,` before them unless the slot is the first period (its index never changes: the first period is registration's). */
  practiceJson?: string;
  depth?: DepthIndicators;
  leadership?: LeadershipIndicators;
  indicatorsJson?: string;
}

const NONE: readonly never[] = [];

/**
 * The per-period trajectory and indicators of one network, kept between
 * catch-ups so that a catch-up recomputes only the periods its events touch.
 * Every value is computed by the domain's own per-period functions
 * (`trajectoryPeriod`, `depthOf`, `leadershipOf`) on the same inputs the pure
 * `trajectory`/`indicators` give them; what changed decides what is dropped:
 *
 * - practice of P: its sessions and joint actions (a session or action
 *   added, corrected or withdrawn drops the periods of its old and new dates;
 *   a session only appended is added to the period's running totals, as the
 *   domain's own `sessionMinutes`/`leadershipOf` fold it, so a catch-up costs
 *   its new sessions, not the period's old ones);
 * - leadership of P: its sessions, and memberships up to end(P);
 * - depth of P: its joint actions, memberships and cycle openings/analyses up
 *   to end(P) (a school leaving, or a cycle opened, analysed late, drops every
 *   period from that date on).
 *
 * The periods themselves (registration to the latest live fact) are recomputed
 * each time. Equality with the pure functions is property-tested
 * (libs/projections/test/incremental-views.spec.ts).
 */
export class PeriodViews {
  private history: NetworkHistory | null = null;
  private latest: string | null = null;
  private readonly slots = new Map<Period, Slot[]>();
  /** Sessions and actions by period, per kind, for the current history (built when first needed, then kept up to date while sessions are only appended). */
  private sessionGroups = new Map<Period, Map<string, SessionFields[]>>();
  /** members(d) over the current memberships, built when first needed in an update. */
  private timeline: ((date: string) => readonly string[]) | undefined;
  private actionGroups = new Map<Period, Map<string, JointActionCarriedOutData[]>>();

  /** Moves to a newer (or any other) version of the history. */
  update(history: NetworkHistory): void {
    if (history === this.history) return;
    const changes = this.history === null ? EVERYTHING : historyChanges(this.history, history);
    this.history = history;
    this.timeline = undefined;
    if (changes.onlySessionsAppended) {
      // latestFactDate is a maximum: with only new sessions, the new maximum is the old one or a new date.
      for (const s of changes.appendedSessions!)
        if (this.latest === null || s.heldOn > this.latest) this.latest = s.heldOn;
    } else this.latest = latestFactDate(history);
    if (changes.appendedSessions === null) this.sessionGroups = new Map();
    else
      for (const [kind, groups] of this.sessionGroups)
        for (const s of changes.appendedSessions) push(groups, this.label(s.heldOn, kind), s);
    if (changes.all || changes.actionDates.length > 0) this.actionGroups = new Map();
    for (const kind of PERIODS) this.slots.set(kind, this.nextSlots(kind, history, changes));
  }

  trajectoryPeriods(kind: Period): TrajectoryPeriod[] {
    return this.slotsOf(kind).map((slot) => this.practice(kind, slot));
  }

  /** The latest period of `trajectory(history, kind)` that has a level, computing only the periods after it. */
  latestWithLevel(kind: Period): TrajectoryPeriod | undefined {
    const slots = this.slotsOf(kind);
    for (let i = slots.length - 1; i >= 0; i--) {
      const practice = this.practice(kind, slots[i]);
      if (practice.level !== null) return practice;
    }
    return undefined;
  }

  trajectory(kind: Period): Trajectory {
    return trajectoryOf(kind, this.trajectoryPeriods(kind));
  }

  /** The text of `trajectory(history, kind)` before its periods: `{"period":…,"firstCollaborative":…,"firstCooperative":…,"periods":[`. */
  trajectoryHead(kind: Period): string {
    const t = this.trajectory(kind);
    return `{"period":${JSON.stringify(t.period)},"firstCollaborative":${JSON.stringify(t.firstCollaborative)},"firstCooperative":${JSON.stringify(t.firstCooperative)},"periods":[`;
  }

  /** `JSON.stringify` of each period of `trajectory(history, kind)`, comma-separated as PartsBuilder.run takes them; unchanged periods keep their string. */
  trajectoryParts(kind: Period): string[] {
    return this.slotsOf(kind).map((slot, i) => {
      slot.practiceJson ??= `${i === 0 ? '' : ','}${JSON.stringify(this.practice(kind, slot))}`;
      return slot.practiceJson;
    });
  }

  /** `JSON.stringify` of each period of `indicators(history, kind)`, as `trajectoryParts`. */
  indicatorsParts(kind: Period): string[] {
    return this.slotsOf(kind).map((slot, i) => {
      if (slot.indicatorsJson === undefined) {
        const value: IndicatorsPeriod = {
          period: slot.period,
          depth: this.depth(kind, slot),
          leadership: this.leadership(kind, slot),
        };
        slot.indicatorsJson = `${i === 0 ? '' : ','}${JSON.stringify(value)}`;
      }
      return slot.indicatorsJson;
    });
  }

  /** Depth of one period of the history (as `indicators` reports it). */
  depthOf(kind: Period, period: string): DepthIndicators {
    const slot = this.slotsOf(kind).find((s) => s.period === period);
    if (slot === undefined) throw new RangeError(`${period} is not a ${kind} of this history`);
    return this.depth(kind, slot);
  }

  private slotsOf(kind: Period): Slot[] {
    const slots = this.slots.get(kind);
    if (slots === undefined) throw new Error('PeriodViews.update must be called first');
    return slots;
  }

  private nextSlots(kind: Period, history: NetworkHistory, changes: HistoryChanges): Slot[] {
    const previous = new Map(changes.all ? [] : (this.slots.get(kind) ?? []).map((s) => [s.period, s]));
    const sessionPeriods = new Set(changes.sessionDates.map((d) => this.label(d, kind)));
    const actionPeriods = new Set(changes.actionDates.map((d) => this.label(d, kind)));
    const members = changes.membershipsFrom;
    const cycles = changes.cyclesFrom;
    // Only appended: the totals stay valid and take the new sessions; otherwise they are recomputed.
    const appended = changes.appendedSessions;
    const slots = historyPeriods(history, kind, this.latest).map((period) => {
      const slot = previous.get(period) ?? { period, end: periodEnd(period) };
      const membersChanged = members !== null && slot.end >= members;
      if (sessionPeriods.has(period) || actionPeriods.has(period)) {
        slot.practice = undefined;
        slot.practiceJson = undefined;
      }
      if (sessionPeriods.has(period) && appended === null) slot.minutes = undefined;
      if (actionPeriods.has(period)) slot.multiSchoolJointActions = undefined;
      if (sessionPeriods.has(period) || membersChanged) {
        slot.leadership = undefined;
        slot.indicatorsJson = undefined;
      }
      if ((sessionPeriods.has(period) && appended === null) || membersChanged) slot.leadershipTally = undefined;
      if (actionPeriods.has(period) || membersChanged || (cycles !== null && slot.end >= cycles)) {
        slot.depth = undefined;
        slot.indicatorsJson = undefined;
      }
      return slot;
    });
    if (appended !== null && appended.length > 0) {
      const byPeriod = new Map(slots.map((slot) => [slot.period, slot]));
      for (const session of appended) {
        // A slot new to this update has no totals yet: they will be computed from the (updated) groups.
        const slot = byPeriod.get(this.label(session.heldOn, kind));
        if (slot?.minutes) addSessionMinutes(slot.minutes, session);
        if (slot?.leadershipTally) addLeadershipSession(slot.leadershipTally, session, this.membersAt());
      }
    }
    return slots;
  }

  private practice(kind: Period, slot: Slot): TrajectoryPeriod {
    // = trajectoryPeriod(period, sessions in it, actions in it), from the running totals.
    slot.minutes ??= sessionMinutes(this.sessionsIn(kind, slot.period));
    slot.multiSchoolJointActions ??= countMultiSchoolJointActions(this.actionsIn(kind, slot.period));
    return (slot.practice ??= practiceFrom(slot.period, slot.minutes, slot.multiSchoolJointActions));
  }

  private membersAt(): (date: string) => readonly string[] {
    return (this.timeline ??= membersTimeline(this.history!.memberships));
  }

  private depth(kind: Period, slot: Slot): DepthIndicators {
    return (slot.depth ??= depthOf(this.history!, slot.period, this.actionsIn(kind, slot.period)));
  }

  private leadership(kind: Period, slot: Slot): LeadershipIndicators {
    // = leadershipOf(history, sessions in it), from the running tally.
    if (slot.leadershipTally === undefined) {
      const tally = leadershipTally();
      for (const session of this.sessionsIn(kind, slot.period)) addLeadershipSession(tally, session, this.membersAt());
      slot.leadershipTally = tally;
    }
    return (slot.leadership ??= leadershipFrom(slot.leadershipTally));
  }

  private sessionsIn(kind: Period, period: string): readonly SessionFields[] {
    let groups = this.sessionGroups.get(kind);
    if (groups === undefined)
      this.sessionGroups.set(kind, (groups = this.group(this.history!.sessions, (s) => s.heldOn, kind)));
    return groups.get(period) ?? NONE;
  }

  private actionsIn(kind: Period, period: string): readonly JointActionCarriedOutData[] {
    let groups = this.actionGroups.get(kind);
    if (groups === undefined)
      this.actionGroups.set(kind, (groups = this.group(allJointActions(this.history!), (a) => a.carriedOutOn, kind)));
    return groups.get(period) ?? NONE;
  }

  /** Items by the period of their date, in their order in the history (as the pure functions group them). */
  private group<T>(items: readonly T[], dateOf: (item: T) => string, kind: Period): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) push(groups, this.label(dateOf(item), kind), item);
    return groups;
  }

  private label(date: string, kind: Period): string {
    return periodLabel(date, kind);
  }
}

function push<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [item]);
  else group.push(item);
}

/** periodOf by kind and date, shared by every network: dates repeat, and grouping labels every session. Bounded. */
const LABELS = new Map<Period, Map<string, string>>(PERIODS.map((kind) => [kind, new Map()]));
const MAX_LABELS = 50_000;

function periodLabel(date: string, kind: Period): string {
  const labels = LABELS.get(kind)!;
  let label = labels.get(date);
  if (label === undefined) {
    if (labels.size >= MAX_LABELS) labels.clear();
    labels.set(date, (label = periodOf(date, kind)));
  }
  return label;
}
