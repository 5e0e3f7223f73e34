/** Entity change events: the `_events` outbox format and the dispatcher's side of it. */
export { appendToOutbox, buildChangeEvent, diffFields, keptDispatchedEvents } from './change-event';
export type { ChangeKind, EntityChangeEvent } from './change-event';
export { notifyEntityCommit, onEntityCommit } from './commit-listeners';
export type { CommitListener, EntityCommit } from './commit-listeners';
export {
  ensureOutboxIndexes,
  findPendingEvents,
  markEventDispatched,
  markEventsDispatched,
} from './pending-events';
export type { PendingEvent } from './pending-events';
