import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { AuditItem, AuditPage } from './audit-api';

interface TrailState {
  key: string;
  items: AuditItem[];
  next: string | null;
  error?: string;
}

/**
 * Pages of the audit trail for one query, `key` naming it: the first page on load, then `more()`
 * appends the next. A new key starts over, and an answer for an earlier key is dropped.
 */
export function useTrail(key: string, load: (cursor?: string) => Promise<AuditPage>) {
  const [state, setState] = useState<TrailState | undefined>();
  const [cursor, setCursor] = useState<{ key: string; cursor: string } | undefined>();
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const after = cursor?.key === key ? cursor.cursor : undefined;

  useEffect(() => {
    let live = true;
    const earlier = (current: TrailState | undefined) =>
      after !== undefined && current?.key === key ? current.items : [];
    loadRef
      .current(after)
      .then(
        (page) =>
          live &&
          setState((current) => ({
            key,
            items: [...earlier(current), ...page.items],
            next: page.nextCursor,
          })),
      )
      .catch(
        (caught: unknown) =>
          live &&
          setState((current) => ({ key, items: earlier(current), next: null, error: errorMessage(caught) })),
      );
    return () => {
      live = false;
    };
  }, [key, after]);

  const current = state?.key === key ? state : undefined;
  const next = current?.next;
  return {
    items: current?.items,
    error: current?.error,
    hasMore: typeof next === 'string',
    more: () => {
      if (typeof next === 'string') setCursor({ key, cursor: next });
    },
  };
}
