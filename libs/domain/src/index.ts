// @indaga/domain: the pure core of indaga. The network decider (commands →
// events under SPEC §1's rules), the events and their read-side fold, and
// the single definition of SPEC §2's indicators. No framework, database,
// clock or id generator: the caller passes `metadata.today` and every new id.
export * from './enums';
export * from './value-rules';
export * from './events';
export * from './session-fields';
export * from './commands';
export * from './errors';
export * from './network';
export * from './history';
export * from './indicators';
export * from './analyses';
export * from './personal-data/text-fields';
export * from './personal-data/schema-versions';
