import type { GroupViewState } from './use-group-view';

/**
 * Above the canvas of a workflow with sub-processes: the breadcrumb back from one opened as its own
 * canvas, or the commands to collapse or expand every stage. A workflow without any has no bar, so
 * its canvas keeps the room.
 */
export function SubprocessBar({ view, name }: { view: GroupViewState; name: string }) {
  if (!view.hasGroups && !view.focused) return null;
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
    </div>
  );
}
