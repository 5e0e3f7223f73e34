import { buildGraph } from '../definition/graph';
import type { WorkflowDefinition } from '../definition/workflow-definition';
import { getNodeType } from '../node-types/registry';
import { checkDefinitionSchema } from './check-definition-schema';
import { checkEdges } from './check-edges';
import { checkEntityQueries } from './check-entity-query';
import { checkExpressions } from './check-expressions';
import { checkForEachBodies } from './check-for-each';
import { checkGroups } from './check-groups';
import {
  checkJoinInputs,
  checkNodeTypes,
  checkSwitchPorts,
  checkUniqueIds,
  checkWebhookReplies,
} from './check-nodes';
import { checkParams } from './check-params';
import { checkReachability } from './check-reachability';
import type { ValidationResult } from './validation-error';

/**
 * Checks a workflow definition the way publish does: first against the definition JSON Schema
 * (and stops there if that fails, because the meaning checks rely on the shape), then for meaning:
 * unique ids, known node types, a trigger, edges between existing nodes and ports, no edges into
 * triggers, params valid for their node type, expressions that parse, distinct switch ports, joins
 * with two inputs or more, closed forEach bodies, no unreachable nodes, and sub-process groups over existing nodes.
 *
 * @example
 * const { valid, errors } = validateDefinition(JSON.parse(body));
 * // errors: [{ nodeId: 'check', path: 'params.condition', code: 'expression_syntax', message: '…' }]
 */
export function validateDefinition(value: unknown): ValidationResult {
  const schemaErrors = checkDefinitionSchema(value);
  if (schemaErrors.length > 0) return { valid: false, errors: schemaErrors };
  const definition = value as WorkflowDefinition;
  const graph = buildGraph(definition);
  const errors = [
    ...checkUniqueIds(definition),
    ...checkNodeTypes(definition),
    ...checkEdges(graph),
    ...definition.nodes.flatMap((node) => {
      const declaration = getNodeType(node.type);
      return declaration ? checkParams(node, declaration) : [];
    }),
    ...checkExpressions(definition),
    ...checkSwitchPorts(definition),
    ...checkWebhookReplies(definition),
    ...checkEntityQueries(definition),
    ...checkJoinInputs(graph),
    ...checkForEachBodies(graph),
    ...checkReachability(graph),
    ...checkGroups(definition),
  ];
  return { valid: errors.length === 0, errors };
}
