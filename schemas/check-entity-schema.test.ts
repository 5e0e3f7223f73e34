import { checkEntitySchema, checkNumberingPrefixes } from './check-entity-schema';
import type { EntitySchema, JsonSchema } from './json-schema';

const system: Record<string, JsonSchema> = {
  _id: { type: 'string', title: 'ID', readOnly: true },
  version: { type: 'integer', title: 'Version', readOnly: true },
  createdAt: { type: 'string', title: 'Created at', readOnly: true },
  updatedAt: { type: 'string', title: 'Updated at', readOnly: true },
  createdBy: { type: 'string', title: 'Created by', readOnly: true },
  updatedBy: { type: 'string', title: 'Updated by', readOnly: true },
  archived: { type: 'boolean', title: 'Archived', readOnly: true, default: false },
};

/** A minimal sound schema for type `thing`, with `fields` added and `required` extended. */
function thing(
  fields: Record<string, JsonSchema>,
  extra: Partial<EntitySchema> = {},
  required: string[] = [],
): EntitySchema {
  return {
    title: 'Thing',
    description: 'A test entity.',
    type: 'object',
    'x-entity': 'thing',
    'x-group': 'crm',
    'x-title': 'name',
    additionalProperties: false,
    required: ['name', ...required, ...Object.keys(system)],
    properties: { name: { type: 'string', title: 'Name' }, ...system, ...fields },
    ...extra,
  };
}

const status = (transitions: Record<string, string[]>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  title: 'Status',
  enum: Object.keys(transitions),
  default: Object.keys(transitions)[0],
  'x-transitions': transitions,
  ...extra,
});

describe('checkEntitySchema', () => {
  it.each<[string, EntitySchema, string[]]>([
    ['a sound schema', thing({ status: status({ a: ['b'], b: [] }) }, {}, ['status']), []],
    [
      'x-entity differing from the file name',
      thing({}, { 'x-entity': 'other' }),
      ['thing: x-entity must be "thing", the file name'],
    ],
    [
      'x-title naming no property',
      thing({}, { 'x-title': 'label' }),
      ['thing: x-title names no property: label'],
    ],
    [
      'a writable system field',
      thing({ version: { type: 'integer', title: 'Version' } }),
      ['thing.version: system field must be required and readOnly'],
    ],
    [
      'an open nested object',
      thing({ address: { type: 'object', title: 'Address', properties: {} } }),
      ['thing.address: objects must set additionalProperties: false'],
    ],
    [
      'a required field that does not exist',
      thing({}, {}, ['ghost']),
      ['thing: required names no property: ghost'],
    ],
    [
      'an optional field with a default',
      thing({ score: { type: 'integer', title: 'Score', default: 0 } }),
      ['thing.score: a field with a default must be required'],
    ],
    ['a field without title', thing({ code: { type: 'string' } }), ['thing.code: needs a title for forms']],
    [
      'a reference to an unknown type',
      thing({ ownerId: { type: 'string', title: 'Owner', 'x-ref': 'user' } }),
      ['thing.ownerId: x-ref names unknown entity type user'],
    ],
    [
      'a writable computed field',
      thing({ total: { type: 'integer', title: 'Total', 'x-computed': 'totals' } }),
      ['thing.total: x-computed field must be readOnly'],
    ],
    [
      'a filterable nested field',
      thing({
        lines: {
          type: 'array',
          title: 'Lines',
          items: {
            type: 'object',
            title: 'Line',
            additionalProperties: false,
            properties: { sku: { type: 'string', title: 'SKU', 'x-filterable': true } },
          },
        },
      }),
      ['thing.lines.*.sku: only top-level scalar fields can be filterable or searchable'],
    ],
    [
      'a searchable number',
      thing({ score: { type: 'integer', title: 'Score', 'x-searchable': true } }),
      ['thing.score: only text fields can be searchable'],
    ],
    [
      'a duplicate check on a number',
      thing({ score: { type: 'integer', title: 'Score', 'x-duplicate': 'name' } }),
      ['thing.score: x-duplicate needs a top-level text field'],
    ],
    [
      'numbering on a writable field with the wrong pattern',
      thing({
        number: { type: 'string', title: 'Number', pattern: '^T-[0-9]+$', 'x-numbering': { prefix: 'THG' } },
      }),
      [
        'thing.number: x-numbering needs a top-level readOnly x-unique field',
        'thing.number: pattern must be ^THG-[0-9]{4}-[0-9]{6,}$',
      ],
    ],
    [
      'transitions missing a status and naming an unknown one',
      thing({ status: status({ a: ['b', 'z'], b: [] }, { enum: ['a', 'b', 'c'] }) }, {}, ['status']),
      [
        'thing.status: x-transitions must list every status exactly once: a, b, c',
        'thing.status: transition a -> z names an unknown status',
      ],
    ],
    [
      'a transition to itself',
      thing({ status: status({ a: ['a', 'b'], b: [] }) }, {}, ['status']),
      ['thing.status: transition a -> a goes nowhere'],
    ],
    [
      'a status default outside the enum',
      thing({ status: status({ a: ['b'], b: [] }, { default: 'x' }) }, {}, ['status']),
      ['thing.status: status needs a default from its enum'],
    ],
    [
      'initial statuses without the default',
      thing({ status: status({ a: ['b'], b: [] }, { 'x-initial': ['b'] }) }, {}, ['status']),
      ['thing.status: x-initial must be statuses of the enum and include the default'],
    ],
    [
      'two status fields',
      thing(
        { status: status({ a: ['b'], b: [] }), stage: status({ a: ['b'], b: [] }, { title: 'Stage' }) },
        {},
        ['status', 'stage'],
      ),
      ['thing: at most one field may have x-transitions'],
    ],
    [
      'x-initial without transitions',
      thing({ kind: { type: 'string', title: 'Kind', enum: ['a'], 'x-initial': ['a'] } }),
      ['thing.kind: x-initial needs x-transitions'],
    ],
    [
      'a unique key naming no property',
      thing({}, { 'x-unique-keys': [['name', 'ghost']] }),
      ['thing: x-unique-keys names no property: ghost'],
    ],
  ])('reports %s', (_case, schema, problems) => {
    expect(checkEntitySchema('thing', schema, ['thing', 'account'])).toEqual(problems);
  });
});

describe('checkNumberingPrefixes', () => {
  const numbered = (prefix: string): EntitySchema =>
    thing({
      number: {
        type: 'string',
        title: 'Number',
        pattern: `^${prefix}-[0-9]{4}-[0-9]{6,}$`,
        readOnly: true,
        'x-unique': true,
        'x-numbering': { prefix },
      },
    });

  it('accepts distinct prefixes', () => {
    expect(checkNumberingPrefixes({ one: numbered('ONE'), two: numbered('TWO') })).toEqual([]);
  });

  it('reports a prefix used twice', () => {
    expect(checkNumberingPrefixes({ one: numbered('DUP'), two: numbered('DUP') })).toEqual([
      'two.number: numbering prefix DUP is already used by one',
    ]);
  });
});
