/** Entity change events: their format, as the version log records them, and the dispatcher's side of it. */
export { bookkeepingFields, diffFields, sameValue } from './change-event';
export type { ChangeKind, EntityChangeEvent, FieldChange } from './change-event';
export { notifyEntityCommit, onEntityCommit } from './commit-listeners';
export type { CommitListener, EntityCommit } from './commit-listeners';
export {
  changeEventOf,
  ensureOutboxIndexes,
  findPendingEvents,
  findPendingVersions,
  findRecordPendingVersions,
  markEventDispatched,
  markVersionsDispatched,
} from './pending-events';
export type { PendingEvent } from './pending-events';
