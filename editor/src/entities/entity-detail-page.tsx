import { useEffect, useState } from 'react';
import { resolveLocalRef, systemFieldNames, type JsonSchema } from '../../../schemas/json-schema';
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
import { FieldValue, RefLink } from './field-value';
import { formatBasisPoints, humanize, toText } from './format';
import { useEntityType } from './schema-context';
import { mayMove } from '../../../schemas/status-moves';
import { useSession } from '../auth/session';
import { RecordRunsTab } from '../operations/record-runs-tab';
import { RecordHistoryTab } from '../audit/record-history-tab';
import { RecordWaits } from '../operations/record-waits';
import { RelatedDocuments } from './related-documents';

const systemFields = new Set<string>(systemFieldNames);

/**
 * One record: its fields, its lines and computed totals, its status with the moves the schema allows,
 * its related documents, and archive. Possible duplicates found on create arrive in the history entry's state.
 */
export function EntityDetailPage({ type, id }: { type: string; id: string }) {
  const description = useEntityType(type);
  const { user } = useSession();
  const [doc, setDoc] = useState<EntityDoc | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'details' | 'runs' | 'history'>('details');
  const duplicates = (window.history.state as { duplicates?: PossibleDuplicate[] } | null)?.duplicates ?? [];

  useEffect(() => {
    let live = true;
    getEntity(type, id)
      .then((loaded) => live && setDoc(loaded))
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [type, id]);

  if (!description) return <p>Loading…</p>;
  if (!doc) return error ? <p role="alert">{error}</p> : <p>Loading…</p>;

  const { meta, schema } = description;
  const currency = typeof doc.currency === 'string' ? doc.currency : undefined;
  const title = toText(doc[meta.titleField] ?? doc._id);
  const status = meta.status;
  const currentStatus = status ? String(doc[status.field]) : undefined;
  // Only the moves the user may make: the server refuses the others with a 403 naming who may.
  const nextStatuses =
    status && currentStatus
      ? (status.transitions[currentStatus] ?? []).filter((next) =>
          mayMove(status, currentStatus, next, user?.roles ?? []),
        )
      : [];
  const computedTop = new Set(meta.computed.filter((c) => !c.path.includes('.')).map((c) => c.path));

  const act = (work: Promise<EntityDoc | undefined>) => {
    setBusy(true);
    setError(undefined);
    work
      .then((updated) => {
        forgetTitle(type, id);
        if (updated) setDoc(updated);
      })
      .catch((caught: unknown) =>
        setError(
          caught instanceof ApiError && caught.status === 412
            ? 'Someone else changed this record meanwhile. Reload the page to see their version.'
            : errorMessage(caught),
        ),
      )
      .finally(() => setBusy(false));
  };

  const move = (next: string) =>
    act(patchEntity(type, id, doc.version, { [status?.field ?? 'status']: next }));
  const archive = () => {
    if (!window.confirm(`Archive ${title}? It disappears from lists but stays on record.`)) return;
    act(
      api(entityUrl(type, id), { method: 'DELETE', headers: { 'If-Match': String(doc.version) } }).then(
        () => {
          navigate({ page: 'list', type });
          return undefined;
        },
      ),
    );
  };

  const fields = Object.entries(schema.properties).filter(
    ([name, field]) =>
      !systemFields.has(name) &&
      name !== status?.field &&
      !computedTop.has(name) &&
      resolveLocalRef(schema, field).type !== 'array',
  );
  const linesSchema = schema.properties.lines;
  const lineSchema = linesSchema?.items ? resolveLocalRef(schema, linesSchema.items) : undefined;
  const lines = Array.isArray(doc.lines) ? (doc.lines as Record<string, unknown>[]) : [];

  return (
    <section className="page" aria-labelledby="detail-title">
      <header className="page-header">
        <div>
          <p className="eyebrow">{meta.label}</p>
          <h1 id="detail-title">{title}</h1>
        </div>
        <div className="actions">
          {type === 'account' && (
            <Link to={{ page: 'account360', id }} className="button">
              Customer 360
            </Link>
          )}
          <Link to={{ page: 'edit', type, id }} className="button">
            Edit
          </Link>
          {doc.archived !== true && (
            <button type="button" className="danger" onClick={archive} disabled={busy}>
              Archive
            </button>
          )}
        </div>
      </header>
      {doc.archived === true && <p className="notice">This record is archived.</p>}
      <RecordWaits type={type} id={id} refreshKey={doc.version} />
      {duplicates.length > 0 && (
        <aside className="notice" role="status" aria-label="Possible duplicates">
          <strong>Possible duplicates:</strong>
          <ul>
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link to={{ page: 'detail', type, id: duplicate.id }}>{duplicate.title}</Link> (
                {humanize(duplicate.reason)}, {formatBasisPoints(duplicate.score)} match)
              </li>
            ))}
          </ul>
        </aside>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div role="tablist" aria-label="Record views" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
          Details
        </button>
        <button type="button" role="tab" aria-selected={tab === 'runs'} onClick={() => setTab('runs')}>
          Runs
        </button>
        <button type="button" role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
          History
        </button>
      </div>
      {tab === 'runs' && <RecordRunsTab type={type} id={id} />}
      {tab === 'history' && <RecordHistoryTab type={type} id={id} />}
      {tab === 'details' && status && currentStatus && (
        <div className="status-bar" role="group" aria-label="Status">
          <span>
            {schema.properties[status.field]?.title ?? 'Status'}:{' '}
            <span className={`badge badge-${currentStatus}`} data-testid="status">
              {humanize(currentStatus)}
            </span>
          </span>
          {nextStatuses.map((next) => (
            <button key={next} type="button" onClick={() => move(next)} disabled={busy}>
              {humanize(next)}
            </button>
          ))}
        </div>
      )}
      {tab === 'details' && (
        <dl className="fields">
          {fields.map(([name, field]) => (
            <FieldRow
              key={name}
              name={name}
              schema={resolveLocalRef(schema, field)}
              value={doc[name]}
              currency={currency}
            />
          ))}
        </dl>
      )}
      {tab === 'details' && lineSchema?.properties && (
        <LinesTable
          lineSchema={lineSchema}
          lines={lines}
          currency={currency}
          title={linesSchema?.title ?? 'Lines'}
        />
      )}
      {tab === 'details' && computedTop.size > 0 && (
        <dl className="totals" aria-label="Totals">
          {[...computedTop].map((name) => {
            const field = schema.properties[name];
            return field ? (
              <div key={name} data-testid={`total-${name}`}>
                <dt>{field.title ?? name}</dt>
                <dd>
                  <FieldValue schema={field} value={doc[name]} currency={currency} />
                </dd>
              </div>
            ) : null;
          })}
        </dl>
      )}
      {tab === 'details' && (
        <RelatedDocuments
          type={type}
          id={id}
          title={title}
          {...(currentStatus === undefined ? {} : { status: currentStatus })}
        />
      )}
      <p className="meta">
        Version {doc.version} · updated {new Date(String(doc.updatedAt)).toLocaleString()} by{' '}
        {toText(doc.updatedBy ?? '—')}
      </p>
    </section>
  );
}

