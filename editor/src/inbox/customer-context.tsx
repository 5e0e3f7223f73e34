import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/api-client';
import { entityUrl, type EntityDoc } from '../entities/entity-api';
import { formatMoney, toText } from '../entities/format';
import { fieldColumns } from '../entities/list-columns';
import { RecordTable } from '../entities/record-table';
import { useSchemas } from '../entities/schema-context';
import { Link } from '../routing/use-route';

interface AccountRelated {
  account: EntityDoc;
  orders: EntityDoc[];
  invoices: EntityDoc[];
  tickets: EntityDoc[];
  openBalance?: { amount: number; currency: string };
}

/**
 * What "open" means per section. Statuses are business facts of each type rather than something the
 * transitions reveal: a resolved ticket may still reopen, yet nobody waits on it.
 */
const sections = [
  {
    key: 'orders',
    type: 'salesOrder',
    title: 'Open orders',
    fields: ['number', 'status', 'orderDate', 'total'],
    open: (doc: EntityDoc) => !['completed', 'cancelled'].includes(toText(doc.status)),
  },
  {
    key: 'invoices',
    type: 'invoice',
    title: 'Unpaid invoices',
    fields: ['number', 'status', 'dueDate', 'amountDue'],
    open: (doc: EntityDoc) => ['issued', 'partiallyPaid'].includes(toText(doc.status)) && balanceOf(doc) > 0,
  },
  {
    key: 'tickets',
    type: 'ticket',
    title: 'Open tickets',
    fields: ['number', 'subject', 'status', 'priority'],
    open: (doc: EntityDoc) => !['resolved', 'closed'].includes(toText(doc.status)),
  },
] as const;

function balanceOf(invoice: EntityDoc): number {
  if (typeof invoice.amountDue === 'number') return invoice.amountDue;
  return Number(invoice.total ?? 0) - Number(invoice.amountPaid ?? 0);
}

/**
 * The customer behind a task: its open balance, open orders, unpaid invoices and open tickets, from
 * `GET /api/entities/account/:id/related`, with a link to the whole 360 page. `isTheRecord` says the
 * task is about the account itself, which the panel above already names.
 */
export function CustomerContext({ accountId, isTheRecord }: { accountId: string; isTheRecord: boolean }) {
  const schemas = useSchemas();
  const [related, setRelated] = useState<AccountRelated | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    api<AccountRelated>(`${entityUrl('account', accountId)}/related`)
      .then((body) => live && setRelated(body))
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [accountId]);

  if (error) return <p role="alert">Could not load the customer: {error}</p>;
  if (!related || schemas.status !== 'ready') return <p>Loading the customer…</p>;
  const name = toText(related.account.name) || accountId;
  const balance = related.openBalance;

  return (
    <section className="customer-context" aria-labelledby="customer-title">
      <header>
        <h2 id="customer-title">
          {isTheRecord ? (
            'Open business'
          ) : (
            <>
              Customer: <Link to={{ page: 'account360', id: accountId }}>{name}</Link>
            </>
          )}
        </h2>
        <p data-testid="customer-balance">
          Open balance: <strong>{balance ? formatMoney(balance.amount, balance.currency) : '—'}</strong>
        </p>
      </header>
      {sections.map((section) => {
        const description = schemas.types.get(section.type);
        if (!description) return null;
        const items = (related[section.key] ?? []).filter(section.open);
        return (
          <section key={section.key} aria-labelledby={`customer-${section.key}`}>
            <h3 id={`customer-${section.key}`}>
              {section.title} <span className="count">{items.length}</span>
            </h3>
            {items.length > 0 && (
              <RecordTable
                type={section.type}
                label={section.title}
                columns={fieldColumns(description, section.fields)}
                items={items}
              />
            )}
          </section>
        );
      })}
      <p className="meta">
        <Link to={{ page: 'account360', id: accountId }}>All of {name}’s records (customer 360)</Link>
      </p>
    </section>
  );
}
