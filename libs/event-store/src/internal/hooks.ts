/**
 * TEST-ONLY hooks. They let a test hold a write transaction open at a precise
 * point (to prove readers never see a gap, or to force a race). Never set them
 * in production: while a hook runs, the store's write transaction (and on
 * PostgreSQL the append lock) stays held.
 */
export interface StoreTestHooks {
  /** Awaited after a batch's rows are written and before COMMIT. */
  beforeCommit?: () => Promise<void> | void;
  /** PostgreSQL only: awaited after the batch's versions are checked and before its insert. */
  afterVersionCheck?: () => Promise<void> | void;
}
