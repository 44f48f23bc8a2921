// The network aggregate: one decider over the `network-<id>` stream.
export * from './membership';
export * from './state';
export { applyToDraft, draftOf, evolve, foldNetworkState, type NetworkStateDraft } from './evolve';
export { OverlayMap, OverlaySet, roundDraftOf } from './round-draft';
export { decide } from './decide';
export * from './network-decider';
