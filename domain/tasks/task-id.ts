/*
 * A run names its human task by the node visit's idempotency key, `<runId>/<nodeId>/<visit>`, and a
 * run id may itself hold `/` (a child run) or `:` (a triggered run). Those break or muddle URLs, so
 * the task's document id, which the API and the inbox use, is that key made URL-safe; the key stays
 * on the document for the run's `completeTask` update. Tasks created before this have the key as
 * their id, and lookups accept either.
 */

/** Every character kept as it is; the rest are escaped, so the mapping never merges two keys. */
const plain = /[A-Za-z0-9-]/;

/**
 * The URL-safe id of the task a run names `key`: `/` becomes `.`, and any other character outside
 * letters, digits and `-` becomes `_` and its two-digit hex code (or `_u` and four for the rest).
 *
 * @example
 * taskIdFor('run-5f3e/approve/1'); // 'run-5f3e.approve.1'
 * taskIdFor('trigger:wf-1:start:ev_7/approve/2'); // 'trigger_3Awf-1_3Astart_3Aev_5F7.approve.2'
 */
export function taskIdFor(key: string): string {
  let id = '';
  for (const char of key) {
    if (plain.test(char)) id += char;
    else if (char === '/') id += '.';
    else {
      const code = char.codePointAt(0) ?? 0;
      id +=
        code < 0x100
          ? `_${code.toString(16).toUpperCase().padStart(2, '0')}`
          : `_u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return id;
}

/**
 * The document ids a task given as `id` may have: `id` itself (a URL-safe id, or the key of a task
 * created before ids were URL-safe), and for a run's key (it holds `/`) its URL-safe id too.
 */
export function taskIdCandidates(id: string): string[] {
  return id.includes('/') ? [id, taskIdFor(id)] : [id];
}
