import { useState, type FormEvent } from 'react';
import { entityTypeNames } from '../../../schemas/vocabulary';
import { AnySelect } from '../shell/any-select';
import { auditApi, emptyAuditFilter, type AuditFilter } from './audit-api';
import { AuditTable } from './audit-entries';
import { useTrail } from './use-trail';

/** The actions the trail records, offered as suggestions in the filter. */
const actions = [
  'entity.created',
  'entity.updated',
  'entity.deleted',
  'user.created',
  'user.updated',
  'user.roleChanged',
  'apiToken.created',
  'apiToken.deleted',
  'workflow.published',
  'workflow.unpublished',
  'workflow.archived',
  'workflow.webhookRotated',
  'run.retried',
  'run.restarted',
  'run.cancelled',
  'task.completed',
  'credential.created',
  'credential.rotated',
  'credential.deleted',
  'alert.subscribed',
  'alert.unsubscribed',
];

/**
 * The audit trail for admins and auditors: every change to records, users, tokens, workflows, runs
 * and credentials, newest first, filtered by who, which record or resource, what and when.
 */
export function AuditPage() {
  const [draft, setDraft] = useState<AuditFilter>(emptyAuditFilter);
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  const trail = useTrail(JSON.stringify(filter), (cursor) => auditApi.trail(filter, cursor));
  const field = (name: keyof AuditFilter) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  return (
    <section className="page audit-page" aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">Audit</h1>
      </header>
      <form className="filters" onSubmit={submit} aria-label="Audit filters">
        <label>
          Who (user id)
          <input {...field('actor')} />
        </label>
        <AnySelect label="Record type" options={entityTypeNames} {...field('entityType')} />
        <label>
          Record id
          <input {...field('entityId')} />
        </label>
        <AnySelect
          label="Other resource"
          options={['user', 'apiToken', 'workflow', 'run', 'task', 'credential', 'alertSubscription']}
          {...field('resource')}
        />
        <label>
          Action
          <input list="audit-actions" placeholder="e.g. entity.updated" {...field('action')} />
          <datalist id="audit-actions">
            {actions.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </label>
        <label>
          From
          <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          To
          <input type="datetime-local" {...field('to')} />
        </label>
        <button type="submit">Apply</button>
        <button
          type="button"
          onClick={() => {
            setDraft(emptyAuditFilter);
            setFilter(emptyAuditFilter);
          }}
        >
          Clear
        </button>
      </form>
      {trail.error && <p role="alert">{trail.error}</p>}
      {trail.items === undefined ? (
        <p>Loading…</p>
      ) : trail.items.length === 0 ? (
        <p className="meta">No entries match.</p>
      ) : (
        <AuditTable items={trail.items} label="Audit trail" showSubject />
      )}
      {trail.hasMore && (
        <button type="button" onClick={trail.more}>
          Older entries
        </button>
      )}
    </section>
  );
}
