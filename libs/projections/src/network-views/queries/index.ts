/** network-views' typed queries: each reads only the parts of a row it answers from. */
export * from './network.query';
export * from './trajectory.query';
export * from './indicators.query';
export * from './cycle.query';