function FieldRow({
  name,
  schema,
  value,
  currency,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  currency?: string;
}) {
  if (schema.properties) {
    if (value === undefined || value === null) return null;
    const parts = Object.entries(schema.properties)
      .map(([key]) => (value as Record<string, unknown>)[key])
      .filter((part) => part !== undefined && part !== '')
      .join(', ');
    return (
      <div>
        <dt>{schema.title ?? name}</dt>
        <dd>{parts}</dd>
      </div>
    );
  }
  return (
    <div data-testid={`field-${name}`}>
      <dt>{schema.title ?? name}</dt>
      <dd>
        <FieldValue schema={schema} value={value} currency={currency} />
      </dd>
    </div>
  );
}

function LinesTable(props: {
  lineSchema: JsonSchema;
  lines: readonly Record<string, unknown>[];
  currency: string | undefined;
  title: string;
}) {
  const columns = Object.entries(props.lineSchema.properties ?? {});
  return (
    <table className="records lines" aria-label={props.title}>
      <thead>
        <tr>
          {columns.map(([name, field]) => (
            <th key={name} scope="col">
              {field.title ?? name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line, index) => (
          <tr key={index}>
            {columns.map(([name, field]) => (
              <td key={name} className={field.type === 'integer' ? 'num' : undefined}>
                {field['x-ref'] !== undefined && typeof line[name] === 'string' ? (
                  <RefLink type={field['x-ref']} id={line[name]} />
                ) : (
                  <FieldValue schema={field} value={line[name]} currency={props.currency} />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
