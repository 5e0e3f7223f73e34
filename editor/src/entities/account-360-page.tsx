import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/api-client';
import { Link } from '../routing/use-route';
import { entityUrl, type EntityDoc } from './entity-api';
import { formatMoney, plural } from './format';
import { listColumns } from './list-columns';
import { RecordTable } from './record-table';
import { useSchemas } from './schema-context';

interface Related {
  account: EntityDoc;
  openBalance?: { amount: number; currency: string };
  [section: string]: unknown;
}

/** The sections of the 360 answer, in the order a customer's story unfolds, with their entity types. */
const sections = [
  ['contacts', 'contact'],
  ['opportunities', 'opportunity'],
  ['quotes', 'quote'],
  ['orders', 'salesOrder'],
  ['invoices', 'invoice'],
  ['payments', 'payment'],
  ['tickets', 'ticket'],
] as const;

/** A customer's whole story on one page: `GET /api/entities/account/:id/related`. */
export function Account360Page({ id }: { id: string }) {
  const schemas = useSchemas();
  const [related, setRelated] = useState<Related | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    api<Related>(`${entityUrl('account', id)}/related`)
      .then((body) => live && setRelated(body))
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [id]);

  if (error) return <p role="alert">{error}</p>;
  if (!related || schemas.status !== 'ready') return <p>Loading…</p>;
  const { account, openBalance } = related;
  const name = typeof account.name === 'string' ? account.name : id;

  return (
    <section className="page" aria-labelledby="c360-title">
      <header className="page-header">
        <div>
          <p className="eyebrow">Customer 360</p>
          <h1 id="c360-title">{name}</h1>
        </div>
        <div className="actions">
          <Link to={`/entities/quote/new?accountId=${encodeURIComponent(id)}`} className="button">
            New quote
          </Link>
          <Link to={{ page: 'detail', type: 'account', id }} className="button">
            Account details
          </Link>
        </div>
      </header>
      <dl className="totals summary">
        <div data-testid="open-balance">
          <dt>Open balance</dt>
          <dd>{openBalance ? formatMoney(openBalance.amount, openBalance.currency) : '—'}</dd>
        </div>
        {sections.map(([key]) => (
          <div key={key}>
            <dt>{key.charAt(0).toUpperCase() + key.slice(1)}</dt>
            <dd>{Array.isArray(related[key]) ? (related[key] as unknown[]).length : 0}</dd>
          </div>
        ))}
      </dl>
      {sections.map(([key, type]) => {
        const description = schemas.types.get(type);
        const items = Array.isArray(related[key]) ? (related[key] as EntityDoc[]) : [];
        if (!description) return null;
        const title = plural(description.meta.label);
        return (
          <section key={key} aria-labelledby={`c360-${key}`} className="c360-section">
            <h2 id={`c360-${key}`}>{title}</h2>
            <RecordTable
              type={type}
              label={title}
              columns={listColumns(description, ['accountId', 'updatedAt'])}
              items={items}
            />
          </section>
        );
      })}
    </section>
  );
}
