/**
 * Undo and redo over immutable snapshots. Consecutive edits with the same key within `mergeWindowMs`
 * (typing in one field, one drag) become one step, so undo takes back what the user sees as one
 * change rather than one keystroke.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The key and time of the last recorded edit, for merging. */
  readonly lastKey?: string;
  readonly lastAt?: number;
}

/** Steps kept; older ones are dropped. */
export const historyLimit = 200;
/** Edits with the same key closer together than this merge into one step. */
export const mergeWindowMs = 1000;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * Records `next` as the present. With a `key` equal to the previous edit's and within the merge
 * window, the previous step is extended instead of a new one added.
 *
 * @example
 * let h = createHistory('a');
 * h = record(h, 'ab', { key: 'name', at: 0 });
 * h = record(h, 'abc', { key: 'name', at: 300 });
 * undo(h).present; // 'a'
 */
export function record<T>(
  history: History<T>,
  next: T,
  options: { key?: string; at?: number } = {},
): History<T> {
  if (next === history.present) return history;
  const at = options.at ?? 0;
  const merge =
    options.key !== undefined &&
    options.key === history.lastKey &&
    history.lastAt !== undefined &&
    at - history.lastAt < mergeWindowMs;
  if (merge) return { ...history, present: next, future: [], lastAt: at };
  const past = [...history.past, history.present];
  return {
    past: past.length > historyLimit ? past.slice(past.length - historyLimit) : past,
    present: next,
    future: [],
    ...(options.key === undefined ? {} : { lastKey: options.key, lastAt: at }),
  };
}

/** Replaces the present without a new step (moves while a drag is still going on). */
export function replacePresent<T>(history: History<T>, next: T): History<T> {
  return next === history.present ? history : { ...history, present: next };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

/** One step back; the present goes onto the redo stack. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous as T,
    future: [history.present, ...history.future],
  };
}

/** One step forward again. */
export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future;
  return { past: [...history.past, history.present], present: next as T, future: rest };
}
