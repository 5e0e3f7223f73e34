import { useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Link } from '../../routing/use-route';
import { ReadOnlyGraph } from '../canvas/read-only-graph';
import { emptySelection, type Selection } from '../canvas/workflow-canvas';
import type { Decorations } from '../canvas/flow-mapping';
import type { TraceStatus } from '../model/core';
import { nodeRunStates, traversedEdges } from '../model/trace-overlay';
import { useVersion } from '../lifecycle/use-version';
import { describeError, workflowApi } from '../workflow-api';
import { JsonDetails, RunNodeDetails } from './run-node-details';
import { formatDuration, RunStatusBadge } from './run-status-badge';
import { useRun } from './use-run';
import { RecoveryActions } from '../../operations/recovery-actions';
import { RunRecords } from '../../operations/run-records';
import { RecordLink } from '../../operations/run-links';
import { WaitingForNotice } from '../../operations/waiting-for';

/**
 * One run over its version's graph: node colours by status, the edges it took, and each node's
 * visits with input, output, error and timing. It reads the run again every second while it runs.
 */
export function RunViewerPage({ id, runId }: { id: string; runId: string }) {
  const { run, error, reload } = useRun(runId);
  const version = useVersion(id, run?.version ?? undefined);
  const definition = version.doc?.definition;
  const [cancelProblem, setCancelProblem] = useState<string | undefined>();
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [cancelling, setCancelling] = useState(false);
  const problem = cancelProblem ?? version.problem;

  const trace = run?.trace;
  const states = useMemo(() => nodeRunStates(trace ?? []), [trace]);
  const decorations = useMemo<Decorations>(() => {
    const statusByNode = new Map<string, TraceStatus>(
      [...states].map(([nodeId, state]) => [nodeId, state.status]),
    );
    return { statusByNode, takenEdges: definition ? traversedEdges(definition, trace ?? []) : new Set() };
  }, [states, definition, trace]);

  if (error && !run)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (problem)
    return (
      <p role="alert" className="error">
        {problem}
      </p>
    );
  if (!run || !definition) return <p>Loading…</p>;

  const [selectedNode] = [...selection.nodes];
  const ended = run.closedAt ?? undefined;
  const took = ended ? formatDuration(Date.parse(ended) - Date.parse(run.startedAt)) : undefined;
  const cancel = () => {
    setCancelling(true);
    workflowApi
      .cancelRun(runId)
      .catch((caught: unknown) => setCancelProblem(describeError(caught)))
      .finally(() => setCancelling(false));
  };

  return (
    <ReactFlowProvider>
      <section className="wf-editor wf-editor--readonly" aria-label="Run viewer">
        <header className="wf-toolbar">
          <div className="wf-toolbar__title">
            <Link to={{ page: 'workflow', id }} className="eyebrow">
              Back to {definition.name}
            </Link>
            <h1>{run.title ?? `Run ${runId}`}</h1>
            <span className="meta">
              <RunStatusBadge status={run.status} /> version {run.version} · {run.trigger ?? 'unknown'}{' '}
              trigger · started {new Date(run.startedAt).toLocaleString()}
              {took ? ` · took ${took}` : ''}
            </span>
          </div>
          <div className="wf-toolbar__group">
            {run.temporalUrl && (
              <a className="button" href={run.temporalUrl} target="_blank" rel="noreferrer">
                Open in Temporal UI
              </a>
            )}
            {run.status === 'running' && (
              <button type="button" className="danger" onClick={cancel} disabled={cancelling}>
                Cancel run
              </button>
            )}
            <RecoveryActions
              run={run}
              selectedNode={selectedNode}
              onProblem={setCancelProblem}
              onRestarted={reload}
            />
          </div>
        </header>
        {run.traceError && run.trace.length === 0 && <p className="notice wf-notice">{run.traceError}</p>}
        <WaitingForNotice waits={run.waitingFor ?? []} />
        <ReadOnlyGraph
          definition={definition}
          selection={selection}
          decorations={decorations}
          onSelectionChange={setSelection}
        >
          {selectedNode !== undefined ? (
            <RunNodeDetails nodeId={selectedNode} state={states.get(selectedNode)} />
          ) : (
            <section className="wf-inspector" aria-label="Run">
              <h2>Run</h2>
              <p className="meta">Select a node to see its input, output and timing in this run.</p>
              {run.record && (
                <p>
                  About <RecordLink record={run.record} />
                </p>
              )}
              <RunRecords runId={runId} refreshKey={`${run.status}:${run.trace.length}`} />
              <JsonDetails label="Input" value={run.input} />
              <JsonDetails label="Result" value={run.result ?? undefined} />
              {run.error && (
                <p className="error">
                  {run.error.type}: {run.error.message}
                </p>
              )}
            </section>
          )}
        </ReadOnlyGraph>
      </section>
    </ReactFlowProvider>
  );
}
