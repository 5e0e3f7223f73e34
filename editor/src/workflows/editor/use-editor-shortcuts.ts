import { useEffect, useLayoutEffect, useRef } from 'react';
import { commandFor, type EditorCommand } from '../model/shortcuts';
import { copyToEvent, textFromEvent } from './app-clipboard';
import { isMac } from './shortcut-help';

export type CommandHandlers = Partial<Record<EditorCommand, () => void>>;

export interface ClipboardHandlers {
  /** The selection as clipboard text, or undefined with nothing selected. */
  copyText: () => string | undefined;
  /** Removes what was just cut. */
  afterCut: () => void;
  /** Pastes text; false when it is not something the canvas can paste. */
  paste: (text: string) => boolean;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function hasTextSelection(): boolean {
  return (window.getSelection()?.toString() ?? '') !== '';
}

/**
 * The editor's keyboard shortcuts (see model/shortcuts.ts) and clipboard. Copy, cut and paste go
 * through the browser's own clipboard events, which may always read and write the system clipboard;
 * other shortcuts are keydowns. Typing in a field keeps the field's own shortcuts, except save.
 */
export function useEditorShortcuts(handlers: CommandHandlers, clipboard: ClipboardHandlers): void {
  const latest = useRef({ handlers, clipboard });
  useLayoutEffect(() => {
    latest.current = { handlers, clipboard };
  });

  useEffect(() => {
    const mac = isMac();
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandFor(event, mac);
      if (command === undefined || command === 'copy' || command === 'cut' || command === 'paste') return;
      if (isEditable(event.target) && command !== 'save') return;
      if (document.querySelector('[role="dialog"]') && command !== 'save') return;
      const handler = latest.current.handlers[command];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    const ours = (event: ClipboardEvent) =>
      !isEditable(event.target) && !hasTextSelection() && !document.querySelector('[role="dialog"]');
    const onCopy = (event: ClipboardEvent) => {
      if (!ours(event)) return;
      const text = latest.current.clipboard.copyText();
      if (text !== undefined) copyToEvent(event, text);
    };
    const onCut = (event: ClipboardEvent) => {
      if (!ours(event)) return;
      const text = latest.current.clipboard.copyText();
      if (text === undefined) return;
      copyToEvent(event, text);
      latest.current.clipboard.afterCut();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!ours(event)) return;
      const text = textFromEvent(event);
      if (text !== undefined && latest.current.clipboard.paste(text)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
