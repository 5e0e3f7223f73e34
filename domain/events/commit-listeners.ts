import type { Db } from 'mongodb';
import type { EntityType } from '../../schemas';

/** A committed entity write: its change event is in its version document. */
export interface EntityCommit {
  type: EntityType;
  entityId: string;
  /** The committed version. */
  version: number;
  eventId: string;
}

export type CommitListener = (commit: EntityCommit) => void;

/**
 * Listeners kept per Db handle: `add` returns the function that removes one, `of` lists a handle's.
 * A process's code shares one Db handle (main.ts makes it), so this reaches every part of the
 * process that writes through it, while separate handles (test files, benchmarks) stay apart.
 */
export function listenersPerDb<L>(): { add(db: Db, listener: L): () => void; of(db: Db): L[] } {
  const byDb = new WeakMap<Db, Set<L>>();
  return {
    add(db, listener) {
      let set = byDb.get(db);
      if (set === undefined) {
        set = new Set();
        byDb.set(db, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    of: (db) => [...(byDb.get(db) ?? [])],
  };
}

/*
 * Kept per Db handle rather than passed to each repository: the API routes, the entity activities
 * and the domain activities each build their own repository over the process's one Db handle, and
 * the dispatcher hears all of them without plumbing. The version log stays the source of truth; a
 * notification only makes the dispatcher look now instead of at its next sweep.
 */
const commitListeners = listenersPerDb<CommitListener>();

/**
 * Calls `listener` after every entity write committed through a repository on this Db handle in this
 * process. Returns the function that removes it.
 *
 * @example
 * const stop = onEntityCommit(db, ({ type, entityId }) => dispatcher.wake(type, entityId));
 */
export function onEntityCommit(db: Db, listener: CommitListener): () => void {
  return commitListeners.add(db, listener);
}

/** Tells this Db handle's listeners about a committed write. A throwing listener never fails the write. */
export function notifyEntityCommit(db: Db, commit: EntityCommit): void {
  for (const listener of commitListeners.of(db)) {
    try {
      listener(commit);
    } catch {
      // The version log still holds the event; the dispatcher's sweep finds it.
    }
  }
}
