import type { JsonSchema } from '../model/core';

/** An rjsf uiSchema fragment. */
export interface UiSchema {
  [key: string]: unknown;
}

/** Whether a schema position is edited as JSON text rather than with generated inputs. */
export function isFreeForm(schema: JsonSchema): boolean {
  if (schema.anyOf || schema.oneOf) return true;
  if (schema.type === undefined && schema.enum === undefined && schema.const === undefined) return true;
  return schema.type === 'object' && schema.properties === undefined;
}

/**
 * The uiSchema of a params form: free-form values (objects without declared properties, untyped
 * params, alternatives) get the JSON field, lists of choices become checkboxes, long texts and
 * prose params a text area. Nested objects and list items are handled the same way.
 *
 * @example
 * paramsUiSchema({ type: 'object', properties: { data: { type: 'object' } } }); // { data: { 'ui:field': 'json' } }
 */
export function paramsUiSchema(schema: JsonSchema): UiSchema {
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const entry = positionUi(property, name);
    if (Object.keys(entry).length > 0) ui[name] = entry;
  }
  return ui;
}

// Params that hold prose by name, whatever their schema says about length.
const proseNames = new Set(['body', 'description', 'message', 'text', 'comment']);

function positionUi(schema: JsonSchema, name: string): UiSchema {
  if (isFreeForm(schema)) return { 'ui:field': 'json' };
  if (schema.type === 'array' && schema.items && !Array.isArray(schema.items)) {
    const items = schema.items;
    if (items.enum && schema.uniqueItems) return { 'ui:widget': 'checkboxes' };
    const itemUi = positionUi(items, '');
    return Object.keys(itemUi).length > 0 ? { items: itemUi } : {};
  }
  if (schema.type === 'object') return paramsUiSchema(schema);
  if (schema.type === 'string' && !schema.enum && ((schema.maxLength ?? 0) > 400 || proseNames.has(name)))
    return { 'ui:widget': 'textarea' };
  return {};
}
