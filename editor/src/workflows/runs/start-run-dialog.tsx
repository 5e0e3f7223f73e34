import { useEffect, useState } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { errorMessage } from '../../api/api-client';
import { entityButtonTemplates } from '../../entities/form-buttons';
import { serverValidator } from '../../entities/server-validator';
import { formErrors } from '../lifecycle/form-errors';
import { exampleFromSchema } from '../model/sample-data';
import { workflowApi } from '../workflow-api';

type Loaded = { schema: RJSFSchema | undefined; version: number } | { problem: string };

/**
 * Starts a manual run of the published version with an input form generated from its
 * `trigger.manual` node's input schema (a JSON text box when there is none). The server checks
 * the input; its errors appear under their fields.
 */
export function StartRunDialog(props: {
  workflowId: string;
  publishedVersion: number;
  onStarted: (runId: string, input: unknown) => void;
  onClose: () => void;
}) {
  const { workflowId, publishedVersion } = props;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [input, setInput] = useState<unknown>({});
  const [text, setText] = useState('{}');
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let live = true;
    workflowApi
      .version(workflowId, publishedVersion)
      .then((version) => {
        if (!live) return;
        const start = version.definition.nodes.find(
          (node) => node.type === 'trigger.manual' && !node.disabled,
        );
        if (!start) {
          setLoaded({
            problem: `Version ${publishedVersion} has no manual trigger, so it cannot be started by hand.`,
          });
          return;
        }
        const schema = start.params.inputSchema as RJSFSchema | undefined;
        setLoaded({ schema, version: publishedVersion });
        const example = exampleFromSchema(schema) ?? {};
        setInput(example);
        setText(JSON.stringify(example, null, 2));
      })
      .catch((error: unknown) => live && setLoaded({ problem: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [workflowId, publishedVersion]);

  const start = (value: unknown) => {
    setStarting(true);
    setProblem(undefined);
    setExtraErrors(undefined);
    workflowApi
      .startRun(workflowId, value)
      .then((started) => props.onStarted(started.runId, value))
      .catch((error: unknown) => {
        const { extraErrors: fieldErrors, message } = formErrors(error, 'input');
        setExtraErrors(fieldErrors);
        setProblem(message);
      })
      .finally(() => setStarting(false));
  };

  const actions = (
    <div className="actions">
      <button type="submit" disabled={starting}>
        Start run
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );

  return (
    <div className="wf-dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="start-run-title" className="wf-dialog">
        <h2 id="start-run-title">Start a run of version {publishedVersion}</h2>
        {!loaded && <p>Loading…</p>}
        {loaded && 'problem' in loaded && <p className="error">{loaded.problem}</p>}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        {loaded && 'version' in loaded && loaded.schema && (
          <Form
            className="entity-form"
            schema={loaded.schema}
            validator={serverValidator}
            templates={{ ButtonTemplates: { ...entityButtonTemplates } }}
            formData={input}
            extraErrors={extraErrors}
            showErrorList={false}
            disabled={starting}
            onChange={(event) => setInput(event.formData)}
            onSubmit={(event) => start(event.formData)}
          >
            {actions}
          </Form>
        )}
        {loaded && 'version' in loaded && !loaded.schema && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              try {
                start(JSON.parse(text) as unknown);
              } catch (error: unknown) {
                setProblem(`The input is not valid JSON: ${(error as Error).message}`);
              }
            }}
          >
            <label className="wf-fields">
              Input (JSON)
              <textarea
                className="wf-json__input"
                rows={6}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            </label>
            {actions}
          </form>
        )}
        {loaded && 'problem' in loaded && (
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        )}
      </div>
    </div>
  );
}
