/*
 * Ids a run derives from a node visit's key, `<runId>/<nodeId>/<visit>`, go into URLs: a task's
 * id (`/api/tasks/:id`) and a child run's id (`/api/runs/:runId`). A key holds `/` (and a run id
 * may hold `:`), which breaks or muddles a path, so such ids are the key made URL-safe. The mapping
 * is pure and deterministic, so workflow code may use it.
 */

/** Every character kept as it is; the rest are escaped, so the mapping never merges two keys. */
const plain = /[A-Za-z0-9-]/;

/**
 * The URL-safe form of `key`: `/` becomes `.`, and any other character outside letters, digits
 * and `-` becomes `_` and its two-digit hex code (or `_u` and four for the rest).
 *
 * @example
 * urlSafeId('run-5f3e/approve/1'); // 'run-5f3e.approve.1'
 * urlSafeId('trigger:wf-1:start:ev_7/approve/2'); // 'trigger_3Awf-1_3Astart_3Aev_5F7.approve.2'
 */
export function urlSafeId(key: string): string {
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
 * The ids a record given as `id` may have: `id` itself (a URL-safe id, or the key of a record
 * made before its ids were URL-safe), and for a key (it holds `/`) its URL-safe form too.
 */
export function urlSafeIdCandidates(id: string): string[] {
  return id.includes('/') ? [id, urlSafeId(id)] : [id];
}
