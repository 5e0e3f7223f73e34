import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { evaluateExpression, expressionSource, parseExpression } from '../model/core';
import { previewBindings } from '../model/sample-data';
import { ExpressionEditor } from './expression-editor';
import { usePreviewSource } from './sample-context';

/** How long typing pauses before the preview is evaluated. */
const previewDelayMs = 200;
/** Characters of a preview shown before it is cut. */
const previewChars = 2000;

function show(value: unknown): string {
  if (value === undefined) return 'undefined (no value)';
  const text = JSON.stringify(value, null, 2);
  return text.length > previewChars ? `${text.slice(0, previewChars)}…` : text;
}

type Preview = { key: string; value: string } | { key: string; error: string };

/**
 * The syntax check and live preview of one expression: a syntax error at once, with JSONata's
 * position; otherwise the value against the sample data (a trigger sample or a past run), evaluated
 * by the same bounded JSONata core the worker runs.
 */
export function ExpressionStatus({ source, nodeId }: { source: string; nodeId: string | undefined }) {
  const preview = usePreviewSource();
  const parsed = source.trim() === '' ? undefined : parseExpression(source);
  const [result, setResult] = useState<Preview | undefined>();
  const sample = preview?.sample;
  const definition = preview?.definition;
  const key = `${source}\u0000${nodeId ?? ''}`;
  const parses = parsed?.ok === true;

  useEffect(() => {
    if (!parses || !sample || !definition || nodeId === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      const bindings = previewBindings(sample, definition, nodeId, Date.now());
      evaluateExpression(source, bindings)
        .then((value) => live && setResult({ key, value: show(value) }))
        .catch((error: unknown) => live && setResult({ key, error: errorMessage(error) }));
    }, previewDelayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [parses, sample, definition, nodeId, source, key]);

  if (parsed === undefined)
    return <p className="wf-expr__hint">Type a JSONata expression, e.g. $trigger.entity.total &gt; 1000</p>;
  if (!parsed.ok) {
    return (
      <p className="wf-expr__error" role="alert">
        {parsed.error.message}
      </p>
    );
  }
  if (!sample)
    return <p className="wf-expr__hint">{preview?.note ?? 'No sample data to preview against.'}</p>;
  if (!result || result.key !== key) return <p className="wf-expr__hint">Evaluating…</p>;
  if ('error' in result) {
    return (
      <p className="wf-expr__error" data-testid="expression-preview-error">
        {result.error}
      </p>
    );
  }
  return (
    <div className="wf-expr__preview">
      <span className="meta">Preview ({sample.label})</span>
      <pre data-testid="expression-preview">{result.value}</pre>
    </div>
  );
}

/** The expression that stands for a fixed value: `12` → `=12`, `"text"` → `="text"`. */
export function toExpression(value: unknown): string {
  return value === undefined || value === '' ? '=' : `=${JSON.stringify(value)}`;
}

/** The literal an expression stands for when it is one (`=true`, `=12`, `="text"`), to go back to a fixed value. */
export function literalOf(source: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A param in expression mode: the JSONata source (without its `=`), its syntax check and live
 * preview, and a button back to a fixed value.
 */
export function ExpressionInput(props: {
  id: string;
  label: string;
  /** The whole param value, `=` included. */
  value: string;
  nodeId: string | undefined;
  showLabel: boolean;
  autoFocus: boolean;
  readOnly: boolean;
  /** The fixed value to go back to when the expression is not a literal (false for a condition). */
  fixedDefault?: unknown;
  onChange: (value: unknown) => void;
}) {
  const source = expressionSource(props.value) ?? '';
  return (
    <div className="wf-expr">
      {props.showLabel && (
        <label className="control-label" htmlFor={props.id}>
          {props.label}
        </label>
      )}
      <div className="wf-expr__row">
        <span className="wf-expr__badge" title="Expression (JSONata)">
          =
        </span>
        <ExpressionEditor
          id={props.id}
          label={props.label}
          value={source}
          autoFocus={props.autoFocus}
          readOnly={props.readOnly}
          onChange={(next) => props.onChange(`=${next}`)}
        />
        {!props.readOnly && (
          <button
            type="button"
            className="wf-mode"
            aria-label={`Use a fixed value for ${props.label}`}
            title="Use a fixed value"
            onClick={() => props.onChange(literalOf(source) ?? props.fixedDefault)}
          >
            Fixed
          </button>
        )}
      </div>
      <ExpressionStatus source={source} nodeId={props.nodeId} />
    </div>
  );
}
