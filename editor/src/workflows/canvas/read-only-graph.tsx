import type { ReactNode } from 'react';
import type { WorkflowDefinition } from '../model/core';
import type { Decorations } from './flow-mapping';
import { WorkflowCanvas, type Selection } from './workflow-canvas';

/** A graph that is shown, not edited (a past version, a run), with a side panel beside it. */
export function ReadOnlyGraph(props: {
  definition: WorkflowDefinition;
  selection: Selection;
  decorations: Decorations;
  onSelectionChange: (selection: Selection) => void;
  children: ReactNode;
}) {
  return (
    <div className="wf-body wf-body--no-palette">
      <div className="wf-canvas">
        <WorkflowCanvas
          definition={props.definition}
          selection={props.selection}
          decorations={props.decorations}
          readOnly
          onSelectionChange={props.onSelectionChange}
        />
      </div>
      <aside className="wf-side">{props.children}</aside>
    </div>
  );
}
