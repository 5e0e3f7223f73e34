import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { listenersPerDb } from '../events/commit-listeners';
import type { WorkflowStore } from '../workflows/workflow-store';
import { entityTriggersOf, type EntityTrigger } from './entity-trigger-match';

const catalogCollection = 'triggerCatalog';
const revisionId = 'revision';

interface RevisionDocument {
  _id: string;
  revision: string;
  at: string;
}

type ChangeListener = () => Promise<void>;

// Per Db handle, like the commit listeners: dispatchers in this process reload at once.
const changeListeners = listenersPerDb<ChangeListener>();

/**
 * Announces that the set of published triggers changed (a publish, unpublish or archive): stores a
 * new catalog revision, which dispatchers in other processes notice within their check interval, and
 * reloads the dispatchers of this process before it resolves, so a write that follows the publish
 * response is matched against the new version.
 *
 * @example
 * workflowRoutes({ ...deps, onPublicationChange: () => announceTriggerChange(db) });
 */
export async function announceTriggerChange(db: Db): Promise<void> {
  await db
    .collection<RevisionDocument>(catalogCollection)
    .replaceOne(
      { _id: revisionId },
      { revision: randomUUID(), at: new Date().toISOString() },
      { upsert: true },
    );
  await Promise.all(changeListeners.of(db).map((listener) => listener()));
}

/** Calls `listener` on every {@link announceTriggerChange} in this process; returns the unsubscribe. */
export function onTriggerChange(db: Db, listener: ChangeListener): () => void {
  return changeListeners.add(db, listener);
}

export interface TriggerCatalogOptions {
  /** Reload everything this often whatever the revision says (a lost announcement). */
  refreshIntervalMs?: number;
  /** Read the catalog revision at most this often, to notice publishes in other processes. */
  checkIntervalMs?: number;
  now?: () => number;
}

/** The published `trigger.entity` nodes, cached; see {@link createTriggerCatalog}. */
export interface TriggerCatalog {
  /** The current triggers, reloaded first when the revision moved or the refresh interval passed. */
  current(): Promise<readonly EntityTrigger[]>;
  /** Reloads now. */
  reload(): Promise<void>;
}

/**
 * A cache of the published entity triggers, so that matching an event costs no query but the
 * occasional read of one revision document.
 */
export function createTriggerCatalog(
  db: Db,
  workflows: Pick<WorkflowStore, 'listPublishedTriggers'>,
  options: TriggerCatalogOptions = {},
): TriggerCatalog {
  const refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  const checkIntervalMs = options.checkIntervalMs ?? 500;
  const now = options.now ?? Date.now;
  let triggers: readonly EntityTrigger[] = [];
  let revision: string | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  async function readRevision(): Promise<string | undefined> {
    const doc = await db.collection<RevisionDocument>(catalogCollection).findOne({ _id: revisionId });
    return doc?.revision;
  }

  function load(): Promise<void> {
    const started = now();
    loading = (async () => {
      // The revision is read first: a publish during the load leaves an older revision, so the
      // next check loads again rather than missing the change.
      const nextRevision = await readRevision();
      triggers = entityTriggersOf(await workflows.listPublishedTriggers());
      revision = nextRevision;
      loadedAt = started;
      checkedAt = started;
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  // A reload asked for during a load must not be answered by that load, which may predate the change.
  let queued: Promise<void> | undefined;
  function reload(): Promise<void> {
    if (loading === undefined) return load();
    queued ??= loading
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return load();
      });
    return queued;
  }

  // Callers that arrive while a revision check is in flight wait for it: answering them from the
  // cache would match their events against triggers the check is about to replace.
  let checking: Promise<void> | undefined;
  function check(): Promise<void> {
    checking ??= (async () => {
      if ((await readRevision()) !== revision) await reload();
    })().finally(() => {
      checking = undefined;
    });
    return checking;
  }

  async function current(): Promise<readonly EntityTrigger[]> {
    if (loading !== undefined) await loading;
    const at = now();
    if (at - loadedAt >= refreshIntervalMs) await reload();
    else if (at - checkedAt >= checkIntervalMs) {
      checkedAt = at;
      await check();
    } else if (checking !== undefined) await checking;
    return triggers;
  }

  return { current, reload };
}
