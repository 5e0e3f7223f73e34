import { useEffect, useState } from 'react';
import { isDocumentType } from '../../../schemas/document-flow';
import { errorMessage } from '../api/api-client';
import { Link } from '../routing/use-route';
import { getRelatedDocuments, type RelatedDocument } from './entity-api';
import { humanize } from './format';
import { useSchemas } from './schema-context';

/**
 * A document's chain on its page: what it was made from and what was made from it, in flow order,
 * with the record itself in its place. Nothing shows on records that are not documents.
 */
export function RelatedDocuments(props: { type: string; id: string; title: string; status?: string }) {
  const { type, id } = props;
  const key = `${type}/${id}`;
  // Answers are kept with the record they belong to, so following a link never shows the last chain.
  const [loaded, setLoaded] = useState<{ key: string; chain?: Chain; error?: string } | undefined>();
  useEffect(() => {
    if (!isDocumentType(type)) return undefined;
    let live = true;
    getRelatedDocuments(type, id)
      .then((chain) => live && setLoaded({ key: `${type}/${id}`, chain }))
      .catch((caught: unknown) => live && setLoaded({ key: `${type}/${id}`, error: errorMessage(caught) }));
    return () => {
      live = false;
    };
  }, [type, id]);
  if (!isDocumentType(type)) return null;
  const current = loaded?.key === key ? loaded : undefined;
  const chain = current?.chain;
  const error = current?.error;

  const body = error ? (
    <p role="alert">{error}</p>
  ) : !chain ? (
    <p>Loading…</p>
  ) : chain.items.length === 0 ? (
    <p className="meta">No related documents.</p>
  ) : (
    <ChainTable self={props} items={chain.items} truncated={chain.truncated} />
  );
  return (
    <section aria-labelledby="related-documents-title" className="related-documents">
      <h2 id="related-documents-title">Related documents</h2>
      {body}
    </section>
  );
}

interface Chain {
  items: RelatedDocument[];
  truncated: boolean;
}

function ChainTable(props: {
  self: { type: string; title: string; status?: string };
  items: readonly RelatedDocument[];
  truncated: boolean;
}) {
  const schemas = useSchemas();
  const label = (type: string) =>
    (schemas.status === 'ready' ? schemas.types.get(type)?.meta.label : undefined) ?? humanize(type);
  const upstream = props.items.filter((item) => item.relation === 'upstream');
  const downstream = props.items.filter((item) => item.relation === 'downstream');
  return (
    <>
      <table className="records" aria-label="Related documents">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Number or name</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {upstream.map((item) => (
            <ChainRow key={`${item.entityType}/${item.id}`} item={item} label={label(item.entityType)} />
          ))}
          <tr className="current" aria-current="page">
            <td>{label(props.self.type)}</td>
            <td>
              <strong>{props.self.title}</strong> <span className="meta">(this record)</span>
            </td>
            <td>{props.self.status && <StatusBadge status={props.self.status} />}</td>
          </tr>
          {downstream.map((item) => (
            <ChainRow key={`${item.entityType}/${item.id}`} item={item} label={label(item.entityType)} />
          ))}
        </tbody>
      </table>
      {props.truncated && (
        <p className="meta">Only the nearest documents are listed; the chain goes on beyond them.</p>
      )}
    </>
  );
}

function ChainRow({ item, label }: { item: RelatedDocument; label: string }) {
  return (
    <tr>
      <td>{label}</td>
      <td>
        <Link to={{ page: 'detail', type: item.entityType, id: item.id }}>{item.title}</Link>
      </td>
      <td>{item.status && <StatusBadge status={item.status} />}</td>
    </tr>
  );
}

function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{humanize(status)}</span>;
}
