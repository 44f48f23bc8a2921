import { CommitTimeAverage } from './commit-time-average';

describe('CommitTimeAverage (when lone SQLite appends step aside)', () => {
  const warm = (average: CommitTimeAverage, ms: number, times: number) => {
    for (let i = 0; i < times; i++) average.record(ms);
  };

  it('ignores the cold first commit', () => {
    const average = new CommitTimeAverage(1);
    average.record(500);
    expect(average.slow).toBe(false);
  });

  it('is not tipped by one slow commit (a checkpoint), however slow', () => {
    const average = new CommitTimeAverage(1);
    warm(average, 0.3, 50);
    average.record(10_000);
    expect(average.slow).toBe(false);
    // Unbounded, that one commit alone would have counted as 0.05 × 10 s.
  });

  it('tips within a few dozen commits each slower than the limit, and comes back once they are fast', () => {
    const average = new CommitTimeAverage(1);
    warm(average, 0.3, 50);
    let commits = 0;
    while (!average.slow) {
      average.record(1.5);
      commits++;
    }
    expect(commits).toBeGreaterThan(5);
    expect(commits).toBeLessThan(40);
    warm(average, 0.3, 60);
    expect(average.slow).toBe(false);
  });

  it('with a limit of 0, counts every measured commit as slow', () => {
    const average = new CommitTimeAverage(0);
    average.record(0.2);
    average.record(0.2);
    expect(average.slow).toBe(true);
  });
});
