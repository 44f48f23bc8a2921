// The value rules of SPEC §1, defined once so that the HTTP DTOs and the
// decider's defensive checks cannot drift apart.

export const NETWORK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
/** In Chile the RBD (e.g. `10123`). */
export const SCHOOL_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;
/** sessionId, cycleId, actionId (the server fills them with ULIDs when absent). */
export const LOCAL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Free text (`name`, `question`, `summary`, `findings`, …), after trimming. */
export const TEXT_MIN_LENGTH = 1;
export const TEXT_MAX_LENGTH = 2000;
export const LESSONS_LEARNED_MAX_ITEMS = 20;
export const LESSON_MIN_LENGTH = 1;
export const LESSON_MAX_LENGTH = 500;

/** Activity minutes. */
export const MINUTES_MIN = 1;
export const MINUTES_MAX = 600;
/** Other counts: classroomsReached, teachersInvolved, attendance. */
export const COUNT_MIN = 0;
export const COUNT_MAX = 10_000;

/** Real calendar date `YYYY-MM-DD` (2023-02-30 and 2023-13-01 are not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
