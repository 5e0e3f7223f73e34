import { displayKeys, shortcuts } from '../model/shortcuts';

/** Whether the app runs on a Mac, where shortcuts use ⌘ instead of Ctrl. */
export function isMac(): boolean {
  return (
    typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  );
}

/** The list of keyboard shortcuts, opened with ? or the toolbar's Shortcuts button. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const mac = isMac();
  return (
    <div className="wf-dialog-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="wf-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="records wf-shortcuts">
          <tbody>
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.command}>
                <td>
                  {shortcut.keys.map((keys) => (
                    <kbd key={keys}>{displayKeys(keys, mac)}</kbd>
                  ))}
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Shift</kbd>+drag, <kbd>{mac ? '⌘' : 'Ctrl'}</kbd>+click
              </td>
              <td>Select several nodes</td>
            </tr>
          </tbody>
        </table>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
