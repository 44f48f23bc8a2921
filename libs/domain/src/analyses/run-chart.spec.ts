import { runChart, type RunChartSignal } from './run-chart';

/** Points labelled p01, p02, … so a signal's periods read as positions. */
const series = (...values: number[]) =>
  values.map((value, i) => ({ period: `p${String(i + 1).padStart(2, '0')}`, value }));
const signal = (rule: 'shift' | 'trend', direction: 'up' | 'down', from: number, to: number, points: number) =>
  ({
    rule,
    direction,
    fromPeriod: `p${String(from).padStart(2, '0')}`,
    toPeriod: `p${String(to).padStart(2, '0')}`,
    points,
  }) as RunChartSignal;

describe('run chart (SPEC 5.1)', () => {
  it('fewer than 8 points: insufficient data and no signal, even with a clear trend', () => {
    const chart = runChart(series(1, 2, 3, 4, 5, 6, 7));
    expect(chart).toMatchObject({ insufficientData: true, signals: [], baselinePoints: 7, median: 4 });
  });

  it('no points: null median', () => {
    expect(runChart([])).toEqual({ median: null, baselinePoints: 0, insufficientData: true, points: [], signals: [] });
  });

  it('the baseline median is of the first 12 points (mean of the middle two when even)', () => {
    const chart = runChart(series(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100, 100));
    expect(chart.baselinePoints).toBe(12);
    expect(chart.median).toBe(6.5);
  });

  test.each([
    // [name, values, signals]; the first 12 points are the baseline.
    // median 2 (seven 2s, five 8s): the 2s are on it; six 8s above.
    ['exactly 6 points above: a shift', [2, 2, 2, 2, 2, 2, 2, 8, 8, 8, 8, 8, 8], [signal('shift', 'up', 8, 13, 6)]],
    ['5 points above: no shift', [2, 2, 2, 2, 2, 2, 2, 2, 8, 8, 8, 8, 8], []],
    // median 5; the points equal to 5 between the 9s neither count nor break the run.
    [
      'points on the median are skipped inside a shift',
      [5, 5, 5, 5, 5, 5, 5, 9, 5, 9, 5, 9, 9, 9, 9],
      [signal('shift', 'up', 8, 15, 6)],
    ],
    ['6 points below: a downward shift', [5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1], [signal('shift', 'down', 8, 13, 6)]],
    // median 3: one point above interrupts the run below.
    ['a point across the median breaks a shift', [3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 4, 1, 1, 1], []],
  ])('%s', (_name, values, expected) => {
    const chart = runChart(series(...(values as number[])));
    expect(chart.signals.filter((s) => s.rule === 'shift')).toEqual(expected);
  });

  test.each([
    ['exactly 5 increasing points: a trend', [5, 5, 5, 1, 2, 3, 4, 5, 5], [signal('trend', 'up', 4, 8, 5)]],
    ['4 increasing points: no trend', [5, 5, 5, 5, 1, 2, 3, 4, 4], []],
    [
      'a plateau inside a trend is skipped: neither counts nor breaks',
      [9, 1, 2, 2, 2, 3, 4, 5, 5],
      [signal('trend', 'up', 2, 8, 5)],
    ],
    [
      // 1 2 3 4 5 4 3 2 1: the turning point 5 belongs to both runs.
      'a turning point belongs to both runs',
      [1, 2, 3, 4, 5, 4, 3, 2, 1],
      [signal('trend', 'up', 1, 5, 5), signal('trend', 'down', 5, 9, 5)],
    ],
    [
      // 1 2 3 4 5 5 5 4 3 2: after a plateau at the turn, the down run starts at the plateau's first point (p05).
      'after a plateau at the turn, the new run starts at the plateau’s first point',
      [1, 2, 3, 4, 5, 5, 5, 4, 3, 2, 1],
      [signal('trend', 'up', 1, 5, 5), signal('trend', 'down', 5, 11, 5)],
    ],
    [
      // the down run p05, p08, p09, p10 has 4 counted points: the plateau does not lengthen it.
      'plateau points do not count towards a run',
      [1, 2, 3, 4, 5, 5, 5, 4, 3, 2],
      [signal('trend', 'up', 1, 5, 5)],
    ],
    ['a decreasing run of 5', [9, 8, 7, 6, 5, 6, 6, 6], [signal('trend', 'down', 1, 5, 5)]],
  ])('%s', (_name, values, expected) => {
    const chart = runChart(series(...(values as number[])));
    expect(chart.signals.filter((s) => s.rule === 'trend')).toEqual(expected);
  });

  it('orders signals by fromPeriod, shifts before trends on ties', () => {
    // median 7.5: p01..p06 above and p07..p12 below (two shifts); p07..p12 rising (a trend from p07, where the fall from p01 turned).
    const chart = runChart(series(9, 9, 9, 9, 9, 9, 1, 2, 3, 4, 5, 6));
    expect(chart.signals).toEqual([
      signal('shift', 'up', 1, 6, 6),
      signal('shift', 'down', 7, 12, 6),
      signal('trend', 'up', 7, 12, 6),
    ]);
  });

  it('orders signals of different starts by their first counted point', () => {
    // median 5.5: p01..p06 below, p07..p12 above; the rise from p05 runs to p12.
    const chart = runChart(series(1, 5, 1, 5, 1, 5, 6, 7, 8, 9, 10, 11));
    expect(chart.signals).toEqual([
      signal('shift', 'down', 1, 6, 6),
      signal('trend', 'up', 5, 12, 8),
      signal('shift', 'up', 7, 12, 6),
    ]);
  });

  it('decides on unrounded values and rounds for display', () => {
    // 0.3334 and 0.3336 round alike but the later is strictly greater.
    const chart = runChart(series(0.3331, 0.3332, 0.3333, 0.3334, 0.3336, 0.1, 0.1, 0.1));
    expect(chart.signals).toContainEqual(signal('trend', 'up', 1, 5, 5));
    expect(chart.points[4].value).toBe(0.334);
  });
});
