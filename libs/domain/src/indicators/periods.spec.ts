import { nextPeriod, periodEnd, periodKind, periodOf, periodsBetween, periodStart } from './periods';
import { percent, ratio, round3 } from './ratios';

describe('periodOf', () => {
  it.each([
    ['2016-01-01', 'quarter', '2016-Q1'],
    ['2016-03-31', 'quarter', '2016-Q1'],
    ['2016-04-01', 'quarter', '2016-Q2'],
    ['2016-09-30', 'quarter', '2016-Q3'],
    ['2016-12-31', 'quarter', '2016-Q4'],
    ['2016-06-30', 'half', '2016-H1'],
    ['2016-07-01', 'half', '2016-H2'],
    ['2016-12-31', 'year', '2016'],
  ] as const)('%s by %s → %s', (date, period, label) => {
    expect(periodOf(date, period)).toBe(label);
  });
});

describe('periodStart / periodEnd', () => {
  it.each([
    ['2016-Q1', '2016-01-01', '2016-03-31'],
    ['2016-Q2', '2016-04-01', '2016-06-30'],
    ['2016-Q3', '2016-07-01', '2016-09-30'],
    ['2016-Q4', '2016-10-01', '2016-12-31'],
    ['2016-H1', '2016-01-01', '2016-06-30'],
    ['2016-H2', '2016-07-01', '2016-12-31'],
    ['2016', '2016-01-01', '2016-12-31'],
  ])('%s runs %s … %s', (label, start, end) => {
    expect(periodStart(label)).toBe(start);
    expect(periodEnd(label)).toBe(end);
  });

  it('rejects a label that is not a period', () => {
    expect(() => periodEnd('2016-Q5')).toThrow(RangeError);
    expect(() => periodStart('2016-04')).toThrow(RangeError);
  });

  it('knows the kind of a label and the next period across a year', () => {
    expect([periodKind('2016-Q2'), periodKind('2016-H2'), periodKind('2016')]).toEqual(['quarter', 'half', 'year']);
    expect([nextPeriod('2016-Q4'), nextPeriod('2016-H1'), nextPeriod('2016')]).toEqual(['2017-Q1', '2016-H2', '2017']);
  });
});

describe('periodsBetween', () => {
  it('lists every period from the first date’s to the last date’s, both included', () => {
    expect(periodsBetween('2016-02-10', '2017-01-05', 'quarter')).toEqual([
      '2016-Q1',
      '2016-Q2',
      '2016-Q3',
      '2016-Q4',
      '2017-Q1',
    ]);
    expect(periodsBetween('2016-02-10', '2017-01-05', 'half')).toEqual(['2016-H1', '2016-H2', '2017-H1']);
    expect(periodsBetween('2016-02-10', '2017-01-05', 'year')).toEqual(['2016', '2017']);
  });

  it('gives one period for dates in the same period and none when the range is reversed', () => {
    expect(periodsBetween('2016-04-01', '2016-06-30', 'quarter')).toEqual(['2016-Q2']);
    expect(periodsBetween('2016-06-30', '2016-04-01', 'quarter')).toEqual([]);
  });
});

describe('ratios', () => {
  it('rounds half-up to 3 decimals on the decimal value, not the binary one', () => {
    expect(round3(0.0005)).toBe(0.001);
    expect(round3(0.00049)).toBe(0);
    expect(round3(201 / 400)).toBe(0.503); // 0.5025: Math.round(x * 1000) / 1000 gives 0.502
    expect(round3(1.0005)).toBe(1.001);
    expect(round3(0.21875)).toBe(0.219);
    expect(round3(2 / 3)).toBe(0.667);
    expect(round3(1e-7)).toBe(0);
    expect(Object.is(round3(-1e-7), 0)).toBe(true);
  });

  it('gives null for a zero denominator', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
  });

  it('writes shares as percentages for sentences', () => {
    expect([percent(0.45), percent(1 / 3), percent(0.4), percent(1)]).toEqual(['45%', '33.3%', '40%', '100%']);
  });
});
