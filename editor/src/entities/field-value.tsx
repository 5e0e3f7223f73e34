import { useEffect, useState } from 'react';
import type { JsonSchema } from '../../../schemas/json-schema';
import { Link } from '../routing/use-route';
import { fetchTitle } from './entity-api';
import { formatValue } from './format';
import { useEntityType } from './schema-context';

/** A link to a referenced record, labelled with its title once fetched. */
export function RefLink({ type, id }: { type: string; id: string }) {
  const titleField = useEntityType(type)?.meta.titleField;
  const [title, setTitle] = useState<string | undefined>();
  useEffect(() => {
    if (titleField === undefined) return;
    let live = true;
    fetchTitle(type, id, titleField)
      .then((text) => live && setTitle(text))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [type, id, titleField]);
  return <Link to={{ page: 'detail', type, id }}>{title ?? id}</Link>;
}

/** A field value as read-only text: formatted money and rates, words for enums, links for references. */
export function FieldValue({
  schema,
  value,
  currency,
}: {
  schema: JsonSchema;
  value: unknown;
  currency: string | undefined;
}) {
  const target = schema['x-ref'];
  if (target !== undefined && typeof value === 'string' && value !== '')
    return <RefLink type={target} id={value} />;
  if (schema.enum !== undefined && typeof value === 'string') {
    return <span className={`badge badge-${value}`}>{formatValue(schema, value, currency)}</span>;
  }
  return <>{formatValue(schema, value, currency)}</>;
}
