import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client';
import { getEntity, recordTitle, type EntityDoc } from '../entities/entity-api';
import { FieldValue } from '../entities/field-value';
import { fieldColumns, listColumns, type Column } from '../entities/list-columns';
import { useEntityType, type EntityDescription } from '../entities/schema-context';
import { Link } from '../routing/use-route';
import { CustomerContext } from './customer-context';

/** Fields a decision often turns on, where a type has them, after the ones its lists show. */
const decisionFields = [
  'type',
  'tier',
  'priority',
  'category',
  'paymentTerms',
  'creditLimit',
  'discountBp',
  'total',
  'amountDue',
  'validUntil',
  'dueDate',
  'email',
  'phone',
];
const maxKeyFields = 8;

/** The record's key fields that have a value: its list columns, then the decision fields. */
function keyFields(description: EntityDescription, record: EntityDoc): Column[] {
  const listed = listColumns(description, ['updatedAt', description.meta.titleField]);
  return fieldColumns(description, [...listed.map((column) => column.field), ...decisionFields])
    .filter(({ field }) => record[field] !== undefined && record[field] !== null && record[field] !== '')
    .slice(0, maxKeyFields);
}

/**
 * The record a task is about: its key fields (title, number, status, customer, amount) with a link
 * to it, and the customer's open business when it is an account or belongs to one.
 */
export function RelatedRecord({
  related,
  decidedAt,
}: {
  related: { entityType: string; id: string };
  /** When the task was decided: the run then goes on and usually changes the record (a quote is
   * approved, an order released), so the record is read again until its version moves. */
  decidedAt?: string;
}) {
  const { entityType, id } = related;
  const description = useEntityType(entityType);
  const [record, setRecord] = useState<EntityDoc | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first: unknown;
    const read = (left: number) => {
      getEntity(entityType, id)
        .then((doc) => {
          if (!live) return;
          setRecord(doc);
          first ??= doc.version;
          // After a decision, a few more reads a second apart catch the run's change to the record.
          if (decidedAt !== undefined && left > 0 && doc.version === first)
            timer = setTimeout(() => read(left - 1), 1000);
        })
        .catch((caught: unknown) => live && setError(errorMessage(caught)));
    };
    read(decidedAt === undefined ? 0 : 10);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entityType, id, decidedAt]);

  const label = description?.meta.label ?? entityType;
  if (error) {
    return (
      <aside className="related-record" aria-label="Related record">
        <p role="alert">
          The related {label.toLowerCase()} could not be loaded: {error}
        </p>
      </aside>
    );
  }
  if (!record || !description) return <p>Loading the related record…</p>;
  const currency = typeof record.currency === 'string' ? record.currency : undefined;
  const accountId =
    entityType === 'account' ? id : typeof record.accountId === 'string' ? record.accountId : undefined;
  const fields = keyFields(description, record);

  return (
    <aside className="related-record" aria-label="Related record">
      <section aria-labelledby="related-title">
        <p className="eyebrow">{label}</p>
        <h2 id="related-title">
          <Link to={{ page: 'detail', type: entityType, id }}>
            {recordTitle(record, description.meta.titleField)}
          </Link>
        </h2>
        <dl className="fields related-fields">
          {fields.map((column) => (
            <div key={column.field} data-testid={`related-${column.field}`}>
              <dt>{column.title}</dt>
              <dd>
                <FieldValue schema={column.schema} value={record[column.field]} currency={currency} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {accountId !== undefined && (
        <CustomerContext accountId={accountId} isTheRecord={entityType === 'account'} />
      )}
    </aside>
  );
}
