import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, navigate } from '../../routing/use-route';
import { parseDefinitionFile } from '../model/definition-file';
import { describeError, workflowApi, type WorkflowSummary } from '../workflow-api';
import { JsonFileButton } from './file-button';
import { TemplateGallery } from './template-gallery';

/**
 * Every workflow, most recently edited first, with what is published; create one (empty, from a
 * file or from a template), open one in the editor, or delete one.
 */
export function WorkflowListPage() {
  const [items, setItems] = useState<WorkflowSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [name, setName] = useState('');

  const load = useCallback(() => {
    workflowApi
      .list()
      .then(setItems)
      .catch((error: unknown) => setProblem(describeError(error)));
  }, []);
  useEffect(() => {
    const first = setTimeout(load, 0);
    return () => clearTimeout(first);
  }, [load]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    workflowApi
      .create({ name: name.trim(), nodes: [], edges: [] })
      .then((created) => navigate({ page: 'workflow', id: created._id }))
      .catch((error: unknown) => setProblem(`Not created. ${describeError(error)}`));
  };

  const importFile = (file: File) => {
    setProblem(undefined);
    void file.text().then((text) => {
      const parsed = parseDefinitionFile(text);
      if ('problem' in parsed) {
        setProblem(parsed.problem);
        return;
      }
      workflowApi
        .create(parsed.definition)
        .then((created) => navigate({ page: 'workflow', id: created._id }))
        .catch((error: unknown) => setProblem(`Not imported. ${describeError(error)}`));
    });
  };

  const remove = (workflow: WorkflowSummary) => {
    if (!window.confirm(`Delete “${workflow.name}”? It is unpublished; runs in progress go on.`)) return;
    workflowApi
      .archive(workflow._id, workflow.revision)
      .then(load)
      .catch((error: unknown) => setProblem(describeError(error)));
  };

  return (
    <section className="page" aria-labelledby="workflows-title">
      <header className="page-header">
        <h1 id="workflows-title">Workflows</h1>
        <div className="actions">
          <JsonFileButton label="Import JSON" inputLabel="Import workflow file" onFile={importFile} />
        </div>
      </header>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <form className="filters" onSubmit={create} aria-label="New workflow">
        <label>
          New workflow name
          <input value={name} required maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit">Create workflow</button>
      </form>
      <table className="records" aria-label="Workflows">
        <thead>
          <tr>
            <th>Name</th>
            <th>Published</th>
            <th>Last edited</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items?.map((workflow) => (
            <tr key={workflow._id}>
              <td>
                <Link to={{ page: 'workflow', id: workflow._id }}>{workflow.name}</Link>
                {workflow.description && <div className="meta">{workflow.description}</div>}
              </td>
              <td>
                {workflow.publishedVersion === undefined
                  ? 'Draft only'
                  : `Version ${workflow.publishedVersion}`}
              </td>
              <td>{new Date(workflow.updatedAt).toLocaleString()}</td>
              <td>
                <button
                  type="button"
                  className="danger"
                  onClick={() => remove(workflow)}
                  aria-label={`Delete ${workflow.name}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {items?.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                No workflows yet. Create one, import a file or start from a template.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {!items && !problem && <p>Loading…</p>}
      <TemplateGallery onInstalled={(id) => navigate({ page: 'workflow', id })} />
    </section>
  );
}
