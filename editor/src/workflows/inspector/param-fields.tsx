import { getDefaultRegistry } from '@rjsf/core';
import type { Field, FieldProps, RegistryFieldsType } from '@rjsf/utils';
import { isExpression } from '../model/core';
import { CredentialPickerField } from './credential-field';
import { ExpressionInput, toExpression } from './expression-field';
import type { ParamsFormContext } from './form-context';
import { FormBuilderField } from './form-builder-field';
import { JsonField } from './json-field';
import { RecordFieldsField } from './record-fields-field';
import { ReportPickerField } from '../../reports/report-picker-field';

function isLiteralOnly(schema: FieldProps['schema']): boolean {
  return (schema as { 'x-literal'?: boolean })['x-literal'] === true;
}

/**
 * A condition (an If's, a Switch case's, a Wait's): almost always an expression over the data, so
 * an unset one opens as an expression rather than as a checkbox.
 */
function isCondition(schema: FieldProps['schema'], name: string): boolean {
  return schema.type === 'boolean' && (name === 'condition' || schema.title === 'Condition');
}

/**
 * Wraps one of rjsf's fields with the expression mode: a value starting with `=` is edited as an
 * expression; otherwise the usual input is shown with a `=` button that turns it into one. Params
 * marked `x-literal` (read before any run exists) have no expression mode.
 */
function expressionAware(Base: Field): Field {
  function ExpressionAwareField(props: FieldProps) {
    const { schema, fieldPathId, registry } = props;
    const formData: unknown = props.formData;
    if (isLiteralOnly(schema)) return <Base {...props} />;
    const id = fieldPathId.$id;
    const label = props.title ?? schema.title ?? props.name;
    const context = registry.formContext as ParamsFormContext | undefined;
    const change = (value: unknown) => props.onChange(value, fieldPathId.path);
    const condition = isCondition(schema, props.name);
    const expressionFirst = formData === undefined && condition;
    if (isExpression(formData) || expressionFirst) {
      const showLabel = !registry.schemaUtils.getDisplayLabel(
        schema,
        props.uiSchema,
        registry.globalUiOptions,
      );
      return (
        <ExpressionInput
          id={id}
          label={label}
          value={expressionFirst ? '=' : (formData as string)}
          nodeId={context?.nodeId}
          showLabel={showLabel}
          // The user typed "=" into the plain input, which is being replaced: keep typing here.
          autoFocus={typeof document !== 'undefined' && document.activeElement?.id === id}
          readOnly={Boolean(props.readonly || props.disabled)}
          {...(schema.type === 'boolean' ? { fixedDefault: false } : {})}
          // An emptied condition is no condition (an optional one is then simply not set).
          onChange={(value) => change(condition && value === '=' ? undefined : value)}
        />
      );
    }
    return (
      <div className="wf-param">
        <div className="wf-param__input">
          <Base {...props} />
        </div>
        {!props.readonly && !props.disabled && (
          <button
            type="button"
            className="wf-mode"
            aria-label={`Use an expression for ${label}`}
            title="Use an expression (JSONata)"
            onClick={() => change(toExpression(formData))}
          >
            =
          </button>
        )}
      </div>
    );
  }
  ExpressionAwareField.displayName = `ExpressionAware(${Base.displayName ?? Base.name})`;
  return ExpressionAwareField;
}

const defaults = getDefaultRegistry().fields;

// rjsf's NumberField draws its input with the StringField, which brings the expression mode: a
// NumberField wrapped as well would show a second `=` button.

/** The params form's fields: rjsf's own with the expression mode, plus the JSON field. */
export const paramFields: RegistryFieldsType = {
  StringField: expressionAware(defaults.StringField!),
  NumberField: defaults.NumberField!,
  BooleanField: expressionAware(defaults.BooleanField!),
  ArrayField: expressionAware(defaults.ArrayField!),
  json: JsonField,
  recordFields: RecordFieldsField,
  formBuilder: FormBuilderField,
  credential: CredentialPickerField,
  report: ReportPickerField,
};
