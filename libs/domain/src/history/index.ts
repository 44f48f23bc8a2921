// The read-side fold shared by every indicator, view and projection.
export * from './network-history';
export * from './evolve-history';
