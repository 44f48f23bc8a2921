// SPEC §2 defined once: pure functions over a NetworkHistory.
export * from './periods';
export { round3, ratio } from './ratios';
export * from './practice-level';
export * from './practice';
export * from './explanation-es';
export * from './depth';
export * from './leadership';
export * from './indicators';
export * from './network-view';
export { historyPeriods } from './buckets';
