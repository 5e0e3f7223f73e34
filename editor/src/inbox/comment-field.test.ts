import { formWithoutComment } from './comment-field';

describe('one comment field', () => {
  test('a form that asks for a comment leaves it to the Comment box', () => {
    expect(
      formWithoutComment({
        type: 'object',
        required: ['comment', 'amount'],
        properties: { comment: { type: 'string', maxLength: 2000 }, amount: { type: 'integer' } },
      }),
    ).toEqual({
      schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
      commentInData: true,
    });
  });

  test.each([
    ['no form', undefined],
    [
      'a form without a comment',
      { type: 'object' as const, properties: { amount: { type: 'integer' as const } } },
    ],
    [
      'a comment that is not text',
      { type: 'object' as const, properties: { comment: { type: 'boolean' as const } } },
    ],
  ])('%s is left as it is', (_case, schema) => {
    expect(formWithoutComment(schema)).toEqual({ schema, commentInData: false });
  });
});
