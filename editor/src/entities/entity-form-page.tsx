import { useEffect, useMemo, useState } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { deriveInputSchema, stripReadOnly } from '../../../schemas/input-schema';
import type { EntityMeta } from '../../../schemas/entity-metadata';
import { api, ApiError, errorMessage } from '../api/api-client';
import { Link, navigate } from '../routing/use-route';
import {
  entityUrl,
  forgetTitle,
  getEntity,
  patchEntity,
  type EntityDoc,
  type PossibleDuplicate,
} from './entity-api';
import {
  createMergePatch,
  editFormSchema,
  entityUiSchema,
  optionalObjectsRelaxed,
  serverErrorSchema,
  statusLimited,
  withoutEmptyObjects,
} from './form-schema';
import { entityButtonTemplates } from './form-buttons';
import { entityWidgets, type EntityFormContext } from './form-widgets';
import { serverValidator } from './server-validator';
import { useEntityType } from './schema-context';
import { useSession } from '../auth/session';
import { useContextPrefill } from './use-context-prefill';

type FormData = Record<string, unknown>;

interface Problem {
  message: string;
  stale?: boolean;
}

/**
 * Creates (no `id`) or edits a record with a form generated from its schema. Create leaves out every
 * read-only field, and `from` (`invoice:<id>`) fills it in from the record it is made for; edit shows
 * computed ones disabled and sends only what changed, guarded by If-Match.
 */
export function EntityFormPage({
  type,
  id,
  initial,
  from,
}: {
  type: string;
  id?: string;
  initial?: FormData;
  from?: string;
}) {
  const description = useEntityType(type);
  const { user } = useSession();
  const [original, setOriginal] = useState<EntityDoc | undefined>();
  const [formData, setFormData] = useState<FormData>(initial ?? {});
  const context = useContextPrefill(id === undefined ? description : undefined, from, (values) =>
    setFormData((current) => ({ ...current, ...unfilled(values, current) })),
  );
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [saving, setSaving] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);

  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    getEntity(type, id)
      .then((doc) => {
        if (!live) return;
        setOriginal(doc);
        setFormData(doc);
      })
      .catch((error: unknown) => live && setProblem({ message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [type, id, reloadCount]);

  const schemas = useMemo(() => {
    if (!description) return undefined;
    const base =
      id === undefined ? deriveInputSchema(description.schema) : editFormSchema(description.schema);
    const schema = statusLimited(
      optionalObjectsRelaxed(base),
      description.meta,
      description.meta.status ? original?.[description.meta.status.field] : undefined,
      user?.roles ?? [],
    );
    return { schema: schema as unknown as RJSFSchema, ui: entityUiSchema(description.schema) };
  }, [description, id, original, user]);

  if (!description || !schemas) return <p>Loading…</p>;
  if (id !== undefined && !original) return problem ? <p role="alert">{problem.message}</p> : <p>Loading…</p>;

  const label = description.meta.label;
  const formContext: EntityFormContext = {
    currency: typeof formData.currency === 'string' ? formData.currency : undefined,
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      const { errors, general } = serverErrorSchema(error.details);
      setExtraErrors(error.details.length > general.length ? errors : undefined);
      if (error.status === 412) {
        setProblem({
          stale: true,
          message:
            'Someone else changed this record since you opened it. Reload to get their version; then apply your change again.',
        });
      } else {
        setProblem({ message: [error.message, ...general].join(' ') });
      }
    } else {
      setProblem({ message: errorMessage(error) });
    }
  };

  const submit = (data: FormData) => {
    setSaving(true);
    setProblem(undefined);
    setExtraErrors(undefined);
    const writable = withoutEmptyObjects(stripReadOnly(description.schema, data).value as FormData);
    const request =
      id === undefined || original === undefined
        ? api<EntityDoc & { possibleDuplicates?: PossibleDuplicate[] }>(entityUrl(type), {
            method: 'POST',
            body: writable,
          }).then((created) => {
            const duplicates = created.possibleDuplicates ?? [];
            navigate({ page: 'detail', type, id: created._id }, { state: { duplicates } });
          })
        : saveEdit(type, original, writable);
    request.catch(fail).finally(() => setSaving(false));
  };

  const saveEdit = async (entityType: string, before: EntityDoc, writable: FormData) => {
    const patch = createMergePatch(stripReadOnly(description.schema, before).value, writable);
    if (patch !== undefined) await patchEntity(entityType, before._id, before.version, patch);
    forgetTitle(entityType, before._id);
    navigate({ page: 'detail', type: entityType, id: before._id });
  };

  return (
    <section className="page" aria-labelledby="form-title">
      <header className="page-header">
        <h1 id="form-title">
          {id === undefined ? `New ${label.toLowerCase()}` : `Edit ${label.toLowerCase()}`}
        </h1>
        <Link to={id === undefined ? { page: 'list', type } : { page: 'detail', type, id }}>Cancel</Link>
      </header>
      {context && (
        <p className="meta" data-testid="form-context">
          For{' '}
          <Link to={{ page: 'detail', type: context.type, id: context.id }}>
            {context.title ?? `${context.type} ${context.id}`}
          </Link>
          {context.problem && <span className="error"> {context.problem}</span>}
        </p>
      )}
      {problem && (
        <div role="alert" className="error" data-testid="form-error">
          {problem.message}
          {problem.stale && (
            <button type="button" onClick={() => setReloadCount((n) => n + 1)}>
              Reload
            </button>
          )}
        </div>
      )}
      <Form
        className="entity-form"
        schema={schemas.schema}
        uiSchema={schemas.ui}
        validator={serverValidator}
        widgets={entityWidgets}
        templates={{ ButtonTemplates: entityButtonTemplates }}
        formContext={formContext}
        formData={knownFields(formData, description.schema.properties)}
        extraErrors={extraErrors}
        showErrorList={false}
        experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults' }}
        disabled={saving}
        onChange={(event) => {
          const next = event.formData as FormData;
          setFormData(next);
          inheritCurrency(description.meta.refs, formData, next, setFormData);
        }}
        onSubmit={(event) => submit(event.formData as FormData)}
      />
    </section>
  );
}

/** The values for fields the form has not filled yet: what the user typed, or the URL gave, wins. */
function unfilled(values: FormData, current: FormData): FormData {
  return Object.fromEntries(
    Object.entries(values).filter(([key]) => current[key] === undefined || current[key] === ''),
  );
}

// Prefilled values arrive from the URL (`?accountId=`); only the type's own fields may reach the form.
function knownFields(data: FormData, properties: Readonly<Record<string, unknown>>): FormData {
  return Object.fromEntries(Object.entries(data).filter(([key]) => key in properties));
}

/**
 * A new document takes its currency from the record it is for: picking an account on an empty quote
 * fills in the account's currency. A currency the user typed meanwhile wins.
 */
function inheritCurrency(
  refs: EntityMeta['refs'],
  before: FormData,
  after: FormData,
  update: (change: (current: FormData) => FormData) => void,
): void {
  if (after.currency !== undefined && after.currency !== '') return;
  const changed = refs.find(
    (ref) =>
      !ref.path.includes('.') && typeof after[ref.path] === 'string' && after[ref.path] !== before[ref.path],
  );
  if (!changed) return;
  getEntity(changed.target, after[changed.path] as string)
    .then((record) => {
      if (typeof record.currency !== 'string') return;
      const currency = record.currency;
      update((current) => (current.currency ? current : { ...current, currency }));
    })
    .catch(() => undefined);
}
