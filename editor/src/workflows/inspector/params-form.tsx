import { useMemo } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { entityButtonTemplates } from '../../entities/form-buttons';
import { serverValidator } from '../../entities/server-validator';
import type { NodeTypeDescription, ValidationError, WorkflowNode } from '../model/core';
import { paramsErrorTree } from '../model/validation-index';
import type { ParamsFormContext } from './form-context';
import { paramFields } from './param-fields';
import { paramsUiSchema } from './params-ui-schema';

/**
 * Params with a form of their own instead of JSON text: a record's fields picked from its entity
 * schema, a human step's form built field by field, a stored credential or a report picked by name.
 */
const typedParams: Record<string, UiSchema> = {
  'entity.create': { data: { 'ui:field': 'recordFields' } },
  'entity.update': { changes: { 'ui:field': 'recordFields' } },
  'human.task': { formSchema: { 'ui:field': 'formBuilder' } },
  'human.approval': { formSchema: { 'ui:field': 'formBuilder' } },
  'http.request': { credentialId: { 'ui:field': 'credential' } },
  'report.run': { reportId: { 'ui:field': 'report' } },
};

const defaultFormState = { emptyObjectFields: 'skipDefaults', arrayMinItems: { populate: 'never' } } as const;
const templates = { ButtonTemplates: { ...entityButtonTemplates, SubmitButton: () => null } };

/**
 * A node's params form, generated from its type's params schema with rjsf. Validation is the
 * server's (see useValidation): its errors appear under the fields they name. Values may be
 * expressions wherever the schema does not say `x-literal`.
 */
export function ParamsForm(props: {
  node: WorkflowNode;
  description: NodeTypeDescription;
  errors: readonly ValidationError[];
  readOnly: boolean;
  onChange: (params: Record<string, unknown>) => void;
}) {
  const { node, description, errors, readOnly, onChange } = props;
  const schema = description.paramsSchema as RJSFSchema;
  const uiSchema = useMemo(
    () => ({ ...paramsUiSchema(description.paramsSchema), ...typedParams[description.type] }) as UiSchema,
    [description],
  );
  const extraErrors = useMemo(() => paramsErrorTree(errors) as ErrorSchema, [errors]);
  const entityType = typeof node.params.entityType === 'string' ? node.params.entityType : undefined;
  const formContext: ParamsFormContext = useMemo(
    () => ({ nodeId: node.id, ...(entityType && !entityType.startsWith('=') ? { entityType } : {}) }),
    [node.id, entityType],
  );
  if (Object.keys(schema.properties ?? {}).length === 0)
    return <p className="meta">This node has no settings.</p>;
  return (
    <Form
      className="entity-form wf-params"
      idPrefix={`params-${node.id}`}
      schema={schema}
      uiSchema={uiSchema}
      validator={serverValidator}
      fields={paramFields}
      templates={templates}
      formContext={formContext}
      formData={node.params}
      extraErrors={extraErrors}
      showErrorList={false}
      noHtml5Validate
      experimental_defaultFormStateBehavior={defaultFormState}
      readonly={readOnly}
      onChange={(event) => {
        const next = (event.formData ?? {}) as Record<string, unknown>;
        // rjsf reports its own normalisation as a change too; only real edits become undo steps.
        if (JSON.stringify(next) !== JSON.stringify(node.params)) onChange(next);
      }}
    />
  );
}
