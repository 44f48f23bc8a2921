// SPEC §5: the analyses researchers ask of the records (run-chart signals,
// the collaboration graph, threshold sensitivity, cohorts, the network as it
// happened). Pure functions over a network's events or history, like §2.
export * from './run-chart';
export * from './signals';
export * from './collaboration';
export * from './period-aggregates';
export * from './sensitivity';
export * from './cohorts';
export * from './as-happened';
export * from './roll-up';
