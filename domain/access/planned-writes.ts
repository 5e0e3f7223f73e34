import { getEntityMeta, isEntityType, type EntityType } from '../../schemas';
import type { Role } from '../../schemas/vocabulary';
import type { WorkflowDefinition } from '../../workflows';
import { getNodeType } from '../../workflows/node-types/registry';
import { holdsOne, permissionRefusal, refusal, transitionRoles, type WriteRefusal } from './write-controls';

/** A refusal of a write a node would make, located in the definition. */
export interface PlannedWriteRefusal extends WriteRefusal {
  nodeId: string;
}

type Fields = Readonly<Record<string, unknown>>;

/** What `entity.*` nodes write: the type in `entityType`, the fields in `data` or `changes`. */
const paramWrites: Readonly<Record<string, { action: 'create' | 'update'; fields: string }[]>> = {
  'entity.create': [{ action: 'create', fields: 'data' }],
  'entity.upsert': [
    { action: 'create', fields: 'data' },
    { action: 'update', fields: 'data' },
  ],
  'entity.update': [{ action: 'update', fields: 'changes' }],
};

/**
 * The writes a definition's nodes would make that `roles` do not allow, as far as the graph says
 * before it runs: each `entity.*` node with a literal entity type (its permission, a literal target
 * status with `x-transition-roles`, a controlled field it sets), and each domain node's declared
 * writes. What only expressions decide is checked by the repository when the run writes.
 *
 * @example
 * plannedWriteRefusals(definition, ['designer']);
 * // [{ nodeId: 'raise', path: 'params.entityType', message: 'the roles designer do not allow: update account …' }]
 */
export function plannedWriteRefusals(
  definition: WorkflowDefinition,
  roles: readonly Role[],
): PlannedWriteRefusal[] {
  return definition.nodes.flatMap((node) => {
    const params = node.params as Fields;
    const declared = (getNodeType(node.type)?.entityWrites ?? []).flatMap(({ type, action }) =>
      isEntityType(type) ? (permissionRefusal(type, action, roles) ?? []) : [],
    );
    const type = params.entityType;
    const fromParams =
      typeof type === 'string' && isEntityType(type)
        ? (paramWrites[node.type] ?? []).flatMap(({ action, fields }) =>
            plannedRefusals(type, action, objectParam(params[fields]), roles).map((found) => ({
              ...found,
              path: found.path === '' ? 'params.entityType' : `params.${fields}.${found.path}`,
            })),
          )
        : [];
    return [...declared.map((found) => ({ ...found, path: 'type' })), ...fromParams].map((found) => ({
      ...found,
      nodeId: node.id,
    }));
  });
}

function plannedRefusals(
  type: EntityType,
  action: 'create' | 'update',
  fields: Fields,
  roles: readonly Role[],
): WriteRefusal[] {
  const denied = permissionRefusal(type, action, roles);
  if (denied !== undefined) return [denied];
  const meta = getEntityMeta(type);
  const found: WriteRefusal[] = [];
  const status = meta.status;
  const to = status === undefined ? undefined : fields[status.field];
  if (status !== undefined && typeof to === 'string' && !to.startsWith('=')) {
    // The status before is unknown until the run: moves into `to` from anywhere are checked.
    const allowed = transitionRoles(type, undefined, to);
    if (allowed !== undefined && !holdsOne(roles, allowed))
      found.push(refusal(status.field, `Moving a ${type} to ${to} is for`, allowed, roles));
  }
  // A new record's status decides for a create; an update's record status is known only at run time.
  const newStatus = status === undefined ? undefined : typeof to === 'string' ? to : status.default;
  for (const field of meta.controlled) {
    if (!(field.path in fields) || holdsOne(roles, field.roles)) continue;
    const free =
      action === 'create'
        ? newStatus !== undefined && field.freeIn.includes(newStatus)
        : field.freeIn.length > 0;
    if (!free) found.push(refusal(field.path, `Setting ${type} ${field.path} is for`, field.roles, roles));
  }
  return found;
}

function objectParam(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}
