import { Link } from '../../routing/use-route';
import type { LayoutDirection } from '../model/auto-layout';
import { JsonFileButton } from '../lifecycle/file-button';
import type { ValidationState } from './use-validation';

export interface ToolbarProps {
  name: string;
  dirty: boolean;
  publishedVersion: number | undefined;
  /** The draft is the published version exactly: publishing would make an identical version. */
  unchanged: boolean;
  /** The published version compared with the saved draft: what publishing would change. */
  changesLink: string | undefined;
  revision: number | undefined;
  busy: string | undefined;
  validation: ValidationState;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  hasNodeSelection: boolean;
  canRun: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onDelete: () => void;
  /** Makes the selected nodes a sub-process, or a workflow of their own called from here. */
  onGroup: () => void;
  onExtract: () => void;
  direction: LayoutDirection;
  /** Lays the graph out, in the direction given. */
  onLayout: (direction: LayoutDirection) => void;
  onFit: () => void;
  onExport: () => void;
  onImport: (file: File) => void;
  onHelp: () => void;
  onSave: () => void;
  onPublish: () => void;
  onUnpublish: () => void;
  onRun: () => void;
}

function publishBlocker(validation: ValidationState, props: ToolbarProps): string | undefined {
  if (props.unchanged) return `Nothing to publish: the draft is published version ${props.publishedVersion}`;
  if (validation.status === 'checking') return 'Checking the workflow…';
  if (validation.status === 'failed') return 'The workflow could not be checked';
  if (!validation.valid) return 'Fix the problems listed below to publish';
  return undefined;
}

/** The editor's toolbar: editing commands, the draft's state, and the lifecycle actions. */
export function EditorToolbar(props: ToolbarProps) {
  const blocker = publishBlocker(props.validation, props);
  return (
    <header className="wf-toolbar">
      <div className="wf-toolbar__title">
        <Link to={{ page: 'workflows' }} className="eyebrow">
          Workflows
        </Link>
        <h1>{props.name || 'Untitled workflow'}</h1>
        <span className="meta" data-testid="draft-state">
          {props.dirty
            ? 'Unsaved changes'
            : props.revision === undefined
              ? ''
              : `Saved (revision ${props.revision})`}
          {' · '}
          {props.publishedVersion === undefined
            ? 'Not published'
            : `Published version ${props.publishedVersion}`}
        </span>
      </div>
      <div className="wf-toolbar__group" role="group" aria-label="Edit">
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo}>
          Undo
        </button>
        <button type="button" onClick={props.onRedo} disabled={!props.canRedo}>
          Redo
        </button>
        <button type="button" onClick={props.onCopy} disabled={!props.hasSelection}>
          Copy
        </button>
        <button type="button" onClick={props.onPaste}>
          Paste
        </button>
        <button type="button" onClick={props.onDelete} disabled={!props.hasSelection}>
          Delete
        </button>
        <button
          type="button"
          onClick={props.onGroup}
          disabled={!props.hasNodeSelection}
          title="Group the selected nodes into a sub-process"
        >
          Group…
        </button>
        <button
          type="button"
          onClick={props.onExtract}
          disabled={!props.hasNodeSelection}
          aria-label="Extract to sub-workflow…"
          title="Extract the selected nodes to a sub-workflow"
        >
          Extract…
        </button>
      </div>
      <div className="wf-toolbar__group" role="group" aria-label="View">
        <button type="button" onClick={() => props.onLayout(props.direction)}>
          Auto-layout
        </button>
        <select
          aria-label="Layout direction"
          value={props.direction}
          onChange={(event) => props.onLayout(event.target.value as LayoutDirection)}
        >
          <option value="RIGHT">Left to right</option>
          <option value="DOWN">Top to bottom</option>
        </select>
        <button type="button" onClick={props.onFit}>
          Zoom to fit
        </button>
        <button
          type="button"
          onClick={props.onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
      <div className="wf-toolbar__group" role="group" aria-label="File">
        <button type="button" onClick={props.onExport}>
          Export JSON
        </button>
        <JsonFileButton label="Import JSON" inputLabel="Import JSON file" onFile={props.onImport} />
      </div>
      <div className="wf-toolbar__group" role="group" aria-label="Lifecycle">
        <button type="button" onClick={props.onSave} disabled={!props.dirty || props.busy !== undefined}>
          {props.busy === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button
          type="submit"
          onClick={props.onPublish}
          disabled={blocker !== undefined || props.busy !== undefined}
          title={blocker}
        >
          {props.busy === 'publishing' ? 'Publishing…' : 'Publish'}
        </button>
        {props.changesLink !== undefined && !props.unchanged && (
          <Link to={props.changesLink} className="wf-changes-link">
            Changes since version {props.publishedVersion}
          </Link>
        )}
        {props.publishedVersion !== undefined && (
          <button type="button" onClick={props.onUnpublish} disabled={props.busy !== undefined}>
            Unpublish
          </button>
        )}
        <button type="button" onClick={props.onRun} disabled={!props.canRun}>
          Run…
        </button>
      </div>
    </header>
  );
}
