import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';

export interface LiveData<T> {
  data: T | undefined;
  /** The last load's failure; earlier data stays shown meanwhile. */
  error: string | undefined;
  /** Loads again now, e.g. after the user changed something. */
  reload: () => void;
}

/**
 * Loads `load()` now, again every `intervalMs` while the page is visible, and at once when the
 * window regains focus, so work a running workflow just created shows up without a reload. A
 * hidden tab stops polling. `key` names what is loaded: a new key drops the old data. `subscribe`
 * adds a source of "load again now" events, such as a completion made on this page.
 *
 * @example
 * const tasks = useLiveData(`open:${mine}`, () => listTasks({ status: 'open', mine }), 5000);
 */
export function useLiveData<T>(
  key: string,
  load: () => Promise<T>,
  intervalMs: number,
  options: { subscribe?: (listener: () => void) => () => void } = {},
): LiveData<T> {
  const { subscribe } = options;
  const [state, setState] = useState<{ key: string; data?: T; error?: string }>({ key });
  // The latest `load` without restarting the polling on every render.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    // Each load is numbered so a slow answer never overwrites a newer one.
    let latest = 0;
    const run = () => {
      const attempt = ++latest;
      loadRef
        .current()
        .then((data) => live && attempt === latest && setState({ key, data }))
        .catch(
          (error: unknown) =>
            live &&
            attempt === latest &&
            setState((current) => ({
              key,
              data: current.key === key ? current.data : undefined,
              error: errorMessage(error),
            })),
        );
    };
    run();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', onVisible);
    const unsubscribe = subscribe?.(run);
    return () => {
      live = false;
      unsubscribe?.();
      clearInterval(timer);
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, intervalMs, tick, subscribe]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    reload,
  };
}

/** The current time, ticking every `intervalMs`, for "due in 3 hours" labels that stay true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
