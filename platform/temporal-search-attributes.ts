import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributeNames } from '../schemas/vocabulary';

const { IndexedValueType } = temporal.api.enums.v1;

/**
 * The index type of each custom search attribute the platform sets on every run (names from the
 * shared vocabulary), so the runs list can filter in Temporal's visibility store.
 */
export const searchAttributes = {
  [searchAttributeNames.workflowId]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [searchAttributeNames.version]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [searchAttributeNames.trigger]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [searchAttributeNames.recordType]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [searchAttributeNames.recordId]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  // Text, so `q` matches words of the title; the dev server's SQLite visibility indexes it with FTS.
  [searchAttributeNames.title]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [searchAttributeNames.failedNode]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
} as const;

/** Registers the platform's search attributes in a namespace; a no-op when they exist. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.fromEntries(
    Object.entries(searchAttributes).filter(([name]) => !(name in (existing.customAttributes ?? {}))),
  );
  if (Object.keys(missing).length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
}
