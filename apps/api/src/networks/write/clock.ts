/** The only place the API reads the time; tests may provide another. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** UTC calendar date `YYYY-MM-DD`: the `today` of domain commands (SPEC: dates not after today, UTC). */
export function utcToday(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}
