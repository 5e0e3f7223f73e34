import { deriveInputSchema, stripReadOnly } from './input-schema';
import type { EntitySchema } from './json-schema';

const schema: EntitySchema = {
  title: 'Order',
  description: 'A test order.',
  type: 'object',
  'x-entity': 'order',
  'x-group': 'erp',
  'x-title': 'number',
  additionalProperties: false,
  required: ['number', 'status', 'lines', 'total'],
  properties: {
    number: { type: 'string', title: 'Number', readOnly: true },
    status: { type: 'string', title: 'Status', default: 'draft' },
    lines: { type: 'array', title: 'Lines', items: { $ref: '#/definitions/line' }, default: [] },
    total: { type: 'integer', title: 'Total', readOnly: true },
    note: { type: 'string', title: 'Note' },
  },
  definitions: {
    line: {
      type: 'object',
      title: 'Line',
      additionalProperties: false,
      required: ['sku', 'lineTotal'],
      properties: {
        sku: { type: 'string', title: 'SKU' },
        lineTotal: { type: 'integer', title: 'Line total', readOnly: true },
      },
    },
  },
};

describe('deriveInputSchema', () => {
  it('drops read-only fields at every level and makes defaulted fields optional', () => {
    const input = deriveInputSchema(schema);
    expect(input.required).toEqual([]);
    expect(Object.keys(input.properties)).toEqual(['status', 'lines', 'note']);
    expect(input.definitions?.line).toEqual({
      type: 'object',
      title: 'Line',
      additionalProperties: false,
      required: ['sku'],
      properties: { sku: { type: 'string', title: 'SKU' } },
    });
  });

  it('leaves the entity schema untouched', () => {
    const before = structuredClone(schema);
    deriveInputSchema(schema);
    expect(schema).toEqual(before);
  });
});

describe('stripReadOnly', () => {
  it.each<[string, unknown, unknown, string[]]>([
    ['a non-object as it is', 'text', 'text', []],
    ['null as it is', null, null, []],
    ['a clean document unchanged', { status: 'draft', note: 'x' }, { status: 'draft', note: 'x' }, []],
    [
      'read-only fields at the top and in array items',
      { number: 'SO-1', total: 5, lines: [{ sku: 'A', lineTotal: 5 }, { sku: 'B' }] },
      { lines: [{ sku: 'A' }, { sku: 'B' }] },
      ['number', 'total', 'lines.0.lineTotal'],
    ],
    [
      'unknown fields, kept for validation to report',
      { bogus: 1, lines: 'nope' },
      { bogus: 1, lines: 'nope' },
      [],
    ],
  ])('keeps %s', (_case, doc, value, stripped) => {
    expect(stripReadOnly(schema, doc)).toEqual({ value, stripped });
  });

  it('copies instead of changing the input', () => {
    const doc = { total: 5, lines: [{ sku: 'A', lineTotal: 5 }] };
    const { value } = stripReadOnly(schema, doc);
    expect(doc).toEqual({ total: 5, lines: [{ sku: 'A', lineTotal: 5 }] });
    expect((value as { lines: unknown[] }).lines[0]).not.toBe(doc.lines[0]);
  });
});
