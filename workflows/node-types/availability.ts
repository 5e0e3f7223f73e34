import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { ValidationError } from '../validation/validation-error';

/**
 * Node types declared in the registry whose activities this release does not ship yet. The worker's
 * startup check accepts their absence, and publish-time validation refuses definitions that use them,
 * so a run can never fail late on a missing activity. Every declared type runs in this release.
 */
export const nodeTypesAwaitingActivities: readonly string[] = [];

/**
 * Publish-time errors for nodes whose type this release cannot run yet, naming each node. The
 * graph itself may be sound (the pure checks accept it); what is missing is the activity.
 */
export function unavailableNodeErrors(
  definition: WorkflowDefinition,
  awaiting: readonly string[] = nodeTypesAwaitingActivities,
): ValidationError[] {
  return definition.nodes
    .filter((node) => awaiting.includes(node.type))
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
  awaiting: readonly string[] = nodeTypesAwaitingActivities,
): { valid: boolean; errors: ValidationError[] } {
  if (!checked.valid && checked.errors.some((error) => error.code === 'schema')) return checked;
  const errors = [...checked.errors, ...unavailableNodeErrors(definition, awaiting)];
  return { valid: errors.length === 0, errors };
}
