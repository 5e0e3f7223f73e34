import type { GroupViewState } from './use-group-view';

/**
 * Above the canvas: the breadcrumb back from a sub-process opened as its own canvas, or the
 * commands over sub-processes (collapse or expand every stage, group or extract the selection) and
 * the swimlane toggle.
 */
export function SubprocessBar({
  view,
  name,
  hasSelection,
  onGroup,
  onExtract,
}: {
  view: GroupViewState;
  name: string;
  hasSelection: boolean;
  onGroup: () => void;
  onExtract: () => void;
}) {
  return (
    <div className="wf-subprocess-bar" role="toolbar" aria-label="Sub-processes">
      <nav aria-label="Breadcrumb">
        {view.focused ? (
          <>
            <button type="button" onClick={view.back}>
              ‹ {name || 'Untitled workflow'}
            </button>
            <span aria-hidden="true">/</span>
            <strong aria-current="page">{view.focused.name}</strong>
          </>
        ) : (
          <strong>{name || 'Untitled workflow'}</strong>
        )}
      </nav>
      {!view.focused && view.hasGroups && (
        <>
          <button type="button" onClick={view.collapseAll}>
            Collapse all
          </button>
          <button type="button" onClick={view.expandAll}>
            Expand all
          </button>
        </>
      )}
      <button type="button" onClick={onGroup} disabled={!hasSelection}>
        Group…
      </button>
      <button type="button" onClick={onExtract} disabled={!hasSelection}>
        Extract to sub-workflow…
      </button>
      <label>
        <input
          type="checkbox"
          checked={view.lanesOn}
          onChange={(event) => view.setLanes(event.target.checked)}
        />
        Lanes by role
      </label>
    </div>
  );
}
