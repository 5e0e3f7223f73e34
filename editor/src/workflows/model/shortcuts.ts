/** What a keyboard shortcut of the editor does. */
export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'save'
  | 'layout'
  | 'fitView'
  | 'help'
  | 'deselect';

/** The parts of a KeyboardEvent a shortcut depends on. */
export interface KeyStroke {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** A shortcut as the help list shows it: `mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  command: EditorCommand;
  keys: string[];
  description: string;
}

/** Every shortcut, in the order the help list shows them. */
export const shortcuts: readonly Shortcut[] = [
  { command: 'undo', keys: ['mod+Z'], description: 'Undo' },
  { command: 'redo', keys: ['mod+Shift+Z', 'mod+Y'], description: 'Redo' },
  { command: 'copy', keys: ['mod+C'], description: 'Copy the selected nodes (as JSON)' },
  { command: 'cut', keys: ['mod+X'], description: 'Cut the selected nodes' },
  { command: 'paste', keys: ['mod+V'], description: 'Paste nodes, also from another workflow' },
  { command: 'duplicate', keys: ['mod+D'], description: 'Duplicate the selected nodes' },
  { command: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selection' },
  { command: 'selectAll', keys: ['mod+A'], description: 'Select every node' },
  { command: 'save', keys: ['mod+S'], description: 'Save the draft' },
  { command: 'layout', keys: ['Shift+L'], description: 'Arrange the graph automatically' },
  { command: 'fitView', keys: ['Shift+1'], description: 'Zoom to fit' },
  { command: 'deselect', keys: ['Escape'], description: 'Clear the selection' },
  { command: 'help', keys: ['?'], description: 'Show this list' },
];

/** Shift+1 types "!" on a US keyboard; both spell the same shortcut. */
function keyName(stroke: KeyStroke): string {
  if (stroke.key === '!' && stroke.shiftKey) return '1';
  return stroke.key.length === 1 ? stroke.key.toUpperCase() : stroke.key;
}

/** How one stroke is written in the shortcut list, with `mod` for the platform's command key. */
export function strokeName(stroke: KeyStroke, mac: boolean): string {
  const mod = mac ? stroke.metaKey : stroke.ctrlKey;
  const key = keyName(stroke);
  const shift = stroke.shiftKey && key !== '?';
  return [mod ? 'mod' : '', shift ? 'Shift' : '', stroke.altKey ? 'Alt' : '', key].filter(Boolean).join('+');
}

const byStroke = new Map(
  shortcuts.flatMap((shortcut) => shortcut.keys.map((keys) => [keys, shortcut.command])),
);

/**
 * The command a key stroke stands for, or undefined. On a Mac `mod` is ⌘; elsewhere Ctrl.
 *
 * @example
 * commandFor({ key: 'z', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }, false); // 'redo'
 */
export function commandFor(stroke: KeyStroke, mac: boolean): EditorCommand | undefined {
  // The other platform's modifier with a letter is some other program's shortcut, not ours.
  if (mac ? stroke.ctrlKey : stroke.metaKey) return undefined;
  return byStroke.get(strokeName(stroke, mac));
}

/** A shortcut's keys for display: `Ctrl+Shift+Z`, or `⌘+Shift+Z` on a Mac. */
export function displayKeys(keys: string, mac: boolean): string {
  return keys.replace('mod', mac ? '⌘' : 'Ctrl');
}
