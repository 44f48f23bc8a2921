// Checks shared by the command groups. Each throws a DomainError with the
// rule's stable code; the order in which `decide` calls them is: shape
// (VALIDATION.FAILED), identity (NOT_FOUND / ALREADY_*), cycle phase, date
// range, date order within a cycle, membership.
import { DomainError, type ValidationIssue } from '../errors';
import { isCalendarDate } from '../value-rules';
import { isMemberOn } from './membership';
import type { NetworkState } from './state';

export interface RegisteredState extends NetworkState {
  registered: true;
  networkId: string;
  registeredOn: string;
}

export function requireRegistered(state: NetworkState): asserts state is RegisteredState {
  if (!state.registered || state.registeredOn === undefined) {
    throw new DomainError('NETWORK.NOT_FOUND', 'The network is not registered.');
  }
}

export function dateIssues(fields: Record<string, unknown>): ValidationIssue[] {
  return Object.entries(fields)
    .filter(([, value]) => !isCalendarDate(value))
    .map(([field]) => ({ field, message: 'must be a calendar date YYYY-MM-DD' }));
}

export function nonEmptyIssues(fields: Record<string, readonly unknown[] | undefined>): ValidationIssue[] {
  return Object.entries(fields)
    .filter(([, list]) => !Array.isArray(list) || list.length === 0)
    .map(([field]) => ({ field, message: 'must have at least one item' }));
}

export function throwIfInvalid(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) {
    const fields = issues.map((i) => i.field).join(', ');
    throw new DomainError('VALIDATION.FAILED', `Invalid fields: ${fields}.`, issues);
  }
}

/** The command's clock is trusted but checked: a bad `today` would silently disable the range rule. */
export function requireToday(today: string): void {
  throwIfInvalid(dateIssues({ 'metadata.today': today }));
}

/** Every `…On` date: not after today, not before registration. */
export function requireDateInRange(field: string, date: string, registeredOn: string, today: string): void {
  if (date > today) {
    throw new DomainError('DATE.OUT_OF_RANGE', `${field} ${date} is after today (${today}).`, {
      field,
      value: date,
      today,
    });
  }
  if (date < registeredOn) {
    throw new DomainError(
      'DATE.OUT_OF_RANGE',
      `${field} ${date} is before the network was registered (${registeredOn}).`,
      { field, value: date, registeredOn },
    );
  }
}

export function requireMembersOn(state: RegisteredState, schoolIds: readonly string[], date: string): void {
  const outsiders = distinct(schoolIds).filter((id) => !isMemberOn(state.memberships, id, date));
  if (outsiders.length > 0) {
    throw new DomainError('SCHOOL.NOT_MEMBER', `Not a member of the network on ${date}: ${outsiders.join(', ')}.`, {
      schoolIds: outsiders,
      date,
    });
  }
}

/** First occurrence order, so an event reads like the request that produced it. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** `{ key: value }` when the optional value is present, `{}` otherwise (no `undefined` keys in events). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
