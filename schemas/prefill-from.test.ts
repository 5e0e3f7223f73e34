import { getEntitySchema } from './entity-schemas';
import { followUpRecords } from './follow-up-records';
import { prefillFrom } from './prefill-from';

const invoice = {
  _id: 'inv1',
  number: 'INV-2026-000008',
  accountId: 'acc1',
  contactId: 'con1',
  status: 'partiallyPaid',
  currency: 'EUR',
  paymentTerms: 'net30',
  total: 119000,
  amountPaid: 19000,
  amountDue: 100000,
  notes: 'Thank you for your order',
  version: 3,
  createdBy: 'u1',
};

describe('a new record prefilled from the record it is made for', () => {
  test('a payment from an invoice: the invoice, its account and currency, and what is still open', () => {
    expect(
      prefillFrom(getEntitySchema('payment'), {
        type: 'invoice',
        schema: getEntitySchema('invoice'),
        record: invoice,
      }),
    ).toEqual({ invoiceId: 'inv1', accountId: 'acc1', currency: 'EUR', amount: 100000 });
  });

  test('the general rules hold for any pair of types: references to the source, same-kind fields (an enum with the same values)', () => {
    const account = {
      _id: 'acc1',
      name: 'Northwind',
      currency: 'USD',
      paymentTerms: 'net14',
      status: 'active',
    };
    expect(
      prefillFrom(getEntitySchema('quote'), {
        type: 'account',
        schema: getEntitySchema('account'),
        record: account,
      }),
    ).toEqual({ accountId: 'acc1', currency: 'USD', paymentTerms: 'net14' });
  });

  test('no status, free text, read-only or system field is carried over', () => {
    const order = {
      _id: 'so1',
      number: 'SO-2026-000001',
      status: 'confirmed',
      notes: 'n',
      accountId: 'acc1',
      currency: 'EUR',
      total: 5,
    };
    const prefilled = prefillFrom(getEntitySchema('invoice'), {
      type: 'salesOrder',
      schema: getEntitySchema('salesOrder'),
      record: order,
    });
    expect(prefilled).toEqual({ salesOrderId: 'so1', accountId: 'acc1', currency: 'EUR' });
  });
});

describe('the follow-up records table', () => {
  test.each(followUpRecords.map((followUp) => [followUp.create, followUp.for, followUp]))(
    'a %s for a %s names fields its schemas have',
    (_create, _for, followUp) => {
      const target = getEntitySchema(followUp.create);
      const source = getEntitySchema(followUp.for);
      expect(Object.values(target.properties).some((field) => field['x-ref'] === followUp.for)).toBe(true);
      for (const [field, values] of Object.entries(followUp.moves)) {
        const property = source.properties[field];
        expect(property).toBeDefined();
        if (values !== 'any') expect(values.every((value) => property?.enum?.includes(value))).toBe(true);
      }
      for (const [field, from] of Object.entries(followUp.prefill)) {
        expect(target.properties[field]?.type).toBe(source.properties[from]?.type);
      }
    },
  );
});
