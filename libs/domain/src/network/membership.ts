// Membership as dated half-open intervals [joinedOn, leftOn): a school that
// leaves on d is no longer a member on d, and may rejoin later with a new
// interval. Dates are `YYYY-MM-DD`, so string order is date order.

export interface Membership {
  schoolId: string;
  joinedOn: string;
  /** Absent while the membership is open. */
  leftOn?: string;
}

export function membershipContains(membership: Membership, date: string): boolean {
  return membership.joinedOn <= date && (membership.leftOn === undefined || date < membership.leftOn);
}

export function isMemberOn(memberships: readonly Membership[], schoolId: string, date: string): boolean {
  return memberships.some((m) => m.schoolId === schoolId && membershipContains(m, date));
}

/** schoolIds that are members on `date`, each once, in order of first joining. */
export function membersOn(memberships: readonly Membership[], date: string): string[] {
  const members = new Set<string>();
  for (const m of memberships) {
    if (membershipContains(m, date)) members.add(m.schoolId);
  }
  return [...members];
}

/** The school's membership that has not ended, if any. */
export function openMembership(memberships: readonly Membership[], schoolId: string): Membership | undefined {
  return memberships.find((m) => m.schoolId === schoolId && m.leftOn === undefined);
}

/**
 * A new (open-ended) membership from `joinedOn` overlaps an existing one
 * unless that one ended on or before `joinedOn`.
 */
export function overlapsExisting(memberships: readonly Membership[], schoolId: string, joinedOn: string): boolean {
  return memberships.some((m) => m.schoolId === schoolId && (m.leftOn === undefined || joinedOn < m.leftOn));
}

/** Immutable update: the school's open membership ends on `leftOn`. */
export function endMembership(memberships: readonly Membership[], schoolId: string, leftOn: string): Membership[] {
  return memberships.map((m) => (m.schoolId === schoolId && m.leftOn === undefined ? { ...m, leftOn } : m));
}

/**
 * members(d) for many dates: membership only changes on join and leave dates,
 * so the members are computed once per interval between such dates and
 * found by binary search (indicators ask for one date per session).
 */
export function membersTimeline(memberships: readonly Membership[]): (date: string) => readonly string[] {
  const boundaries = [
    ...new Set(memberships.flatMap((m) => (m.leftOn === undefined ? [m.joinedOn] : [m.joinedOn, m.leftOn]))),
  ].sort();
  const segments = new Map<number, readonly string[]>();
  return (date) => {
    let lo = 0;
    let hi = boundaries.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (boundaries[mid] <= date) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at === -1) return [];
    let members = segments.get(at);
    if (members === undefined) segments.set(at, (members = membersOn(memberships, boundaries[at])));
    return members;
  };
}
