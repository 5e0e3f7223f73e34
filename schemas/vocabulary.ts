/**
 * The names every layer shares, in one module with no imports that load anything, so the
 * browser (editor), the workflow sandbox, the domain, the API server and the worker all read the
 * same lists:
 *
 * - entity types, generated from `schemas/entities/*.schema.json` by `npm run gen`;
 * - roles a user may hold;
 * - the Temporal search attributes every run carries.
 *
 * `schemas/vocabulary.test.ts` checks that nothing in the tree disagrees with these lists.
 */
export { entityTypes as entityTypeNames, type EntityType } from './types/index.generated';

export const roleNames = [
  'admin',
  'designer',
  'sales',
  'salesManager',
  'finance',
  'procurement',
  'support',
  'supportLead',
  'viewer',
  'auditor',
] as const;
export type Role = (typeof roleNames)[number];

/**
 * Custom search attributes of runs, so the runs list can filter by workflow, version, trigger, the
 * record a run is about, its title and the node it failed at (README, Operations).
 */
export const searchAttributeNames = {
  workflowId: 'LedgerlineWorkflowId',
  version: 'LedgerlineVersion',
  trigger: 'LedgerlineTrigger',
  recordType: 'LedgerlineRecordType',
  recordId: 'LedgerlineRecordId',
  title: 'LedgerlineTitle',
  failedNode: 'LedgerlineFailedNode',
} as const;

/** A run's status as the API names it (Temporal's execution statuses, in the API's spelling). */
export const runStatuses = [
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timedOut',
  'continuedAsNew',
] as const;
export type RunStatus = (typeof runStatuses)[number];
