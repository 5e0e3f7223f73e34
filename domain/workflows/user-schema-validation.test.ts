import { UnusableSchemaError, validateAgainstSchema } from './user-schema-validation';

const schema = {
  type: 'object',
  required: ['amount'],
  properties: {
    amount: { type: 'integer', minimum: 1 },
    lines: { type: 'array', items: { type: 'object', required: ['sku'] } },
    email: { type: 'string', format: 'email' },
  },
  additionalProperties: false,
  'x-ui-order': ['amount'],
};

describe('validateAgainstSchema', () => {
  test.each<[string, unknown, Array<{ path: string; message: string }>]>([
    ['valid data', { amount: 3, lines: [{ sku: 'A' }] }, []],
    ['a missing field', {}, [{ path: 'data.amount', message: 'is required' }]],
    ['a number too small', { amount: 0 }, [{ path: 'data.amount', message: 'must be >= 1' }]],
    [
      'a nested missing field',
      { amount: 1, lines: [{}] },
      [{ path: 'data.lines.0.sku', message: 'is required' }],
    ],
    ['an unknown field', { amount: 1, x: 1 }, [{ path: 'data.x', message: 'is not an allowed property' }]],
    [
      'a bad format',
      { amount: 1, email: 'nope' },
      [{ path: 'data.email', message: 'must match format "email"' }],
    ],
    ['not an object', 'text', [{ path: 'data', message: 'must be object' }]],
  ])('%s', (_name, value, issues) => {
    expect(validateAgainstSchema(schema, value, 'data')).toEqual(issues);
  });

  test('a schema that cannot be compiled is an UnusableSchemaError', () => {
    expect(() => validateAgainstSchema({ type: 'no-such-type' }, {}, 'data')).toThrow(UnusableSchemaError);
  });
});
