import { getEntityMeta, isEntityType, sortableFields } from '../../schemas';
import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow-definition';
import type { ValidationError } from './validation-error';

/**
 * An entity.query whose entity type is written out (not an expression) may name only fields that
 * type can filter on, in `filter` and `where`, and sort on, in `sort`, so a typo fails at publish
 * instead of in a run. Field names that are expressions are left to the run.
 */
export function checkEntityQueries(definition: WorkflowDefinition): ValidationError[] {
  return definition.nodes.filter((node) => node.type === 'entity.query').flatMap(checkQuery);
}

const fieldName = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

function checkQuery(node: WorkflowNode): ValidationError[] {
  const type = node.params.entityType;
  if (typeof type !== 'string' || !isEntityType(type)) return [];
  const filterable = getEntityMeta(type).filterable.map((field) => field.path);
  const errors: ValidationError[] = [];
  const refuse = (path: string, field: string, kind: string, allowed: readonly string[]) =>
    errors.push({
      nodeId: node.id,
      path,
      code: 'unknown_field',
      message: `Node ${JSON.stringify(node.id)} (entity.query): ${path} names ${field}, which ${type} cannot ${kind} by; use one of ${allowed.join(', ')}`,
    });
  const { filter, where, sort } = node.params;
  if (typeof filter === 'object' && filter !== null) {
    // Keys that are no field name at all are the params schema's to report.
    for (const field of Object.keys(filter).filter((key) => fieldName.test(key))) {
      if (!filterable.includes(field)) refuse(`params.filter.${field}`, field, 'filter', filterable);
    }
  }
  for (const { path, field } of conditionFields(where, 'params.where')) {
    if (fieldName.test(field) && !filterable.includes(field)) refuse(path, field, 'filter', filterable);
  }
  if (typeof sort === 'string' && !sort.startsWith('=')) {
    const field = sort.startsWith('-') ? sort.slice(1) : sort;
    const sortable = sortableFields(type);
    if (!sortable.includes(field)) refuse('params.sort', field, 'sort', sortable);
  }
  return errors;
}

/** The literal field names of a where tree, each with its path. */
function conditionFields(value: unknown, path: string): { path: string; field: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const node = value as { field?: unknown; and?: unknown; or?: unknown };
  if (typeof node.field === 'string') return [{ path: `${path}.field`, field: node.field }];
  for (const group of ['and', 'or'] as const) {
    const members = node[group];
    if (Array.isArray(members))
      return members.flatMap((m, i) => conditionFields(m, `${path}.${group}[${i}]`));
  }
  return [];
}
