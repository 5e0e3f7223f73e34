import { describeNodeTypes } from '../../../../workflows/node-types/registry';
import { searchPalette } from './palette-groups';

const types = describeNodeTypes();

describe('palette', () => {
  test('every node type is in exactly one section, in palette order', () => {
    const sections = searchPalette(types, '');
    expect(sections.map((section) => section.title)).toEqual([
      'Triggers',
      'Data',
      'Logic',
      'Flow',
      'People',
      'Integration',
      'ERP and CRM',
    ]);
    expect(sections.flatMap((section) => section.types).length).toBe(types.length);
    expect(sections[0]!.types.map((type) => type.type)).toEqual([
      'trigger.manual',
      'trigger.entity',
      'trigger.schedule',
      'trigger.webhook',
    ]);
  });

  test.each([
    ['approv', ['human.approval']],
    ['IF', ['logic.if']],
    ['record create', ['entity.create', 'entity.upsert']],
    ['lead', ['crm.convertLead']],
    ['nothing like this', []],
  ])('searching %s finds %j', (query, found) => {
    expect(searchPalette(types, query).flatMap((section) => section.types.map((type) => type.type))).toEqual(
      found,
    );
  });
});
