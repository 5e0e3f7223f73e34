import { formFields, formSchemaOf, newFieldName, type FormField } from './form-schema-model';

const approvalForm = {
  type: 'object',
  required: ['approvedDiscount'],
  properties: {
    approvedDiscount: { type: 'integer', title: 'Approved discount (%)', default: 10 },
    validUntil: { type: 'string', format: 'date', title: 'Valid until' },
    reason: { type: 'string', title: 'Reason', enum: ['price', 'loyalty'] },
    note: { type: 'string' },
    urgent: { type: 'boolean', title: 'Urgent' },
  },
};

const fields: FormField[] = [
  {
    name: 'approvedDiscount',
    title: 'Approved discount (%)',
    kind: 'integer',
    required: true,
    choices: [],
    default: 10,
  },
  { name: 'validUntil', title: 'Valid until', kind: 'date', required: false, choices: [] },
  { name: 'reason', title: 'Reason', kind: 'choice', required: false, choices: ['price', 'loyalty'] },
  { name: 'note', title: '', kind: 'text', required: false, choices: [] },
  { name: 'urgent', title: 'Urgent', kind: 'boolean', required: false, choices: [] },
];

describe('form builder model', () => {
  test('a form schema reads as builder fields and writes back the same', () => {
    expect(formFields(approvalForm)).toEqual(fields);
    expect(formSchemaOf(fields)).toEqual({
      ...approvalForm,
      properties: {
        ...approvalForm.properties,
        reason: { type: 'string', enum: ['price', 'loyalty'], title: 'Reason' },
      },
    });
    expect(formFields(formSchemaOf(fields))).toEqual(fields);
  });

  test.each([
    ['a pattern', { type: 'object', properties: { code: { type: 'string', pattern: '^A' } } }],
    ['a nested object', { type: 'object', properties: { address: { type: 'object' } } }],
    ['a top-level keyword', { type: 'object', properties: {}, additionalProperties: false }],
    ['not an object', { type: 'string' }],
  ])('a schema with %s stays JSON', (_case, schema) => {
    expect(formFields(schema)).toBeUndefined();
  });

  test('no schema is an empty form, and new fields get free names', () => {
    expect(formFields(undefined)).toEqual([]);
    expect(newFieldName(fields.slice(0, 1))).toBe('field2');
    expect(newFieldName([{ ...fields[0]!, name: 'field2' }])).toBe('field3');
  });
});
