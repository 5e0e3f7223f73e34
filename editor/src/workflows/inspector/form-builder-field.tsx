import { useState } from 'react';
import Form from '@rjsf/core';
import type { FieldProps } from '@rjsf/utils';
import { serverValidator } from '../../entities/server-validator';
import { JsonField } from './json-field';
import {
  fieldKinds,
  formFields,
  formSchemaOf,
  newFieldName,
  type FieldKind,
  type FormField,
} from './form-schema-model';

const previewUi = { 'ui:submitButtonOptions': { norender: true } };

/** A default typed into the builder, as the field's kind stores it. */
function defaultOf(kind: FieldKind, text: string): unknown {
  if (text === '') return undefined;
  if (kind === 'number' || kind === 'integer') return Number.isNaN(Number(text)) ? undefined : Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
}

function FieldRow(props: {
  field: FormField;
  index: number;
  readOnly: boolean;
  onChange: (field: FormField) => void;
  onRemove: () => void;
}) {
  const { field, index, readOnly } = props;
  const set = (change: Partial<FormField>) => props.onChange({ ...field, ...change });
  const label = field.title || field.name;
  return (
    <fieldset className="wf-form-field" aria-label={`Form field ${index + 1}`}>
      <div className="wf-form-field__row">
        <label>
          Label
          <input
            value={field.title}
            readOnly={readOnly}
            onChange={(event) => set({ title: event.target.value })}
          />
        </label>
        <label>
          Key
          <input
            value={field.name}
            readOnly={readOnly}
            pattern="[A-Za-z_][A-Za-z0-9_]*"
            onChange={(event) => set({ name: event.target.value.replace(/[^A-Za-z0-9_]/g, '') })}
          />
        </label>
      </div>
      <div className="wf-form-field__row">
        <label>
          Type
          <select
            value={field.kind}
            disabled={readOnly}
            onChange={(event) => {
              const { default: _old, ...rest } = field;
              props.onChange({ ...rest, kind: event.target.value as FieldKind });
            }}
          >
            {fieldKinds.map(({ kind, label: kindLabel }) => (
              <option key={kind} value={kind}>
                {kindLabel}
              </option>
            ))}
          </select>
        </label>
        <label>
          Default
          {field.kind === 'boolean' ? (
            <select
              value={typeof field.default === 'boolean' ? String(field.default) : ''}
              disabled={readOnly}
              onChange={(event) => set({ default: defaultOf(field.kind, event.target.value) })}
            >
              <option value="">none</option>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input
              type={
                field.kind === 'number' || field.kind === 'integer'
                  ? 'number'
                  : field.kind === 'date'
                    ? 'date'
                    : 'text'
              }
              value={
                typeof field.default === 'string' || typeof field.default === 'number' ? field.default : ''
              }
              readOnly={readOnly}
              onChange={(event) => set({ default: defaultOf(field.kind, event.target.value) })}
            />
          )}
        </label>
        <label className="wf-form-field__check">
          <input
            type="checkbox"
            checked={field.required}
            disabled={readOnly}
            onChange={(event) => set({ required: event.target.checked })}
          />
          Required
        </label>
      </div>
      {field.kind === 'choice' && (
        <label className="wf-form-field__choices">
          Choices (one per line)
          <textarea
            rows={Math.max(2, field.choices.length)}
            value={field.choices.join('\n')}
            readOnly={readOnly}
            onChange={(event) => set({ choices: event.target.value.split('\n') })}
          />
        </label>
      )}
      {!readOnly && (
        <button type="button" className="danger" aria-label={`Remove ${label}`} onClick={props.onRemove}>
          Remove
        </button>
      )}
    </fieldset>
  );
}

/**
 * The form a person fills in at a human step, built visually: fields with a label, key, type,
 * required flag, choices and default, and a live preview of the form as the inbox will show it. It
 * writes the param's JSON Schema; **Edit as JSON** shows that schema for experts, and a schema the
 * builder cannot express (patterns, nested objects) stays in JSON.
 */
export function FormBuilderField(props: FieldProps) {
  const formData: unknown = props.formData;
  const fields = formFields(formData);
  const [asJson, setAsJson] = useState(false);
  const label = props.title ?? props.schema.title ?? props.name;
  const readOnly = Boolean(props.readonly || props.disabled);
  if (fields === undefined || asJson || typeof formData === 'string') {
    return (
      <div className="wf-form-builder">
        <JsonField {...props} />
        {fields !== undefined && typeof formData !== 'string' ? (
          <button type="button" onClick={() => setAsJson(false)}>
            Edit with the form builder
          </button>
        ) : (
          <p className="meta">This form uses JSON Schema the builder does not offer; edit it as JSON.</p>
        )}
      </div>
    );
  }
  const write = (next: FormField[]) =>
    props.onChange(next.length === 0 ? undefined : formSchemaOf(next), props.fieldPathId.path);
  return (
    <div className="wf-form-builder" role="group" aria-label={`${label} builder`}>
      <div className="wf-form-builder__head">
        <span className="control-label">{label}</span>
        <button type="button" onClick={() => setAsJson(true)}>
          Edit as JSON
        </button>
      </div>
      {props.schema.description && <p className="field-description">{props.schema.description}</p>}
      {fields.map((field, index) => (
        <FieldRow
          key={index}
          field={field}
          index={index}
          readOnly={readOnly}
          onChange={(changed) => write(fields.map((other, at) => (at === index ? changed : other)))}
          onRemove={() => write(fields.filter((_, at) => at !== index))}
        />
      ))}
      {!readOnly && (
        <button
          type="button"
          onClick={() =>
            write([
              ...fields,
              { name: newFieldName(fields), title: '', kind: 'text', required: false, choices: [] },
            ])
          }
        >
          Add field
        </button>
      )}
      {fields.length > 0 && (
        <div className="wf-form-builder__preview" aria-label="Form preview" role="region">
          <span className="meta">Preview</span>
          <Form
            className="entity-form"
            schema={formSchemaOf(fields)}
            uiSchema={previewUi}
            validator={serverValidator}
            idPrefix={`preview-${props.fieldPathId.$id}`}
            // Inside the params form: a form element may not hold another.
            tagName="div"
            noHtml5Validate
          />
        </div>
      )}
    </div>
  );
}
