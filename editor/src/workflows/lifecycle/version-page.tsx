import { useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Link, navigate } from '../../routing/use-route';
import { ReadOnlyGraph } from '../canvas/read-only-graph';
import { emptySelection, type Selection } from '../canvas/workflow-canvas';
import type { RestoreState } from '../editor/workflow-editor-page';
import { Inspector } from '../inspector/inspector';
import { exportFileName, exportText } from '../model/definition-file';
import { indexErrors } from '../model/validation-index';
import { useNodeTypes } from '../palette/use-node-types';
import { downloadText } from './download';
import { useVersion } from './use-version';

const noErrors = indexErrors([]);
const noDecorations = {};

/** A published version, read-only: its graph and node settings, export, and restore into the draft. */
export function VersionPage({ id, version }: { id: string; version: number }) {
  const { doc, problem } = useVersion(id, version);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const nodeTypes = useNodeTypes();
  const ignore = useMemo(() => () => undefined, []);
  if (problem)
    return (
      <p role="alert" className="error">
        {problem}
      </p>
    );
  if (!doc || nodeTypes.status !== 'ready') return <p>Loading…</p>;
  const restore = () => {
    const state: RestoreState = { restore: doc.definition };
    navigate({ page: 'workflow', id }, { state });
  };
  return (
    <ReactFlowProvider>
      <section className="wf-editor wf-editor--readonly" aria-label="Workflow version">
        <header className="wf-toolbar">
          <div className="wf-toolbar__title">
            <Link to={{ page: 'workflow', id }} className="eyebrow">
              Back to the draft
            </Link>
            <h1>
              {doc.definition.name} · version {doc.version}
            </h1>
            <span className="meta">Read-only · published {new Date(doc.publishedAt).toLocaleString()}</span>
          </div>
          <div className="wf-toolbar__group">
            <button
              type="button"
              onClick={() => downloadText(exportFileName(doc.definition), exportText(doc.definition))}
            >
              Export JSON
            </button>
            <button type="button" onClick={restore}>
              Restore into draft
            </button>
          </div>
        </header>
        <ReadOnlyGraph
          definition={doc.definition}
          selection={selection}
          decorations={noDecorations}
          onSelectionChange={setSelection}
        >
          <Inspector
            definition={doc.definition}
            selection={selection}
            nodeTypes={nodeTypes.byType}
            errors={noErrors}
            readOnly
            onEdit={ignore}
          />
        </ReadOnlyGraph>
      </section>
    </ReactFlowProvider>
  );
}
