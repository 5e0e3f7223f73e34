import type { ValidationError } from '../model/core';
import type { ValidationState } from './use-validation';

/**
 * The problems panel under the canvas: every error of the latest check, each a button that selects
 * the node or connection it is about. Publishing stays disabled while it lists anything.
 */
export function ValidationPanel({
  validation,
  onShow,
}: {
  validation: ValidationState;
  onShow: (error: ValidationError) => void;
}) {
  const { errors, status } = validation;
  const summary =
    status === 'failed'
      ? `Could not check the workflow: ${validation.message ?? ''}`
      : errors.length === 0
        ? status === 'checking'
          ? 'Checking…'
          : 'No problems. The workflow can be published.'
        : `${errors.length} problem${errors.length === 1 ? '' : 's'}${status === 'checking' ? ' (checking…)' : ''}`;
  return (
    <section className="wf-problems" aria-label="Problems">
      <h2
        data-testid="problems-summary"
        data-status={status}
        className={status === 'checked' && errors.length === 0 ? 'wf-problems__ok' : undefined}
      >
        {summary}
      </h2>
      {errors.length > 0 && (
        <ul>
          {errors.map((error, index) => (
            <li key={`${error.code}:${error.nodeId ?? ''}:${error.edgeId ?? ''}:${error.path}:${index}`}>
              <button type="button" className="wf-problem" onClick={() => onShow(error)}>
                <span className="wf-problem__where">{error.edgeId ?? error.nodeId ?? 'workflow'}</span>
                <span className="wf-problem__message">{error.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
