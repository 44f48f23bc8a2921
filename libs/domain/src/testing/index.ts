// Test helpers for specs of this lib and of its users (`@indaga/domain/testing`).
// Not exported from the lib's index: DeciderSpecification uses jest's `expect`.
export * from './decider-specification';
export * from './builders';
export * from './activities';
