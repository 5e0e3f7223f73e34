/*
 * A run names its human task by the node visit's idempotency key, `<runId>/<nodeId>/<visit>`. The
 * task's document id, which the API and the inbox use, is that key made URL-safe (see
 * workflows/runtime/url-safe-id.ts); the key stays on the document for the run's `completeTask`
 * update. Tasks created before this have the key as their id, and lookups accept either.
 */
import { urlSafeId, urlSafeIdCandidates } from '../../workflows/runtime/url-safe-id';

/**
 * The URL-safe id of the task a run names `key`.
 *
 * @example
 * taskIdFor('run-5f3e/approve/1'); // 'run-5f3e.approve.1'
 */
export const taskIdFor: (key: string) => string = urlSafeId;

/** The document ids a task given as `id` may have: the id, and for a run's key its URL-safe id. */
export const taskIdCandidates: (id: string) => string[] = urlSafeIdCandidates;
