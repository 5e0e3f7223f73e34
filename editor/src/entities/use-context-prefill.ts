import { useEffect, useState } from 'react';
import { prefillFrom } from '../../../schemas/prefill-from';
import { errorMessage } from '../api/api-client';
import { getEntity, recordTitle } from './entity-api';
import { useSchemas, type EntityDescription } from './schema-context';

/** The record a new one is made for, as the create form names it. */
export interface PrefillContext {
  type: string;
  id: string;
  /** The type's label and the record's title, e.g. `Invoice INV-2026-000008`. */
  title?: string;
  problem?: string;
}

/** `?from=<type>:<id>` read into its parts; undefined when it is not of that shape. */
export function parseFrom(from: string | undefined): { type: string; id: string } | undefined {
  const colon = from?.indexOf(':') ?? -1;
  if (from === undefined || colon <= 0 || colon === from.length - 1) return undefined;
  return { type: from.slice(0, colon), id: from.slice(colon + 1) };
}

/**
 * Fills a new record in from the record it is made for (`?from=invoice:<id>`): the record is read,
 * and what it gives the new one (see schemas/prefill-from.ts) goes to `apply`, once. Values the form
 * already holds (from the URL, or typed meanwhile) are the caller's to keep.
 */
export function useContextPrefill(
  target: EntityDescription | undefined,
  from: string | undefined,
  apply: (values: Record<string, unknown>) => void,
): PrefillContext | undefined {
  const schemas = useSchemas();
  const parsed = parseFrom(from);
  const source = parsed && schemas.status === 'ready' ? schemas.types.get(parsed.type) : undefined;
  const [context, setContext] = useState<PrefillContext | undefined>();
  useEffect(() => {
    if (!target || !parsed || !source) return;
    let live = true;
    getEntity(parsed.type, parsed.id)
      .then((record) => {
        if (!live) return;
        apply(prefillFrom(target.schema, { type: parsed.type, schema: source.schema, record }));
        setContext({
          ...parsed,
          title: `${source.meta.label} ${recordTitle(record, source.meta.titleField)}`,
        });
      })
      .catch((error: unknown) => live && setContext({ ...parsed, problem: errorMessage(error) }));
    return () => {
      live = false;
    };
    // Once per form: the record it is made for does not change under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target?.type, parsed?.type, parsed?.id, source?.type]);
  return context;
}
