import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { IndexedValueType } = temporal.api.enums.v1;

/**
 * Custom search attributes the platform sets on every run, so the runs list can filter by
 * workflow and version in Temporal's visibility store.
 */
export const searchAttributes = {
  LedgerlineWorkflowId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  LedgerlineVersion: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  LedgerlineTrigger: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
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
