import { getEntitySchema } from '../../schemas/entity-schemas';
import { conditionWords } from './condition-words';
import { describeWait, waitingVisits, type WaitVisit } from './describe-wait';

const invoice = getEntitySchema('invoice');

function visit(params: Partial<WaitVisit['params']>): WaitVisit {
  return {
    nodeId: 'awaitPayment',
    visit: 1,
    startedAt: '2026-03-02T09:00:00.000Z',
    params: { entityType: 'invoice', id: 'inv1', condition: '=status = "paid"', ...params },
  };
}

describe('a flow.waitFor condition in words', () => {
  test.each([
    ['=status = "paid"', 'that makes it paid'],
    ['="paid" = status', 'that makes it paid'],
    ['=$entity.status = "partiallyPaid"', 'that makes it partially paid'],
    ['=$.status in ["paid", "cancelled"]', 'that makes it paid or cancelled'],
    ['=status in ["issued", "partiallyPaid", "paid"]', 'that makes it issued, partially paid or paid'],
    ['=amountDue = 0', 'that makes its amount due 0'],
    ['=$context.currency = "EUR"', 'that makes its currency "EUR"'],
    ['=amountPaid > 100', 'that makes “amountPaid > 100” true'],
    ['=status = "paid" and amountDue = 0', 'that makes “status = "paid" and amountDue = 0” true'],
    ['=unknownField = 1', 'that makes “unknownField = 1” true'],
    ['=status = $vars.goal', 'that makes “status = $vars.goal” true'],
    ['=status =', 'that makes “status =” true'],
    [true, 'that makes “true” true'],
  ])('%j reads %j', (condition, text) => {
    expect(conditionWords(condition, invoice).text).toBe(text);
  });

  test('an expression says which fields of the record it reads', () => {
    expect(conditionWords('=amountPaid > 100 and $entity.amountDue < $nodes.x.limit', invoice)).toEqual({
      kind: 'expression',
      fields: ['amountPaid', 'amountDue'],
      text: 'that makes “amountPaid > 100 and $entity.amountDue < $nodes.x.limit” true',
    });
  });
});

describe('what a waiting run waits for', () => {
  test('a payment that makes the invoice paid, with the action that records it and the timeout', () => {
    expect(
      describeWait(visit({ timeout: 'P7D' }), { _id: 'inv1', number: 'INV-2026-000008', status: 'issued' }),
    ).toEqual({
      nodeId: 'awaitPayment',
      visit: 1,
      entityType: 'invoice',
      entityId: 'inv1',
      label: 'INV-2026-000008',
      condition: 'status = "paid"',
      conditionText: 'that makes it paid',
      sentence: 'Waiting for a payment on invoice INV-2026-000008 that makes it paid',
      timesOutAt: '2026-03-09T09:00:00.000Z',
      action: { label: 'Record a payment', entityType: 'payment', from: 'invoice:inv1' },
    });
  });

  test.each([
    // A payment moves the amounts, so any condition on them alone is its to satisfy.
    ['=amountDue = 0', 'Waiting for a payment on invoice INV-2026-000008 that makes its amount due 0', true],
    [
      '=amountPaid >= 5000',
      'Waiting for a payment on invoice INV-2026-000008 that makes “amountPaid >= 5000” true',
      true,
    ],
    // No payment cancels an invoice, nor changes its notes.
    [
      '=status = "cancelled"',
      'Waiting for a change to invoice INV-2026-000008 that makes it cancelled',
      false,
    ],
    [
      '=status = "paid" and notes = "ok"',
      'Waiting for a change to invoice INV-2026-000008 that makes “status = "paid" and notes = "ok"” true',
      false,
    ],
  ])('%j: %j', (condition, sentence, hasAction) => {
    const described = describeWait(visit({ condition }), { number: 'INV-2026-000008' });
    expect(described.sentence).toBe(sentence);
    expect(described.action !== null).toBe(hasAction);
  });

  test('a record with no follow-up waits for a change; a missing record is named by its id', () => {
    const ticket = describeWait(
      visit({ entityType: 'ticket', id: 't1', condition: '=status in ["resolved", "closed"]' }),
      { number: 'TCK-2026-000004', subject: 'Printer jam' },
    );
    expect(ticket.sentence).toBe(
      'Waiting for a change to ticket TCK-2026-000004 Printer jam that makes it resolved or closed',
    );
    expect(ticket.action).toBeNull();
    expect(ticket.timesOutAt).toBeNull();
    const missing = describeWait(
      visit({ entityType: 'purchaseRequisition', id: 'pr9', condition: '=status = "ordered"' }),
      undefined,
    );
    expect(missing.sentence).toBe('Waiting for a change to purchase requisition pr9 that makes it ordered');
    expect(missing.label).toBeNull();
  });

  test('only waiting flow.waitFor visits are read from a trace', () => {
    const input = { entityType: 'invoice', id: 'inv1', condition: '=status = "paid"', timeout: 'PT1H' };
    const trace = [
      { nodeId: 'start', type: 'trigger.manual', visit: 1, status: 'completed', startedAt: 'a' },
      { nodeId: 'w1', type: 'flow.waitFor', visit: 1, status: 'completed', startedAt: 'b', input },
      { nodeId: 'w2', type: 'flow.waitFor', visit: 2, status: 'waiting', startedAt: 'c', input },
      {
        nodeId: 'w3',
        type: 'flow.waitFor',
        visit: 1,
        status: 'waiting',
        startedAt: 'd',
        input: { truncated: true },
      },
      { nodeId: 'approve', type: 'human.approval', visit: 1, status: 'waiting', startedAt: 'e', input },
    ];
    expect(waitingVisits(trace)).toEqual([{ nodeId: 'w2', visit: 2, startedAt: 'c', params: input }]);
  });
});
