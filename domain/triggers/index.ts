/**
 * The entity-event trigger engine: the dispatcher that starts each triggered run once,
 * its loop guard and dispatch log, the published-trigger catalog, and the watches of runs waiting
 * in `flow.waitFor`. Start here: {@link createTriggerDispatcher}.
 */
export { createTriggerDispatcher } from './trigger-dispatcher';
export type { DispatcherStats, TriggerDispatcher, TriggerDispatcherOptions } from './trigger-dispatcher';
export { announceTriggerChange, onTriggerChange } from './trigger-catalog';
export { evaluateCondition } from './entity-trigger-match';
export { createConditionPool } from './condition-pool';
export type { ConditionPool, ConditionPoolOptions } from './condition-pool';
export type { ConditionOutcome, EntityTrigger } from './entity-trigger-match';
export type { EntityTriggerEvent } from './trigger-event';
export { triggerRunId } from './trigger-run-id';
export { conditionFailureSummary, dispatchLogCollection } from './dispatch-log';
export type { ConditionFailureSummary, DispatchLogEntry, DispatchOutcome, SkipReason } from './dispatch-log';
export {
  entityWatchesCollection,
  ensureWatchIndexes,
  findWatches,
  registerWatch,
  removeWatch,
} from './entity-watches';
export type { EntityWatchDocument } from './entity-watches';
