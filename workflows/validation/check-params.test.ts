import { nodeTypeList, nodeTypes } from '../node-types/registry';
import { checkParams } from './check-params';
import { acceptExpressions, EXPRESSION_PLACEHOLDER, withPlaceholders } from './expression-tolerant-schema';

describe('checkParams', () => {
  test.each(nodeTypeList.map((declaration) => [declaration.type, declaration] as const))(
    '%s params schema compiles in strict mode',
    (type, declaration) => {
      expect(() => checkParams({ id: 'n', type, params: {} }, declaration)).not.toThrow();
    },
  );

  test.each([
    [
      'http.request',
      { method: 'POST', url: '=$vars.url', headers: { 'X-Key': '=$vars.key' }, timeoutMs: '=$vars.ms' },
    ],
    ['notify.email', { to: ['=$vars.a', 'b@example.com'], subject: '=$vars.s', body: 'hi' }],
    ['logic.switch', { cases: [{ port: 'a', condition: '=$x' }] }],
    ['flow.forEach', { items: '=$input.lines', body: 'b', concurrency: 3 }],
    ['erp.threeWayMatch', { purchaseOrderId: '=$x', supplierInvoiceId: 's', priceToleranceBp: '=$y' }],
  ])('%s accepts expressions in nested and typed positions: %j', (type, params) => {
    expect(checkParams({ id: 'n', type, params }, nodeTypes[type]!)).toEqual([]);
  });

  test.each([
    ['logic.join', { mode: '=$vars.mode' }, 'params.mode'],
    ['flow.forEach', { items: [], body: '=$vars.body' }, 'params.body'],
    ['trigger.entity', { entityType: '=$x', events: ['created'] }, 'params.entityType'],
  ])('%s refuses an expression in a literal-only param', (type, params, path) => {
    expect(checkParams({ id: 'n', type, params }, nodeTypes[type]!)).toEqual([
      {
        nodeId: 'n',
        path,
        code: 'invalid_params',
        message: `Node "n" (${type}): ${path} must be written literally; an expression is not allowed here`,
      },
    ]);
  });
});

describe('expression-tolerant schemas', () => {
  test('withPlaceholders replaces expressions and unescapes literals, deep', () => {
    expect(withPlaceholders({ a: '=$x', b: ['==y', 1, { c: '=$z' }], d: 'plain' })).toEqual({
      a: EXPRESSION_PLACEHOLDER,
      b: ['=y', 1, { c: EXPRESSION_PLACEHOLDER }],
      d: 'plain',
    });
  });

  test('acceptExpressions wraps every value position below the root, except literal-only ones', () => {
    const expressionOr = (schema: object) => ({
      if: { const: EXPRESSION_PLACEHOLDER },
      then: true,
      else: schema,
    });
    expect(
      acceptExpressions({
        type: 'object',
        properties: {
          n: { type: 'integer' },
          list: { type: 'array', items: { type: 'string' } },
          mode: { type: 'string', enum: ['a'], 'x-literal': true },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        n: expressionOr({ type: 'integer' }),
        list: expressionOr({ type: 'array', items: expressionOr({ type: 'string' }) }),
        mode: { type: 'string', enum: ['a'], 'x-literal': true },
      },
    });
  });
});
