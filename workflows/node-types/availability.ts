import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { ValidationError } from '../validation/validation-error';

/**
 * Node types declared in the registry whose activities this release does not ship yet: the
 * ERP/CRM domain nodes arrive with the process templates. The worker's startup check accepts
 * their absence, and publish-time validation refuses definitions that use them, so a run can
 * never fail late on a missing activity.
 */
export const nodeTypesAwaitingActivities: readonly string[] = [
  'crm.convertLead',
  'erp.createInvoice',
  'erp.creditCheck',
  'erp.releaseStock',
  'erp.reserveStock',
  'erp.threeWayMatch',
];

/**
 * Publish-time errors for nodes whose type this release cannot run yet, naming each node. The
 * graph itself may be sound (the pure checks accept it); what is missing is the activity.
 */
export function unavailableNodeErrors(definition: WorkflowDefinition): ValidationError[] {
  return definition.nodes
    .filter((node) => nodeTypesAwaitingActivities.includes(node.type))
    .map((node) => ({
      nodeId: node.id,
      path: 'type',
      code: 'unavailable_node_type',
      message: `Node type ${node.type} is declared but its activity is not available in this release`,
    }));
}

/** The meaning checks plus availability: what publishing (and the editor's validate) applies. */
export function publishErrors(
  definition: WorkflowDefinition,
  checked: { valid: boolean; errors: ValidationError[] },
): { valid: boolean; errors: ValidationError[] } {
  if (!checked.valid && checked.errors.some((error) => error.code === 'schema')) return checked;
  const errors = [...checked.errors, ...unavailableNodeErrors(definition)];
  return { valid: errors.length === 0, errors };
}
