import { HttpError } from '../../http/http-error';
import { readTemplate } from './template-catalog';
import { installDefinition } from './template-install';
import { instantiateTemplate, resolveTemplateParams, templateParamNames } from './template-params';

const template = readTemplate('dunning', {
  template: {
    title: 'Dunning',
    description: 'Reminds customers of unpaid invoices',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reminderInterval: { type: 'string', title: 'Reminder interval', pattern: '^P', default: 'P7D' },
        maxReminders: { type: 'integer', title: 'Reminders', minimum: 0, maximum: 10, default: 3 },
        escalateTo: { type: 'string', enum: ['finance', 'admin'] },
      },
    },
  },
  definition: {
    name: 'Dunning',
    nodes: [
      { id: 'settings', type: 'data.set', params: { values: { max: { $param: 'maxReminders' } } } },
      { id: 'wait', type: 'flow.wait', params: { duration: { $param: 'reminderInterval' } } },
      { id: 'task', type: 'human.task', params: { assigneeRole: { $param: 'escalateTo' }, title: 'Call' } },
    ],
    edges: [],
  },
});

describe('template params', () => {
  it('lists the template with its params schema', () => {
    expect(template).toMatchObject({
      name: 'dunning',
      title: 'Dunning',
      description: 'Reminds customers of unpaid invoices',
    });
    expect(Object.keys(template.paramsSchema?.properties as object)).toEqual([
      'reminderInterval',
      'maxReminders',
      'escalateTo',
    ]);
  });

  it('reads a bare definition as a template without params', () => {
    expect(readTemplate('echo', { name: 'Echo', description: 'd', nodes: [], edges: [] })).toEqual({
      name: 'echo',
      title: 'Echo',
      description: 'd',
      definition: { name: 'Echo', description: 'd', nodes: [], edges: [] },
    });
  });

  it('fills defaults under the given params', () => {
    expect(resolveTemplateParams(template, { maxReminders: 0 })).toEqual({
      params: { reminderInterval: 'P7D', maxReminders: 0 },
      issues: [],
    });
  });

  it('names every param that does not fit', () => {
    expect(
      resolveTemplateParams(template, { maxReminders: 11, reminderInterval: 7, colour: 'red' }).issues,
    ).toEqual([
      { path: 'params.colour', message: 'is not an allowed property' },
      { path: 'params.reminderInterval', message: 'must be string' },
      { path: 'params.maxReminders', message: 'must be <= 10' },
    ]);
    expect(
      resolveTemplateParams(readTemplate('bare', { name: 'Bare', nodes: [], edges: [] }), { x: 1 }).issues,
    ).toEqual([{ path: 'params.x', message: 'is not a param of this template, which takes none' }]);
  });

  it('substitutes whole typed values, and drops placeholders without a value', () => {
    expect(instantiateTemplate(template.definition, { maxReminders: 2, reminderInterval: 'PT30S' })).toEqual({
      name: 'Dunning',
      nodes: [
        { id: 'settings', type: 'data.set', params: { values: { max: 2 } } },
        { id: 'wait', type: 'flow.wait', params: { duration: 'PT30S' } },
        { id: 'task', type: 'human.task', params: { title: 'Call' } },
      ],
      edges: [],
    });
    expect(templateParamNames(template.definition)).toEqual([
      'maxReminders',
      'reminderInterval',
      'escalateTo',
    ]);
  });

  it('puts params into expressions only as JSON literals, so they stay values', () => {
    const params = { stage: 'proposal", $x := "y', limit: 1000, tiers: ['gold', 'platinum'] };
    expect(
      instantiateTemplate(
        {
          condition: {
            $expression: '=$.stage = {{stage}} and $.total > {{ limit }} and $.tier in {{tiers}}',
          },
          unset: { $expression: '=$.x = {{missing}}' },
          value: { $param: 'stage' },
          plain: '=$x > {{limit}}',
        },
        params,
      ),
    ).toEqual({
      condition: '=$.stage = "proposal\\", $x := \\"y" and $.total > 1000 and $.tier in ["gold","platinum"]',
      unset: '=$.x = null',
      value: 'proposal", $x := "y',
      plain: '=$x > {{limit}}',
    });
    expect(templateParamNames({ a: { $expression: '{{limit}} {{tiers}}' }, b: { $param: 'limit' } })).toEqual(
      ['limit', 'tiers'],
    );
  });
});

describe('installDefinition', () => {
  it('installs with the params and an optional new name', () => {
    expect(
      installDefinition(template, { params: { escalateTo: 'admin' }, name: 'Dunning EU' }),
    ).toMatchObject({
      name: 'Dunning EU',
      nodes: [
        { params: { values: { max: 3 } } },
        { params: { duration: 'P7D' } },
        { params: { assigneeRole: 'admin', title: 'Call' } },
      ],
    });
    expect(installDefinition(template, undefined)).toMatchObject({ name: 'Dunning' });
  });

  it('is a 400 with paths for a body, params or name that do not fit', () => {
    const attempt = (body: unknown) => {
      try {
        installDefinition(template, body);
      } catch (error: unknown) {
        if (error instanceof HttpError) return { code: error.code, details: error.details };
        throw error;
      }
      return undefined;
    };
    expect(attempt({ params: [], name: '', extra: 1 })).toEqual({
      code: 'bad_request',
      details: [
        { path: 'extra', message: 'is not an allowed property' },
        { path: 'params', message: 'must be an object' },
        { path: 'name', message: 'must be a string of 1 to 200 characters' },
      ],
    });
    expect(attempt({ params: { escalateTo: 'support' } })).toEqual({
      code: 'validation_failed',
      details: [{ path: 'params.escalateTo', message: 'must be one of: finance, admin' }],
    });
    expect(attempt('x')?.code).toBe('bad_request');
  });
});
