import type { ErrorSchema, UiSchema } from '@rjsf/utils';
import {
  resolveLocalRef,
  systemFieldNames,
  type EntitySchema,
  type JsonSchema,
} from '../../../schemas/json-schema';
import type { EntityMeta } from '../../../schemas/entity-metadata';
import { mayMove } from '../../../schemas/status-moves';
import type { ApiErrorDetail } from '../api/api-client';
import { fieldKind, humanize } from './format';

const systemFields = new Set<string>(systemFieldNames);

/**
 * The schema of the edit form: the stored shape, with read-only fields kept (rjsf shows them disabled)
 * but no longer required, so a newly added line without its computed total still validates.
 */
export function editFormSchema(schema: EntitySchema): EntitySchema {
  const relax = (node: JsonSchema): JsonSchema => {
    const out: JsonSchema = { ...node };
    if (node.properties) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, relax(v)]));
      out.required = (node.required ?? []).filter((name) => node.properties?.[name]?.readOnly !== true);
    }
    if (node.items) out.items = relax(node.items);
    return out;
  };
  const definitions = schema.definitions
    ? Object.fromEntries(Object.entries(schema.definitions).map(([k, v]) => [k, relax(v)]))
    : undefined;
  return { ...(relax(schema) as EntitySchema), ...(definitions ? { definitions } : {}) };
}

/**
 * Lets an optional nested object (an address) stay empty: its inner `required` list is dropped on the
 * client, so the browser does not demand a street for an address nobody entered. The server still
 * rejects a half-filled address, and its error lands under the field.
 */
export function optionalObjectsRelaxed(schema: EntitySchema): EntitySchema {
  const required = new Set(schema.required);
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, raw]) => {
      const field = resolveLocalRef(schema, raw);
      return [name, field.properties && !required.has(name) ? { ...field, required: [] } : raw];
    }),
  );
  return { ...schema, properties };
}

/**
 * Offers only the statuses a record may take: on create the type's initial statuses, on edit the current
 * one and the moves its transitions allow. The server enforces the same rule; this keeps the form honest.
 */
export function statusLimited(
  schema: EntitySchema,
  meta: EntityMeta,
  current: unknown,
  roles: readonly string[],
): EntitySchema {
  const status = meta.status;
  const field = status ? schema.properties[status.field] : undefined;
  if (!status || !field) return schema;
  const from = typeof current === 'string' ? current : undefined;
  const allowed = (
    from === undefined ? [...status.initial] : [from, ...(status.transitions[from] ?? [])]
  ).filter((to) => mayMove(status, from, to, roles));
  return { ...schema, properties: { ...schema.properties, [status.field]: { ...field, enum: allowed } } };
}

/** Drops nested objects the user left empty, e.g. `billingAddress: {}`, before sending a record. */
export function withoutEmptyObjects(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, value]) =>
        !(
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((inner) => inner === undefined || inner === '')
        ),
    ),
  );
}

/**
 * The uiSchema of an entity form, read from the schema's annotations: reference fields get the searchable
 * record picker, money and rate fields their unit inputs, long text a textarea, system fields stay hidden.
 */
export function entityUiSchema(schema: EntitySchema): UiSchema {
  const ui = objectUi(schema, schema, true);
  return { ...ui, 'ui:submitButtonOptions': { submitText: 'Save' } };
}

function objectUi(root: JsonSchema, node: JsonSchema, topLevel: boolean): UiSchema {
  const ui: UiSchema = {};
  for (const [name, raw] of Object.entries(node.properties ?? {})) {
    if (topLevel && systemFields.has(name)) {
      ui[name] = { 'ui:widget': 'hidden' };
      continue;
    }
    const field = resolveLocalRef(root, raw);
    const fieldUi = fieldUiSchema(root, field);
    if (Object.keys(fieldUi).length > 0) ui[name] = fieldUi;
  }
  return ui;
}

function fieldUiSchema(root: JsonSchema, field: JsonSchema): UiSchema {
  if (field.properties) return objectUi(root, field, false);
  if (field.items) {
    return {
      items: fieldUiSchema(root, resolveLocalRef(root, field.items)),
      'ui:options': { orderable: false },
    };
  }
  switch (fieldKind(field)) {
    case 'ref':
      return { 'ui:widget': 'ref', 'ui:options': { target: field['x-ref'] } };
    case 'money':
      return { 'ui:widget': 'money', 'ui:description': withoutUnitNote(field.description) };
    case 'percent':
      return { 'ui:widget': 'percent', 'ui:description': withoutUnitNote(field.description) };
    case 'enum':
      return { 'ui:enumNames': (field.enum ?? []).map(humanize) };
    default:
      return field.type === 'string' && (field.maxLength ?? 0) >= 1000 ? { 'ui:widget': 'textarea' } : {};
  }
}

/**
 * Turns the server's error details into rjsf `extraErrors`, so each message shows under its field.
 * Paths may be dotted (`lines.0.quantity`) or JSON pointers (`/lines/0/quantity`); details without a
 * path that names a field come back in `general`.
 *
 * @example
 * serverErrorSchema([{ path: 'lines.0.quantity', message: 'must be >= 1' }]).errors;
 * // { lines: { 0: { quantity: { __errors: ['must be >= 1'] } } } }
 */
export function serverErrorSchema(details: readonly ApiErrorDetail[]): {
  errors: ErrorSchema;
  general: string[];
} {
  const errors: Record<string, unknown> = {};
  const general: string[] = [];
  for (const detail of details) {
    const segments = detail.path
      .replace(/\[(\d+)\]/g, '.$1')
      .split(/[./]/)
      .filter(Boolean);
    if (segments.length === 0) {
      general.push(detail.message);
      continue;
    }
    let node = errors;
    for (const segment of segments) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), detail.message];
  }
  return { errors: errors as ErrorSchema, general };
}

/**
 * The JSON merge patch (RFC 7396) that turns `before` into `after`: changed values, `null` for removed
 * keys, nested objects patched key by key, arrays replaced whole. Undefined when nothing changed.
 */
export function createMergePatch(before: unknown, after: unknown): unknown {
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
  }
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (!(key in after) || after[key] === undefined) patch[key] = null;
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const child = key in before ? createMergePatch(before[key], value) : value;
    if (child !== undefined) patch[key] = child;
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The wire unit notes ("In minor units…", "In basis points…") would mislead next to inputs in € and %.
function withoutUnitNote(description: string | undefined): string {
  return (description ?? '').replace(/\s*In (minor units|basis points)\b.*$/, '');
}
