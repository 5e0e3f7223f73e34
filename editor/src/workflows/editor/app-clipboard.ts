/*
 * Copy and paste between workflows. The system clipboard is used when the browser permits it (the
 * native copy and paste events always may; the async Clipboard API may need a permission), and an
 * in-app clipboard kept in localStorage covers the rest, also across tabs of the app.
 */

const storageKey = 'ledgerline.workflow-clipboard';
let memory: string | undefined;

function remember(text: string): void {
  memory = text;
  try {
    window.localStorage.setItem(storageKey, text);
  } catch {
    // Storage may be full or disabled; the in-memory copy still serves this tab.
  }
}

function recalled(): string | undefined {
  try {
    return window.localStorage.getItem(storageKey) ?? memory;
  } catch {
    return memory;
  }
}

/** Puts text on the clipboard from a native copy or cut event. */
export function copyToEvent(event: ClipboardEvent, text: string): void {
  remember(text);
  event.clipboardData?.setData('text/plain', text);
  event.preventDefault();
}

/** The text of a native paste event, or the in-app clipboard when the event carries none. */
export function textFromEvent(event: ClipboardEvent): string | undefined {
  const text = event.clipboardData?.getData('text/plain');
  return text !== undefined && text !== '' ? text : recalled();
}

/** Copies text from a button: to the system clipboard when permitted, always to the in-app one. */
export async function writeClipboard(text: string): Promise<void> {
  remember(text);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Not permitted (or not a secure context): the in-app clipboard has it.
  }
}

/**
 * Reads text for a paste from a button. `accepts` picks the system clipboard's text when it is
 * something the editor can paste; otherwise the in-app clipboard's.
 */
export async function readClipboard(accepts: (text: string) => boolean): Promise<string | undefined> {
  try {
    const text = await navigator.clipboard.readText();
    if (accepts(text)) return text;
  } catch {
    // Not permitted: fall back to the in-app clipboard.
  }
  return recalled();
}
