import { useEffect, useLayoutEffect, useRef } from 'react';
import { setNavigationGuard } from '../../routing/use-route';

export const unsavedQuestion = 'This workflow has unsaved changes. Leave without saving them?';

/**
 * Asks before unsaved changes are lost: the browser's own prompt when the tab is closed or reloaded,
 * a confirmation for in-app navigation (links, Back and Forward).
 */
export function useUnsavedGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  useLayoutEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setNavigationGuard(() => !dirtyRef.current || window.confirm(unsavedQuestion));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, []);
}
