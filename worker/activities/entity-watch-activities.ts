import type { Db } from 'mongodb';
import { registerWatch, removeWatch } from '../../domain/triggers';
import type { ActivityCall } from '../workflows/activity-contract';
import { createEntityActivities } from './entity-activities';

/** The engine activities of `flow.waitFor`'s event-driven wait; the startup check admits them. */
export const entityWatchActivityNames = ['entity.watch', 'entity.unwatch'] as const;

/**
 * `entity.watch` registers the waiting node visit in the `entityWatches` collection and only then
 * reads the record, so a write either happened before the read (the run sees it) or is dispatched
 * after the registration (the dispatcher signals the run): none falls in between. The watch id is the
 * visit's idempotency key, so retries register one watch. `entity.unwatch` removes it when the wait
 * ends. Both take the call `entity.get` takes.
 */
export function createEntityWatchActivities(deps: { db: Db }) {
  const read = createEntityActivities(deps)['entity.get'];
  return {
    'entity.watch': async (call: ActivityCall): Promise<unknown> => {
      await registerWatch(deps.db, {
        _id: call.idempotencyKey,
        runId: call.runId,
        entityType: String(call.params.entityType),
        entityId: String(call.params.id),
        createdAt: new Date(),
      });
      return read(call);
    },
    'entity.unwatch': (call: ActivityCall): Promise<void> => removeWatch(deps.db, call.idempotencyKey),
  } satisfies Record<(typeof entityWatchActivityNames)[number], (call: ActivityCall) => Promise<unknown>>;
}

export type EntityWatchActivities = ReturnType<typeof createEntityWatchActivities>;
