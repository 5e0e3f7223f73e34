import { useState } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import { ApiError, errorMessage, type ApiErrorDetail } from '../api/api-client';
import { entityButtonTemplates } from '../entities/form-buttons';
import { serverErrorSchema } from '../entities/form-schema';
import { serverValidator } from '../entities/server-validator';
import { formWithoutComment } from './comment-field';
import { completeTask, type Task } from './task-api';

type FormData = Record<string, unknown>;

interface Problems {
  /** Errors under the form's fields, from the `data.<field>` paths of a 400. */
  fields?: ErrorSchema;
  comment?: string;
  general?: string;
}

/** The summary above the form when every problem sits under its field. */
const correctTheFields = 'Please correct the marked fields.';

// The buttons below the comment decide; the form's own submit button would be a second way to.
const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

/**
 * Splits a rejected completion's details: `data.<path>` go under the form's fields, `comment` under
 * the comment, anything else (the outcome, the whole data) above the form.
 */
export function completionProblems(error: ApiError): Problems {
  const data: ApiErrorDetail[] = [];
  const general: string[] = [];
  let comment: string | undefined;
  for (const detail of error.details) {
    // A form's own comment field is the Comment box (see comment-field.ts).
    if (detail.path === 'comment' || detail.path === 'data.comment') comment = `Comment ${detail.message}`;
    else if (detail.path.startsWith('data.') || detail.path.startsWith('data/')) {
      data.push({ path: detail.path.slice('data.'.length), message: detail.message });
    } else general.push(detail.path === '' ? detail.message : `${detail.path} ${detail.message}`);
  }
  const fields = serverErrorSchema(data);
  const rest = [...fields.general, ...general];
  return {
    ...(data.length > 0 ? { fields: fields.errors } : {}),
    ...(comment === undefined ? {} : { comment }),
    // When every problem sits under its field, the fields say it better than the summary.
    general:
      rest.length === 0 && (data.length > 0 || comment !== undefined)
        ? correctTheFields
        : [error.message, ...rest].join('. '),
  };
}

/** The field errors left once the user changed some fields: those of the unchanged ones. */
function withoutChanged(fields: ErrorSchema | undefined, before: FormData, after: FormData) {
  if (fields === undefined) return undefined;
  const kept = Object.entries(fields).filter(
    ([field]) => JSON.stringify(before[field]) === JSON.stringify(after[field]),
  );
  return kept.length === 0 ? undefined : (Object.fromEntries(kept) as ErrorSchema);
}

/**
 * The open task's form (rjsf, from the task's form schema), a comment, and Approve / Reject for an
 * approval or Submit for a task. The server validates the data against the same schema (the
 * Content-Security-Policy forbids compiling schemas in the browser) and its 400 details land under
 * their fields.
 */
export function TaskDecisionForm(props: {
  task: Task;
  onCompleted: (task: Task) => void;
  /** Called after a 409: someone else completed the task or the run ended meanwhile. */
  onStale: () => void;
}) {
  const { task, onCompleted } = props;
  const [formData, setFormData] = useState<FormData>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const form = formWithoutComment(task.formSchema);

  const decide = (outcome: string) => {
    setBusy(true);
    setProblems({});
    const text = comment.trim();
    completeTask(task._id, {
      outcome,
      data: form.commentInData && text !== '' ? { ...formData, comment: text } : formData,
      ...(text === '' ? {} : { comment: text }),
    })
      .then(onCompleted)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 400) setProblems(completionProblems(error));
        else setProblems({ general: errorMessage(error) });
        if (error instanceof ApiError && error.status === 409) props.onStale();
      })
      .finally(() => setBusy(false));
  };

  const outcomes =
    task.kind === 'approval'
      ? [
          { outcome: 'approved', label: 'Approve', className: 'approve' },
          { outcome: 'rejected', label: 'Reject', className: 'danger' },
        ]
      : [{ outcome: 'completed', label: 'Submit', className: 'approve' }];

  return (
    <section className="task-decision" aria-label={task.kind === 'approval' ? 'Decision' : 'Form'}>
      {problems.general && (
        <div role="alert" className="error" data-testid="task-error">
          {problems.general}
        </div>
      )}
      {form.schema !== undefined && Object.keys(form.schema.properties ?? {}).length > 0 && (
        <Form
          className="entity-form task-form"
          schema={form.schema}
          uiSchema={uiSchema}
          validator={serverValidator}
          templates={{ ButtonTemplates: entityButtonTemplates }}
          formData={formData}
          extraErrors={problems.fields}
          showErrorList={false}
          // Required fields are checked by the server, whose message then shows under the field.
          noHtml5Validate
          disabled={busy}
          onChange={(event) => {
            const next = (event.formData ?? {}) as FormData;
            setProblems((current) => {
              const fields = withoutChanged(current.fields, formData, next);
              const settled = fields === undefined && current.comment === undefined;
              return {
                ...current,
                fields,
                general: settled && current.general === correctTheFields ? undefined : current.general,
              };
            });
            setFormData(next);
          }}
          // Enter in a field submits a task; an approval needs a deliberate click.
          onSubmit={() => task.kind === 'task' && decide('completed')}
        />
      )}
      <label className="comment-field">
        Comment
        <textarea
          value={comment}
          rows={3}
          maxLength={4000}
          disabled={busy}
          aria-invalid={problems.comment !== undefined}
          onChange={(event) => {
            setComment(event.target.value);
            setProblems(({ comment: _fixed, ...current }) => current);
          }}
        />
      </label>
      {problems.comment && <p className="field-error">{problems.comment}</p>}
      <div className="decision-buttons">
        {outcomes.map((choice) => (
          <button
            key={choice.outcome}
            type="button"
            className={choice.className}
            disabled={busy}
            onClick={() => decide(choice.outcome)}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </section>
  );
}
