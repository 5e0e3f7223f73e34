import type { ValidationError } from './core';
import { indexErrors, paramsErrorTree, pathSegments, shortMessage } from './validation-index';

const errors: ValidationError[] = [
  {
    nodeId: 'j',
    path: 'params.mode',
    code: 'invalid_params',
    message: 'Node "j" (logic.join): params.mode must be one of "all", "any"',
  },
  {
    nodeId: 's',
    path: 'params.cases[1].condition',
    code: 'expression_syntax',
    message:
      'Node "s" (logic.switch): Expression in params.cases[1].condition does not parse: Unexpected end of expression (position 5)',
  },
  {
    edgeId: 'e3',
    nodeId: 's',
    path: 'sourcePort',
    code: 'unknown_port',
    message: 'Edge "e3" leaves node "s" by port "x"',
  },
  { path: 'nodes', code: 'no_trigger', message: 'The workflow has no trigger' },
];

describe('validation index', () => {
  test('errors are grouped by node and edge; the rest are general', () => {
    const index = indexErrors(errors);
    expect(index.byNode.get('s')).toEqual([errors[1], errors[2]]);
    expect(index.byEdge.get('e3')).toEqual([errors[2]]);
    expect(index.general).toEqual([errors[3]]);
  });

  test.each([
    ['params.cases[1].condition', ['params', 'cases', 1, 'condition']],
    ['params["first name"]', ['params', 'first name']],
    ['type', ['type']],
    ['', []],
  ])('path %s', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });

  test('param errors become an rjsf error tree with short messages', () => {
    expect(paramsErrorTree(errors.slice(0, 3))).toEqual({
      mode: { __errors: ['must be one of "all", "any"'] },
      cases: {
        1: {
          condition: {
            __errors: [
              'Expression in params.cases[1].condition does not parse: Unexpected end of expression (position 5)',
            ],
          },
        },
      },
    });
    expect(shortMessage(errors[3]!)).toBe('The workflow has no trigger');
  });
});
