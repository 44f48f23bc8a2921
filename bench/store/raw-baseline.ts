/**
 * The same database with the same durability, driven without the store: what
 * the hardware and driver allow, the anchor each store figure is divided by.
 * Rates are events (rows) per second.
 */
export interface RawBaseline {
  /** A bare insert loop, each row its own committed transaction. */
  insertOnePerCommit(rows: number): Promise<number>;
  /**
   * Bare inserts, `perCommit` rows per committed transaction, spread round-robin
   * over `streams` streams (the index pages a commit dirties grow with it).
   */
  insertBatched(rows: number, perCommit: number, streams?: number): Promise<number>;
  /** Keyset pages of 1,000 over the table, data and metadata parsed from JSON, until `rows` were read. */
  readAndParse(rows: number): Promise<number>;
  close(): Promise<void>;
}
