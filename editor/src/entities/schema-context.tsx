import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { EntitySchema } from '../../../schemas/json-schema';
import { readEntityMeta, type EntityMeta } from '../../../schemas/entity-metadata';
import type { EntityType } from '../../../schemas/types/index.generated';
import { api, errorMessage } from '../api/api-client';

/** An entity type as the server describes it: its JSON Schema and the metadata read from its annotations. */
export interface EntityDescription {
  type: string;
  schema: EntitySchema;
  meta: EntityMeta;
}

type SchemaState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; types: ReadonlyMap<string, EntityDescription> };

const SchemaContext = createContext<SchemaState>({ status: 'loading' });

/**
 * Loads every entity schema from `GET /api/schemas` once per session, so forms, lists and filters always
 * match what the server validates against.
 */
export function SchemaProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SchemaState>({ status: 'loading' });
  useEffect(() => {
    loadSchemas()
      .then((types) => setState({ status: 'ready', types }))
      .catch((error: unknown) => setState({ status: 'error', message: errorMessage(error) }));
  }, []);
  return <SchemaContext.Provider value={state}>{children}</SchemaContext.Provider>;
}

/** The state of the schema load. */
export function useSchemas(): SchemaState {
  return useContext(SchemaContext);
}

/** One entity type's description, or undefined when schemas are loading or the type is unknown. */
export function useEntityType(type: string): EntityDescription | undefined {
  const state = useSchemas();
  return state.status === 'ready' ? state.types.get(type) : undefined;
}

/**
 * `GET /api/schemas` lists the types (`{ items: [{ type, label, group, titleField }] }`); each full schema
 * comes from `GET /api/schemas/:type` (`{ type, schema, inputSchema, meta }`). Items that already carry a
 * whole schema are used as they are.
 */
async function loadSchemas(): Promise<ReadonlyMap<string, EntityDescription>> {
  const body = await api<{ items?: unknown[] } | unknown[]>('/api/schemas');
  const items = (Array.isArray(body) ? body : (body.items ?? [])) as Record<string, unknown>[];
  const schemas = await Promise.all(
    items.map(async (item) => {
      if (typeof item['x-entity'] === 'string') return item as unknown as EntitySchema;
      const detail = await api<{ schema: EntitySchema }>(
        `/api/schemas/${encodeURIComponent(String(item.type))}`,
      );
      return detail.schema;
    }),
  );
  const types = new Map<string, EntityDescription>();
  for (const schema of schemas) {
    const type = schema['x-entity'];
    types.set(type, { type, schema, meta: readEntityMeta(type as EntityType, schema) });
  }
  return types;
}
