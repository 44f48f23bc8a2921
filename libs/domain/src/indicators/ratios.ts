// Ratios are kept unrounded for every decision and rounded only for display.

/** n / d, or null when d = 0 (SPEC §2). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Half-up to 3 decimals on the number's shortest decimal form, so that
 * 0.0005 → 0.001 and 0.5025 → 0.503 even though neither is exact in binary
 * (`Math.round(x * 1000) / 1000` gets such cases wrong).
 */
export function round3(value: number): number {
  if (!Number.isFinite(value)) return value;
  let rounded = ROUNDED.get(value);
  if (rounded === undefined) {
    const shifted = Math.round(shiftDecimal(value, 3));
    rounded = shiftDecimal(shifted, -3);
    if (rounded === 0) rounded = 0; // no -0 in JSON output
    if (ROUNDED.size >= MAX_ROUNDED) ROUNDED.clear();
    ROUNDED.set(value, rounded);
  }
  return rounded;
}

/**
 * round3 by value: the decimal-string arithmetic is slow and the same ratios
 * come back in every period and network (a memo, so still a pure function;
 * Map keys treat -0 as 0, which round3 maps to 0 anyway). Bounded.
 */
const ROUNDED = new Map<number, number>();
const MAX_ROUNDED = 50_000;

export function round3OrNull(value: number | null): number | null {
  return value === null ? null : round3(value);
}

/** value × 10^places through the decimal string, which does not drift like a float multiplication. */
function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** A share as a percentage for sentences: 0.45 → "45%", 1/3 → "33.3%". */
export function percent(share: number): string {
  return `${Math.round(shiftDecimal(share, 3)) / 10}%`;
}
