import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { addAnnotationKeywords } from './annotation-keywords';
import { checkEntitySchema, checkNumberingPrefixes } from './check-entity-schema';
import { entitySchemas, getEntitySchema, isEntityType } from './entity-schemas';
import { entityTypes } from './types/index.generated';

describe('entity schemas', () => {
  it('cover exactly the entity types of the spec', () => {
    expect([...entityTypes].sort()).toEqual(
      [
        'account',
        'contact',
        'lead',
        'opportunity',
        'activity',
        'ticket',
        'product',
        'warehouse',
        'stockItem',
        'quote',
        'salesOrder',
        'shipment',
        'invoice',
        'payment',
        'supplier',
        'purchaseRequisition',
        'purchaseOrder',
        'goodsReceipt',
        'supplierInvoice',
      ].sort(),
    );
    expect(Object.keys(entitySchemas).sort()).toEqual([...entityTypes].sort());
  });

  it.each([...entityTypes])('%s compiles in strict mode and its annotations make sense', (type) => {
    const ajv = addAnnotationKeywords(addFormats(new Ajv({ strict: true, allErrors: true })));
    expect(() => ajv.compile(getEntitySchema(type))).not.toThrow();
    expect(checkEntitySchema(type, getEntitySchema(type), entityTypes)).toEqual([]);
  });

  it('use each numbering prefix once', () => {
    expect(checkNumberingPrefixes(entitySchemas)).toEqual([]);
  });

  it('share one definition of the system fields', () => {
    const reference = entitySchemas.account.properties;
    for (const type of entityTypes) {
      const { properties } = getEntitySchema(type);
      for (const name of ['_id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archived']) {
        expect([type, properties[name]]).toEqual([type, reference[name]]);
      }
    }
  });

  it('share one definition of the priced document line and address', () => {
    const priced = ['quote', 'salesOrder', 'invoice', 'purchaseOrder', 'supplierInvoice'] as const;
    const line = (type: (typeof priced)[number]) => {
      const { unitPrice: _price, ...rest } = getEntitySchema(type).definitions?.line?.properties ?? {};
      return rest;
    };
    for (const type of priced) expect([type, line(type)]).toEqual([type, line('quote')]);
    for (const type of entityTypes) {
      const address = getEntitySchema(type).definitions?.address;
      if (address !== undefined)
        expect([type, address]).toEqual([type, entitySchemas.account.definitions?.address]);
    }
  });

  it.each([
    ['quote', true],
    ['salesOrder', true],
    ['sales-order', false],
    ['constructor', false],
    ['__proto__', false],
    ['', false],
  ])('isEntityType(%j) is %j', (value, expected) => {
    expect(isEntityType(value)).toBe(expected);
  });
});
