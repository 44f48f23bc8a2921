/** The overview's typed queries: each reads only the entries' part of a row, never the analyses' aggregates. */
export * from './overview-line.query';
export * from './network-list.query';
