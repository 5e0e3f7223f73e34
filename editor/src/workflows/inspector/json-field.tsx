import { useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { expressionSource, isExpression } from '../model/core';
import { ExpressionStatus } from './expression-field';
import type { ParamsFormContext } from './form-context';

function textOf(value: unknown): string {
  if (value === undefined) return '';
  if (isExpression(value)) return value;
  return JSON.stringify(value, null, 2);
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Reads what was typed: nothing is no value, `=…` is an expression, anything else must be JSON.
 * Plain text is accepted as a string where the schema allows one (an email's `to`), so a single
 * address needs no quotes.
 */
export function parseJsonText(text: string, acceptsText: boolean): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (trimmed.startsWith('=')) return { ok: true, value: trimmed };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (error: unknown) {
    if (acceptsText && !/^[[{"]/.test(trimmed)) return { ok: true, value: trimmed };
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}

function acceptsString(schema: FieldProps['schema']): boolean {
  const options = [schema, ...((schema.anyOf ?? schema.oneOf ?? []) as FieldProps['schema'][])];
  return options.some(
    (option) => option.type === 'string' || (Array.isArray(option.type) && option.type.includes('string')),
  );
}

/**
 * A free-form param (an object of field values, a JSON Schema, a request body) edited as JSON text,
 * in which any value may be an `=expression`, or the whole param one expression. The text is kept
 * while it does not parse, with the parse error beside it; the value changes once it parses.
 */
export function JsonField(props: FieldProps) {
  const { schema, fieldPathId, readonly, disabled, rawErrors } = props;
  const formData: unknown = props.formData;
  const [text, setText] = useState(() => textOf(formData));
  const [seen, setSeen] = useState<unknown>(formData);
  const [problem, setProblem] = useState<string | undefined>();
  const acceptsText = acceptsString(schema);
  // A change from outside (undo, paste, another field) replaces the text unless it means the same.
  if (seen !== formData) {
    setSeen(formData);
    const current = parseJsonText(text, acceptsText);
    if (!current.ok || JSON.stringify(current.value) !== JSON.stringify(formData)) {
      setText(textOf(formData));
      setProblem(undefined);
    }
  }
  const label = props.title ?? schema.title ?? props.name;
  const context = props.registry.formContext as ParamsFormContext | undefined;
  const id = fieldPathId.$id;
  const lines = text.split('\n').length;
  const source = expressionSource(formData);
  return (
    <div className="wf-json">
      <label className="control-label" htmlFor={id}>
        {label}
        {props.required ? '*' : ''}
      </label>
      {schema.description && <p className="field-description">{schema.description}</p>}
      <textarea
        id={id}
        className="wf-json__input"
        value={text}
        rows={Math.min(14, Math.max(2, lines))}
        spellCheck={false}
        readOnly={readonly || disabled}
        aria-invalid={problem !== undefined || (rawErrors?.length ?? 0) > 0}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const parsed = parseJsonText(next, acceptsText);
          if (parsed.ok) {
            setProblem(undefined);
            setSeen(parsed.value);
            props.onChange(parsed.value, fieldPathId.path);
          } else {
            setProblem(parsed.message);
          }
        }}
      />
      {problem && <p className="wf-expr__error">{problem}</p>}
      {source !== undefined && <ExpressionStatus source={source} nodeId={context?.nodeId} />}
    </div>
  );
}
