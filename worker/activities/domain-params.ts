import type { ValidateFunction } from 'ajv';
import { formatPath } from '../../workflows/expressions/param-path';
import { getNodeType } from '../../workflows/node-types/registry';
import { sharedAjv } from '../../workflows/validation/ajv-instance';
import { describeAjvErrors } from '../../workflows/validation/describe-ajv-errors';
import { detailedFailure } from './detailed-failure';

const validators = new Map<string, ValidateFunction>();

/**
 * The resolved params of a domain node, checked against its type's params schema. Publish checks
 * the params as written; an expression can still resolve to anything, so each activity checks the
 * values it got and fails with a non-retryable ValidationError naming every bad param.
 *
 * @example
 * checkedParams('erp.reserveStock', { quantity: 0 });
 * // throws ValidationError: 'erp.reserveStock params are invalid: params must have …; params.quantity must be >= 1'
 */
export function checkedParams<T>(nodeType: string, params: Record<string, unknown>): T {
  let validate = validators.get(nodeType);
  if (validate === undefined) {
    const declaration = getNodeType(nodeType);
    if (declaration === undefined) throw new Error(`no node type ${nodeType}`);
    validate = sharedAjv().compile(declaration.paramsSchema);
    validators.set(nodeType, validate);
  }
  if (validate(params)) return params as T;
  const details = describeAjvErrors(validate.errors ?? [], ['params']).map(({ segments, predicate }) => ({
    path: formatPath(segments),
    message: predicate,
  }));
  throw detailedFailure(
    `${nodeType} params are invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    'ValidationError',
    details,
  );
}
