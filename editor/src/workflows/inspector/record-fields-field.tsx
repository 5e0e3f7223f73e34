import { useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import type { JsonSchema } from '../../../../schemas/json-schema';
import { useEntityType } from '../../entities/schema-context';
import { isExpression } from '../model/core';
import { ExpressionInput, toExpression } from './expression-field';
import type { ParamsFormContext } from './form-context';
import { JsonField } from './json-field';

type Values = Record<string, unknown>;

/** A fixed value's input, by the field's schema: a choice list, a checkbox, a number or text. */
function LiteralInput(props: {
  id: string;
  label: string;
  schema: JsonSchema;
  value: unknown;
  readOnly: boolean;
  onChange: (value: unknown) => void;
}) {
  const { id, label, schema, value, readOnly, onChange } = props;
  if (schema.enum)
    return (
      <select
        id={id}
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">—</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  if (schema.type === 'boolean')
    return (
      <input
        id={id}
        aria-label={label}
        type="checkbox"
        checked={value === true}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  if (schema.type === 'integer' || schema.type === 'number')
    return (
      <input
        id={id}
        aria-label={label}
        type="number"
        value={typeof value === 'number' ? value : ''}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    );
  if (schema.type === 'string' || schema.type === undefined)
    return (
      <input
        id={id}
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        readOnly={readOnly}
        // Typing "=" first turns the value into an expression, as in every other param.
        onChange={(event) => onChange(event.target.value)}
      />
    );
  return (
    <input
      id={id}
      aria-label={label}
      value={value === undefined ? '' : JSON.stringify(value)}
      readOnly={readOnly}
      onChange={(event) => {
        try {
          onChange(JSON.parse(event.target.value) as unknown);
        } catch {
          // Kept as typed until it is JSON.
        }
      }}
    />
  );
}

/**
 * The record fields of an `entity.create` or `entity.update`, picked from the entity type's schema:
 * each chosen field is a fixed value (an input that fits its type) or an expression. Fields the
 * server computes are not offered. **Edit as JSON** shows the same object as JSON; without an entity
 * type, or with the whole param one expression, it is JSON only.
 */
export function RecordFieldsField(props: FieldProps) {
  const context = props.registry.formContext as ParamsFormContext | undefined;
  const entity = useEntityType(context?.entityType ?? '');
  const [asJson, setAsJson] = useState(false);
  const formData: unknown = props.formData;
  const label = props.title ?? props.schema.title ?? props.name;
  const readOnly = Boolean(props.readonly || props.disabled);
  const values: Values | undefined =
    formData === undefined
      ? {}
      : typeof formData === 'object' && formData !== null && !Array.isArray(formData)
        ? (formData as Values)
        : undefined;
  if (!entity || values === undefined || asJson) {
    return (
      <div className="wf-record-fields">
        <JsonField {...props} />
        {entity && values !== undefined && (
          <button type="button" onClick={() => setAsJson(false)}>
            Pick fields
          </button>
        )}
      </div>
    );
  }
  const properties = Object.entries(entity.schema.properties).filter(
    ([, schema]) => schema.readOnly !== true && schema['x-computed'] === undefined,
  );
  const write = (next: Values) =>
    props.onChange(Object.keys(next).length === 0 ? undefined : next, props.fieldPathId.path);
  const set = (name: string, value: unknown) => write({ ...values, [name]: value });
  const unused = properties.filter(([name]) => !(name in values));
  const id = props.fieldPathId.$id;
  return (
    <div className="wf-record-fields" role="group" aria-label={label}>
      <div className="wf-form-builder__head">
        <span className="control-label">
          {label}
          {props.required ? '*' : ''}
        </span>
        <button type="button" onClick={() => setAsJson(true)}>
          Edit as JSON
        </button>
      </div>
      {props.schema.description && <p className="field-description">{props.schema.description}</p>}
      {Object.entries(values).map(([name, value]) => {
        const schema = entity.schema.properties[name] ?? {};
        const fieldLabel = schema.title ?? name;
        const fieldId = `${id}-${name}`;
        return (
          <div key={name} className="wf-record-field">
            {isExpression(value) ? (
              <ExpressionInput
                id={fieldId}
                label={fieldLabel}
                value={value}
                nodeId={context?.nodeId}
                showLabel
                autoFocus={typeof document !== 'undefined' && document.activeElement?.id === fieldId}
                readOnly={readOnly}
                onChange={(next) => set(name, next)}
              />
            ) : (
              <div className="wf-param">
                <label className="wf-record-field__label" htmlFor={fieldId}>
                  {fieldLabel}
                </label>
                <div className="wf-param__input">
                  <LiteralInput
                    id={fieldId}
                    label={fieldLabel}
                    schema={schema}
                    value={value}
                    readOnly={readOnly}
                    onChange={(next) => set(name, next)}
                  />
                </div>
                {!readOnly && (
                  <button
                    type="button"
                    className="wf-mode"
                    aria-label={`Use an expression for ${fieldLabel}`}
                    title="Use an expression (JSONata)"
                    onClick={() => set(name, toExpression(value))}
                  >
                    =
                  </button>
                )}
              </div>
            )}
            {!readOnly && (
              <button
                type="button"
                className="wf-mode"
                aria-label={`Remove ${fieldLabel}`}
                onClick={() => {
                  const { [name]: _removed, ...rest } = values;
                  write(rest);
                }}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
      {!readOnly && unused.length > 0 && (
        <select
          aria-label={`Add a field to ${label}`}
          value=""
          onChange={(event) => {
            const name = event.target.value;
            const schema = entity.schema.properties[name];
            if (name)
              set(
                name,
                schema?.type === 'boolean'
                  ? false
                  : schema?.type === 'string' && !schema.enum
                    ? ''
                    : undefined,
              );
          }}
        >
          <option value="">Add a field…</option>
          {unused.map(([name, schema]) => (
            <option key={name} value={name}>
              {schema.title ?? name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
