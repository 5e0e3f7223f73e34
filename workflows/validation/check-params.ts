import type { ValidateFunction } from 'ajv';
import type { WorkflowNode } from '../definition/workflow-definition';
import { formatPath } from '../expressions/param-path';
import type { NodeTypeDeclaration } from '../node-types/node-type';
import { sharedAjv } from './ajv-instance';
import { describeAjvErrors } from './describe-ajv-errors';
import { acceptExpressions, withPlaceholders } from './expression-tolerant-schema';
import type { ValidationError } from './validation-error';

/** Compiled once per node type, on first use. */
const validators = new Map<string, ValidateFunction>();

/**
 * Checks a node's params against its type's params schema, accepting an expression wherever a
 * literal is expected except in `x-literal` params.
 *
 * @example
 * checkParams({ id: 'j', type: 'logic.join', params: { mode: 'some' } }, nodeTypes['logic.join']);
 * // [{ nodeId: 'j', path: 'params.mode', code: 'invalid_params',
 * //    message: 'Node "j" (logic.join): params.mode must be one of "all", "any"' }]
 */
export function checkParams(node: WorkflowNode, declaration: NodeTypeDeclaration): ValidationError[] {
  const validate = validatorFor(declaration);
  if (validate(withPlaceholders(node.params))) return [];
  return describeAjvErrors(validate.errors ?? [], ['params']).map(({ segments, predicate }) => {
    const path = formatPath(segments);
    return {
      nodeId: node.id,
      path,
      code: 'invalid_params',
      message: `Node ${JSON.stringify(node.id)} (${node.type}): ${path} ${predicate}`,
    };
  });
}

function validatorFor(declaration: NodeTypeDeclaration): ValidateFunction {
  let validate = validators.get(declaration.type);
  if (!validate) {
    validate = sharedAjv().compile(acceptExpressions(declaration.paramsSchema));
    validators.set(declaration.type, validate);
  }
  return validate;
}
