import { useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Link, navigate } from '../../routing/use-route';
import { ReadOnlyGraph } from '../canvas/read-only-graph';
import { emptySelection, type Selection } from '../canvas/workflow-canvas';
import type { RestoreState } from '../editor/workflow-editor-page';
import { Inspector } from '../inspector/inspector';
import { exportFileName, exportText } from '../model/definition-file';
import { diffDefinitions, diffGraph, type DefinitionDiff } from '../model/definition-diff';
import { indexErrors } from '../model/validation-index';
import { useNodeTypes } from '../palette/use-node-types';
import { downloadText } from './download';
import { useVersion } from './use-version';
import {
  compareFromSearch,
  SettingsDiff,
  useCompareDefinition,
  useVersionNumbers,
  type CompareTarget,
} from './version-compare';

const noErrors = indexErrors([]);

function diffSummary(diff: DefinitionDiff, versus: string): string {
  const count = (kind: string) => [...diff.nodes.values()].filter((change) => change === kind).length;
  const edges = diff.edges.size;
  if (diff.nodes.size === 0 && edges === 0 && !diff.workflowChanged) return `No changes in ${versus}.`;
  return `Compared with ${versus}: ${count('added')} added, ${count('changed')} changed, ${count('removed')} removed nodes; ${edges} edge change${edges === 1 ? '' : 's'}${diff.workflowChanged ? '; the workflow’s name, description or settings changed' : ''}.`;
}
const noDecorations = {};

/** A published version, read-only: its graph and node settings, export, and restore into the draft. */
export function VersionPage({ id, version }: { id: string; version: number }) {
  const { doc, problem } = useVersion(id, version);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const nodeTypes = useNodeTypes();
  const ignore = useMemo(() => () => undefined, []);
  const [compare, setCompare] = useState<CompareTarget>(() => compareFromSearch(window.location.search));
  const other = useCompareDefinition(id, compare);
  const versionNumbers = useVersionNumbers(id);
  const comparison = useMemo(() => {
    if (!doc || !other.definition) return undefined;
    const diff = diffDefinitions(doc.definition, other.definition);
    return {
      diff,
      graph: diffGraph(doc.definition, other.definition, diff),
      decorations: { diffByNode: diff.nodes, diffByEdge: diff.edges },
    };
  }, [doc, other.definition]);
  if (problem)
    return (
      <p role="alert" className="error">
        {problem}
      </p>
    );
  if (!doc || nodeTypes.status !== 'ready') return <p>Loading…</p>;
  const versus = compare === 'draft' ? 'the draft' : `version ${String(compare)}`;
  const [selectedId] = [...selection.nodes];
  const changedNode =
    selectedId !== undefined && comparison?.diff.settings.has(selectedId) ? selectedId : undefined;
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
            <label className="wf-compare">
              Compare with
              <select
                value={String(compare)}
                onChange={(event) => {
                  const value = event.target.value;
                  setCompare(value === 'none' || value === 'draft' ? value : Number(value));
                }}
              >
                <option value="none">nothing</option>
                <option value="draft">the draft</option>
                {versionNumbers
                  .filter((number) => number !== doc.version)
                  .map((number) => (
                    <option key={number} value={number}>
                      version {number}
                    </option>
                  ))}
              </select>
            </label>
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
        {comparison && (
          <p className="wf-diff-legend" data-testid="diff-summary">
            {diffSummary(comparison.diff, versus)}
            <span className="wf-diff-key wf-diff-key--added">added</span>
            <span className="wf-diff-key wf-diff-key--changed">changed</span>
            <span className="wf-diff-key wf-diff-key--removed">removed</span>
          </p>
        )}
        {other.problem && (
          <p role="alert" className="error">
            {other.problem}
          </p>
        )}
        <ReadOnlyGraph
          // A comparison is a different graph (removed nodes put back): drawn and fitted afresh.
          key={comparison ? `compare-${String(compare)}` : 'version'}
          definition={comparison?.graph ?? doc.definition}
          selection={selection}
          decorations={comparison?.decorations ?? noDecorations}
          onSelectionChange={setSelection}
        >
          {comparison && changedNode && (
            <SettingsDiff
              nodeId={changedNode}
              changes={comparison.diff.settings.get(changedNode)!}
              versus={versus}
            />
          )}
          <Inspector
            definition={comparison?.graph ?? doc.definition}
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
