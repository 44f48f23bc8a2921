/**
 * Weight of the latest commit in the average: about the last 20 count, and
 * a disk that is slow at every commit tips it within a few dozen.
 */
const AVERAGE_WEIGHT = 0.05;
/** No one commit counts as more than this many times the limit. */
const SAMPLE_CAP = 4;

/**
 * The moving average of a connection's commit times, and whether it is over
 * a limit. One slow commit (a WAL checkpoint, a hiccup)
 * counts as at most SAMPLE_CAP × the limit, so it never tips the average by
 * itself; commits slower than the limit one after another do. The first
 * commit (statements run cold, the WAL file created) says nothing about the
 * disk and is not counted. A limit of 0 makes every commit slow.
 */
export class CommitTimeAverage {
  private averageMs = 0;
  private counted = 0;

  constructor(private readonly limitMs: number) {}

  get slow(): boolean {
    return this.averageMs > this.limitMs;
  }

  record(ms: number): void {
    if (this.counted++ === 0) return;
    const sample = this.limitMs > 0 ? Math.min(ms, SAMPLE_CAP * this.limitMs) : ms;
    this.averageMs += AVERAGE_WEIGHT * (sample - this.averageMs);
  }
}
