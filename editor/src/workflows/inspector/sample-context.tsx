import { createContext, useContext } from 'react';
import type { WorkflowDefinition } from '../model/core';
import type { SampleData } from '../model/sample-data';

/** What expression previews evaluate against: the chosen sample and the graph being edited. */
export interface PreviewSource {
  sample: SampleData | undefined;
  definition: WorkflowDefinition;
  /** Why there is no sample (loading, no record of the type yet), shown instead of a preview. */
  note?: string;
}

const PreviewContext = createContext<PreviewSource | undefined>(undefined);

export const PreviewProvider = PreviewContext.Provider;

/** The preview source of the inspector; undefined outside the editor (previews are then off). */
export function usePreviewSource(): PreviewSource | undefined {
  return useContext(PreviewContext);
}
