// Run-chart rules of improvement science (Provost & Murray; IHI), SPEC §5.1:
// a shift (6+ points on one side of the baseline median) and a trend (5+
// points each moving the same way). Decided on unrounded values.
import { round3OrNull } from '../indicators/ratios';

export interface RunChartPoint {
  period: string;
  /** Unrounded. */
  value: number;
}

export type SignalRule = 'shift' | 'trend';
export type SignalDirection = 'up' | 'down';

export interface RunChartSignal {
  rule: SignalRule;
  direction: SignalDirection;
  fromPeriod: string;
  toPeriod: string;
  /** The run's counted points (skipped points are not counted). */
  points: number;
}

export interface RunChart {
  /** Rounded for display; null without points. */
  median: number | null;
  baselinePoints: number;
  insufficientData: boolean;
  /** Values rounded for display. */
  points: RunChartPoint[];
  signals: RunChartSignal[];
}

export const BASELINE_POINTS = 12;
export const MIN_POINTS = 8;
export const SHIFT_POINTS = 6;
export const TREND_POINTS = 5;

/** `points` in period order, each with a value. */
export function runChart(points: readonly RunChartPoint[]): RunChart {
  const baselinePoints = Math.min(BASELINE_POINTS, points.length);
  const median = medianOf(points.slice(0, baselinePoints).map((p) => p.value));
  const insufficientData = points.length < MIN_POINTS;
  const signals =
    insufficientData || median === null ? [] : orderSignals(points, [...shifts(points, median), ...trends(points)]);
  return {
    median: round3OrNull(median),
    baselinePoints,
    insufficientData,
    points: points.map((p) => ({ period: p.period, value: round3OrNull(p.value)! })),
    signals,
  };
}

/** The median (mean of the two middle values when even); null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Run {
  direction: SignalDirection;
  /** Indexes into the points of the counted points. */
  counted: number[];
}

/** Maximal runs strictly on one side of the median; a point on the median neither counts nor breaks a run. */
function shifts(points: readonly RunChartPoint[], median: number): RunChartSignal[] {
  const runs: Run[] = [];
  let run: Run | null = null;
  points.forEach((p, i) => {
    if (p.value === median) return;
    const direction: SignalDirection = p.value > median ? 'up' : 'down';
    if (run === null || run.direction !== direction) runs.push((run = { direction, counted: [] }));
    run.counted.push(i);
  });
  return signalsOf('shift', runs, SHIFT_POINTS, points);
}

/**
 * Maximal monotone runs. A point equal to the previous counted point is
 * skipped; when the direction turns, the new run starts at the previous run's
 * last counted point (so a turning point belongs to both runs, and after a
 * plateau at the turn it is the plateau's first point).
 */
function trends(points: readonly RunChartPoint[]): RunChartSignal[] {
  const runs: Run[] = [];
  let run: Run | null = null;
  let last = -1;
  points.forEach((p, i) => {
    if (last === -1) {
      last = i;
      return;
    }
    const previous = points[last].value;
    if (p.value === previous) return;
    const direction: SignalDirection = p.value > previous ? 'up' : 'down';
    if (run === null || run.direction !== direction) runs.push((run = { direction, counted: [last] }));
    run.counted.push(i);
    last = i;
  });
  return signalsOf('trend', runs, TREND_POINTS, points);
}

function signalsOf(
  rule: SignalRule,
  runs: readonly Run[],
  minimum: number,
  points: readonly RunChartPoint[],
): RunChartSignal[] {
  return runs
    .filter((r) => r.counted.length >= minimum)
    .map((r) => ({
      rule,
      direction: r.direction,
      fromPeriod: points[r.counted[0]].period,
      toPeriod: points[r.counted[r.counted.length - 1]].period,
      points: r.counted.length,
    }));
}

/** By fromPeriod (its position among the points), shifts before trends on ties. */
function orderSignals(points: readonly RunChartPoint[], signals: RunChartSignal[]): RunChartSignal[] {
  const index = new Map(points.map((p, i) => [p.period, i]));
  const rank = (s: RunChartSignal) => (s.rule === 'shift' ? 0 : 1);
  return signals.sort((a, b) => index.get(a.fromPeriod)! - index.get(b.fromPeriod)! || rank(a) - rank(b));
}
