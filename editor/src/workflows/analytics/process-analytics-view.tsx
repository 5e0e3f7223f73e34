import { useMemo, useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { WorkflowCanvas, emptySelection, type Selection } from '../canvas/workflow-canvas';
import type { Decorations } from '../canvas/flow-mapping';
import { useVersion, useVersionList } from '../lifecycle/use-version';
import { rangeChoices, type RangeChoice } from './analytics-api';
import { AnalyticsTable } from './analytics-table';
import { heatOverlayCss } from './heat-overlay';
import { heatColors, heatLevels, heatMeasures, type HeatMeasure } from './heat-scale';
import { useProcessAnalytics, type RangeSelection } from './use-process-analytics';
import './analytics.css';

const noDecorations: Decorations = {};
const scope = '.wf-analytics-graph';

/**
 * The Analytics tab of the workflow editor: the graph of a chosen version as a heatmap of its runs
 * over a time range (node colour by runs reached, p90 duration or failure rate; edge width by the
 * share of runs taking the edge), with a legend and the same figures as tables beside it.
 */
export function ProcessAnalyticsView(props: {
  workflowId: string;
  publishedVersion: number | undefined;
  /** The editor's side-panel tabs, shown above the analytics controls. */
  tabs: ReactNode;
}) {
  const { workflowId } = props;
  const { versions, problem: versionsProblem } = useVersionList(workflowId);
  const [chosenVersion, setVersion] = useState<number | undefined>();
  const [range, setRange] = useState<RangeSelection>({ choice: '7d', customFrom: '', customTo: '' });
  const [measure, setMeasure] = useState<HeatMeasure>('runs');
  const [selection, setSelection] = useState<Selection>(emptySelection);

  const version = chosenVersion ?? props.publishedVersion ?? versions?.[0]?.version;
  const graph = useVersion(workflowId, version);
  const analytics = useProcessAnalytics(workflowId, version, range);
  const answer = analytics.answer?.version === version ? analytics.answer : undefined;
  const levels = useMemo(
    () => (answer ? heatLevels(answer.nodes, measure) : new Map<string, number>()),
    [answer, measure],
  );
  const overlay = useMemo(() => (answer ? heatOverlayCss(scope, answer, measure) : ''), [answer, measure]);
  const definition = graph.doc?.version === version ? graph.doc?.definition : undefined;

  return (
    <div className="wf-body wf-body--no-palette">
      <div className="wf-canvas wf-analytics-graph" aria-label="Analytics heatmap">
        <style>{overlay}</style>
        {definition ? (
          <ReactFlowProvider>
            <WorkflowCanvas
              key={version}
              definition={definition}
              selection={selection}
              decorations={noDecorations}
              readOnly
              onSelectionChange={setSelection}
            />
          </ReactFlowProvider>
        ) : (
          <p className="meta wf-analytics-empty">
            {version === undefined && versions !== undefined
              ? 'Publish the workflow to see how its runs go.'
              : 'Loading…'}
          </p>
        )}
      </div>
      <aside className="wf-side">
        {props.tabs}
        <section className="wf-list-panel wf-analytics" aria-label="Analytics">
          <h2>Analytics</h2>
          <div className="wf-analytics-controls">
            <label>
              Version
              <select
                value={version ?? ''}
                onChange={(event) => setVersion(Number(event.target.value))}
                disabled={!versions || versions.length === 0}
              >
                {(versions ?? []).map((item) => (
                  <option key={item.version} value={item.version}>
                    v{item.version}
                    {item.version === props.publishedVersion ? ' (published)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Time range
              <select
                value={range.choice}
                onChange={(event) => setRange({ ...range, choice: event.target.value as RangeChoice })}
              >
                {rangeChoices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
            {range.choice === 'custom' && (
              <>
                <label>
                  From
                  <input
                    type="datetime-local"
                    value={range.customFrom}
                    onChange={(event) => setRange({ ...range, customFrom: event.target.value })}
                  />
                </label>
                <label>
                  To
                  <input
                    type="datetime-local"
                    value={range.customTo}
                    onChange={(event) => setRange({ ...range, customTo: event.target.value })}
                  />
                </label>
              </>
            )}
            <label>
              Colour by
              <select value={measure} onChange={(event) => setMeasure(event.target.value as HeatMeasure)}>
                {heatMeasures.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Legend measure={measure} />
          {(versionsProblem ?? graph.problem ?? analytics.problem) && (
            <p role="alert" className="error">
              {versionsProblem ?? graph.problem ?? analytics.problem}
            </p>
          )}
          {answer && (
            <>
              <p className="meta" data-testid="analytics-summary" aria-live="polite">
                {answer.runs.total} run{answer.runs.total === 1 ? '' : 's'} closed: {answer.runs.completed}{' '}
                completed, {answer.runs.failed} failed, {answer.runs.cancelled} cancelled.
                {answer.durationSample.sampled &&
                  ` Durations from the ${answer.durationSample.runs} most recent runs.`}
              </p>
              <AnalyticsTable answer={answer} levels={levels} />
            </>
          )}
          {!answer && !analytics.problem && <p className="meta">Loading…</p>}
        </section>
      </aside>
    </div>
  );
}

function Legend(props: { measure: HeatMeasure }) {
  const label = heatMeasures.find((choice) => choice.value === props.measure)?.label ?? props.measure;
  return (
    <div className="wf-analytics-legend" aria-label={`Legend: ${label}, low to high`}>
      <span>Low</span>
      {heatColors.map((color, level) => (
        <span key={color} className="wf-analytics-swatch" style={{ background: color }} data-level={level} />
      ))}
      <span>High {label.toLowerCase()}</span>
      <span className="meta">Edge width: share of runs</span>
    </div>
  );
}
