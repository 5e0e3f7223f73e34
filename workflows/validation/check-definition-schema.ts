import type { ValidateFunction } from 'ajv';
import { workflowDefinitionSchema } from '../definition/workflow-definition-schema';
import type { PathSegment } from '../expressions/param-path';
import { formatPath } from '../expressions/param-path';
import { sharedAjv } from './ajv-instance';
import { describeAjvErrors } from './describe-ajv-errors';
import type { ValidationError } from './validation-error';

let validator: ValidateFunction | undefined;

/**
 * Checks a value against the workflow definition JSON Schema. Errors inside a node or edge that
 * has a string id are reported against that id, with the path relative to it.
 */
export function checkDefinitionSchema(value: unknown): ValidationError[] {
  validator ??= sharedAjv().compile(workflowDefinitionSchema);
  if (validator(value)) return [];
  return describeAjvErrors(validator.errors ?? []).map(({ segments, predicate }) =>
    locate(value, segments, predicate),
  );
}

function locate(definition: unknown, segments: PathSegment[], predicate: string): ValidationError {
  const [collection, index, ...rest] = segments;
  if ((collection === 'nodes' || collection === 'edges') && typeof index === 'number') {
    const id = idAt(definition, collection, index);
    if (id !== undefined) {
      const path = formatPath(rest);
      const owner = `${collection === 'nodes' ? 'Node' : 'Edge'} ${JSON.stringify(id)}`;
      return {
        ...(collection === 'nodes' ? { nodeId: id } : { edgeId: id }),
        path,
        code: 'schema',
        message: `${owner}${path === '' ? '' : ` ${path}`} ${predicate}`,
      };
    }
  }
  const path = formatPath(segments);
  return { path, code: 'schema', message: `${path === '' ? 'The definition' : path} ${predicate}` };
}

function idAt(definition: unknown, collection: 'nodes' | 'edges', index: number): string | undefined {
  const list = (definition as Record<string, unknown> | null)?.[collection];
  const item: unknown = Array.isArray(list) ? list[index] : undefined;
  const id = (item as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
