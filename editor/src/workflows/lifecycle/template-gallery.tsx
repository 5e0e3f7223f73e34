import { useEffect, useState } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { errorMessage } from '../../api/api-client';
import { entityButtonTemplates } from '../../entities/form-buttons';
import { serverValidator } from '../../entities/server-validator';
import { describeError, workflowApi, type TemplateSummary } from '../workflow-api';
import { formErrors } from './form-errors';

/**
 * The templates of `GET /api/templates` as cards. Installing one creates a workflow from it; a
 * template with a params schema first asks for its params in a form generated from that schema.
 */
export function TemplateGallery({ onInstalled }: { onInstalled: (workflowId: string) => void }) {
  const [templates, setTemplates] = useState<TemplateSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [asking, setAsking] = useState<TemplateSummary | undefined>();

  useEffect(() => {
    let live = true;
    workflowApi
      .templates()
      .then((items) => live && setTemplates(items))
      .catch((error: unknown) => live && setProblem(errorMessage(error)));
    return () => {
      live = false;
    };
  }, []);

  const install = (template: TemplateSummary) => {
    if (template.paramsSchema) {
      setAsking(template);
      return;
    }
    setProblem(undefined);
    workflowApi
      .installTemplate(template.name)
      .then((workflow) => onInstalled(workflow._id))
      .catch((error: unknown) => setProblem(`Not installed. ${describeError(error)}`));
  };

  return (
    <section className="wf-templates" aria-labelledby="templates-title">
      <h2 id="templates-title">Start from a template</h2>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {templates?.length === 0 && <p className="meta">No templates are installed.</p>}
      <ul className="wf-template-cards">
        {templates?.map((template) => (
          <li key={template.name} className="wf-template-card">
            <h3>{template.title}</h3>
            <p>{template.description}</p>
            <button type="button" onClick={() => install(template)} aria-label={`Install ${template.title}`}>
              Install
            </button>
          </li>
        ))}
      </ul>
      {asking && (
        <TemplateParamsDialog
          template={asking}
          onInstalled={onInstalled}
          onClose={() => setAsking(undefined)}
        />
      )}
    </section>
  );
}

function TemplateParamsDialog(props: {
  template: TemplateSummary;
  onInstalled: (workflowId: string) => void;
  onClose: () => void;
}) {
  const [params, setParams] = useState<unknown>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [installing, setInstalling] = useState(false);
  const submit = (value: unknown) => {
    setInstalling(true);
    setProblem(undefined);
    workflowApi
      .installTemplate(props.template.name, value)
      .then((workflow) => props.onInstalled(workflow._id))
      .catch((error: unknown) => {
        const { extraErrors: fieldErrors, message } = formErrors(error, 'params');
        setExtraErrors(fieldErrors);
        setProblem(message);
      })
      .finally(() => setInstalling(false));
  };
  return (
    <div className="wf-dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="template-params-title" className="wf-dialog">
        <h2 id="template-params-title">Install {props.template.title}</h2>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <Form
          className="entity-form"
          schema={props.template.paramsSchema as RJSFSchema}
          validator={serverValidator}
          templates={{ ButtonTemplates: entityButtonTemplates }}
          formData={params}
          extraErrors={extraErrors}
          showErrorList={false}
          disabled={installing}
          onChange={(event) => setParams(event.formData)}
          onSubmit={(event) => submit(event.formData)}
        >
          <div className="actions">
            <button type="submit" disabled={installing}>
              Install
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
