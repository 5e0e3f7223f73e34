import type { ErrorInfo } from '../expressions/expression-bindings';
import { failureSummary } from './run-failure';

describe('failureSummary', () => {
  test.each<[string, ErrorInfo, string]>([
    ['a failure without details', { message: 'boom', type: 'Error' }, 'boom [Error]'],
    [
      'a validation failure with the paths the HTTP API gives',
      {
        message: 'invalid purchaseRequisition',
        type: 'ValidationError',
        details: [
          { path: 'requesterId', message: 'must NOT have more than 64 characters' },
          { path: 'lines.0.unitCost', message: 'must be integer' },
        ],
      },
      'invalid purchaseRequisition [ValidationError]: requesterId: must NOT have more than 64 characters; lines.0.unitCost: must be integer',
    ],
    [
      'details the message already names, said once',
      {
        message: 'erp.reserveStock params are invalid: params.quantity must be >= 1',
        type: 'ValidationError',
        details: [{ path: 'params.quantity', message: 'must be >= 1' }],
      },
      'erp.reserveStock params are invalid: params.quantity must be >= 1 [ValidationError]',
    ],
    [
      'a detail about the whole record, and entries that are not details',
      {
        message: 'invalid lead',
        type: 'ValidationError',
        details: [{ path: '', message: 'must have email or phone' }, 'stray', { path: 3 }],
      },
      'invalid lead [ValidationError]: must have email or phone',
    ],
    [
      'an HTTP failure, whose details are not a list',
      { message: 'answered 500', type: 'HttpStatus', status: 500 },
      'answered 500 [HttpStatus]',
    ],
  ])('%s', (_name, info, expected) => {
    expect(failureSummary(info)).toBe(expected);
  });
});
