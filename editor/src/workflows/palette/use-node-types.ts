import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import type { NodeTypeDescription } from '../model/core';
import { workflowApi } from '../workflow-api';

let catalog: Promise<NodeTypeDescription[]> | undefined;

/** `GET /api/node-types`, loaded once per page load and shared by the palette and the inspector. */
export function loadNodeTypes(): Promise<NodeTypeDescription[]> {
  catalog ??= workflowApi.nodeTypes().catch((error: unknown) => {
    catalog = undefined;
    throw error;
  });
  return catalog;
}

export type NodeTypesState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; types: NodeTypeDescription[]; byType: ReadonlyMap<string, NodeTypeDescription> };

/** The node catalog as the server describes it. */
export function useNodeTypes(): NodeTypesState {
  const [state, setState] = useState<NodeTypesState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadNodeTypes()
      .then(
        (types) =>
          live && setState({ status: 'ready', types, byType: new Map(types.map((t) => [t.type, t])) }),
      )
      .catch((error: unknown) => live && setState({ status: 'error', message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
