import { systemFieldNames } from '../../../schemas/json-schema';
import { Link, navigate } from '../routing/use-route';
import { workflowApi } from '../workflows/workflow-api';
import type { AuditItem } from './audit-api';

function shown(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** Who made a change: a person by name, or the run that made it, opening the run viewer. */
export function AuditActor({ item }: { item: AuditItem }) {
  if (item.runId !== undefined) {
    const runId = item.runId;
    const open = () => {
      workflowApi
        .run(runId)
        .then((run) =>
          run.workflowId === null
            ? navigate(`/runs?q=${encodeURIComponent(runId)}`)
            : navigate({ page: 'run', id: run.workflowId, runId }),
        )
        .catch(() => navigate(`/runs?q=${encodeURIComponent(runId)}`));
    };
    return (
      <button type="button" className="link" onClick={open} title={runId}>
        run {runId.length > 24 ? `${runId.slice(0, 23)}…` : runId}
      </button>
    );
  }
  return <span title={item.actor.email ?? item.actor.userId}>{item.actor.name ?? item.actor.userId}</span>;
}

const bookkeeping = new Set<string>(systemFieldNames.filter((name) => name !== 'archived'));

/**
 * What changed: one line per field, old value to new. The record's bookkeeping fields are left out,
 * and so is `archived` on create; archiving and restoring show as `archived` changes.
 */
export function AuditDiff({ diff }: { diff: AuditItem['diff'] }) {
  const fields = Object.entries(diff).filter(
    ([field, change]) => !bookkeeping.has(field) && !(field === 'archived' && !('from' in change)),
  );
  if (fields.length === 0) return <span className="meta">no field changes</span>;
  return (
    <ul className="audit-diff">
      {fields.map(([field, change]) => (
        <li key={field}>
          <code>{field}</code>: {'from' in change && <del>{shown(change.from)}</del>}
          {'from' in change && 'to' in change && ' → '}
          {'to' in change && <ins>{shown(change.to)}</ins>}
        </li>
      ))}
    </ul>
  );
}

/** The record or resource an entry is about, linked when it is a record. */
export function AuditSubject({ item }: { item: AuditItem }) {
  if (item.resource.startsWith('entity:')) {
    const type = item.resource.slice('entity:'.length);
    return (
      <Link to={{ page: 'detail', type, id: item.resourceId }}>
        {type} {item.resourceId}
        {item.version === undefined ? '' : ` v${item.version}`}
      </Link>
    );
  }
  return (
    <span>
      {item.resource} {item.resourceId}
    </span>
  );
}

/** Entries of the trail as a table: when, who, what, and the changes. */
export function AuditTable({
  items,
  label,
  showSubject,
}: {
  items: AuditItem[];
  label: string;
  showSubject: boolean;
}) {
  return (
    <table className="records audit-table" aria-label={label}>
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Action</th>
          {showSubject && <th>Record</th>}
          <th>Changes</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-audit-id={item.id}>
            <td>{new Date(item.at).toLocaleString()}</td>
            <td>
              <AuditActor item={item} />
            </td>
            <td>
              {item.action}
              {!showSubject && item.version !== undefined && <span className="meta"> · v{item.version}</span>}
            </td>
            {showSubject && (
              <td>
                <AuditSubject item={item} />
              </td>
            )}
            <td>
              <AuditDiff diff={item.diff} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
