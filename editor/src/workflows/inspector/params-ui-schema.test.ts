import type { JsonSchema } from '../model/core';
import { paramsUiSchema } from './params-ui-schema';

const params = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });

describe('params uiSchema', () => {
  test.each<[string, JsonSchema, unknown]>([
    [
      'an object without properties is JSON',
      params({ data: { type: 'object' } }),
      { data: { 'ui:field': 'json' } },
    ],
    ['an untyped param is JSON', params({ body: { title: 'Body' } }), { body: { 'ui:field': 'json' } }],
    [
      'alternatives are JSON',
      params({ to: { anyOf: [{ type: 'string' }, { type: 'array' }] } }),
      { to: { 'ui:field': 'json' } },
    ],
    [
      'a set of choices is checkboxes',
      params({ events: { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] } } }),
      { events: { 'ui:widget': 'checkboxes' } },
    ],
    [
      'long and prose strings are text areas, others inputs',
      params({
        notes: { type: 'string', maxLength: 4000 },
        body: { type: 'string' },
        url: { type: 'string' },
        id: { type: 'string', maxLength: 64 },
      }),
      { notes: { 'ui:widget': 'textarea' }, body: { 'ui:widget': 'textarea' } },
    ],
    [
      'list items and nested objects are handled alike',
      params({
        cases: {
          type: 'array',
          items: { type: 'object', properties: { port: { type: 'string' }, data: { type: 'object' } } },
        },
        retry: { type: 'object', properties: { headers: { type: 'object' } } },
      }),
      { cases: { items: { data: { 'ui:field': 'json' } } }, retry: { headers: { 'ui:field': 'json' } } },
    ],
    ['plain fields need nothing', params({ condition: { type: 'boolean' }, limit: { type: 'integer' } }), {}],
  ])('%s', (_name, schema, expected) => {
    expect(paramsUiSchema(schema)).toEqual(expected);
  });
});
