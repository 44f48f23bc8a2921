/**
 * @indaga/projections: read models built per network stream by one runner
 * (checkpointed, compare-and-set, at-least-once safe), its schedulers
 * (in-process or BullMQ), the sweeper, rebuilds, and the Nest module that
 * wires them for apps/api and apps/worker.
 */
export * from './projection';
export * from './registry';
export * from './view-query';
export type { PartRange, TextParts } from './read-models/text-parts';
export * from './network-views/network-views.projection';
export * from './network-views/queries';
export * from './overview/overview.projection';
export * from './overview/queries';
export * from './read-models/read-model-store';
export * from './runner/projection-runner';
export * from './runner/catch-up.service';
export * from './runner/scheduler.port';
export * from './runner/in-process-scheduler';
export * from './runner/bullmq-scheduler';
export * from './runner/projection-worker';
export * from './runner/sweeper';
export * from './runner/rebuild';
export * from './runner/projection-services';
export * from './nest/tokens';
export * from './nest/projections.module';
export * from './nest/projection-lifecycle';
export * from './overview/overview-aggregates';
export * from './runner/stream-heads';
export * from './telemetry';
export * from './metrics/projection-metrics';
