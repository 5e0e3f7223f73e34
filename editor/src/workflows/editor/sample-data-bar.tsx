import type { RunSummary } from '../workflow-api';
import type { SampleDataState } from './use-sample-data';

/** Chooses what expression previews evaluate against, and edits a manual trigger's sample input. */
export function SampleDataBar({ state, runs }: { state: SampleDataState; runs: readonly RunSummary[] }) {
  const value = state.choice.kind === 'run' ? `run:${state.choice.runId}` : 'trigger';
  return (
    <section className="wf-sample" aria-label="Preview data">
      <label>
        Preview data
        <select
          value={value}
          onChange={(event) => {
            const selected = event.target.value;
            state.setChoice(
              selected === 'trigger' ? { kind: 'trigger' } : { kind: 'run', runId: selected.slice(4) },
            );
          }}
        >
          <option value="trigger">Trigger sample</option>
          {runs.map((run) => (
            <option key={run.runId} value={`run:${run.runId}`}>
              Run {new Date(run.startedAt).toLocaleString()} ({run.status})
            </option>
          ))}
        </select>
      </label>
      {state.choice.kind === 'trigger' && state.inputText !== undefined && (
        <details>
          <summary>Sample input</summary>
          <textarea
            aria-label="Sample input"
            className="wf-json__input"
            rows={5}
            spellCheck={false}
            value={state.inputText}
            onChange={(event) => state.setInputText(event.target.value)}
          />
        </details>
      )}
      <p className="meta" data-testid="sample-source">
        {state.sample ? `Previews use: ${state.sample.label}` : state.note}
      </p>
    </section>
  );
}
