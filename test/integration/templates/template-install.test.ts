import { startWorkflowApi, type WorkflowApi } from '../workflows-api/workflows-api-fixture';

/* The shipped templates through the API: listed with their params, installed with defaults or params, published. */

let api: WorkflowApi;
beforeAll(async () => {
  api = await startWorkflowApi('template-install');
});
afterAll(() => api.close());

describe('the template gallery', () => {
  it('lists the four processes with a params schema for the install form', async () => {
    const list = await api.request('GET', '/templates');
    expect(list.status).toBe(200);
    const templates = list.body as {
      name: string;
      title: string;
      paramsSchema: { properties: Record<string, unknown> };
    }[];
    expect(templates.map((t) => [t.name, t.title])).toEqual([
      ['lead-intake', 'Lead intake'],
      ['procurement', 'Procurement'],
      ['quote-to-cash', 'Quote to cash'],
      ['support', 'Customer support'],
    ]);
    const quoteToCash = templates.find((t) => t.name === 'quote-to-cash');
    expect(quoteToCash?.paramsSchema.properties.discountApprovalThresholdBp).toMatchObject({
      type: 'integer',
      default: 1000,
      title: 'Discount needing approval (basis points)',
    });
    expect(Object.keys(quoteToCash ?? {}).sort()).toEqual(['description', 'name', 'paramsSchema', 'title']);
  });

  it.each(['lead-intake', 'procurement', 'quote-to-cash', 'support'])(
    'installs %s with its defaults and publishes it',
    async (name) => {
      const installed = await api.request('POST', `/templates/${name}/install`);
      expect(installed.status).toBe(201);
      const validation = await api.request('POST', `/workflows/${installed.body._id as string}/validate`);
      expect(validation.body).toEqual({ valid: true, errors: [] });
      // Runs act as their publisher: an admin publishes what the template writes.
      const published = await api.request(
        'POST',
        `/workflows/${installed.body._id as string}/publish`,
        undefined,
        {
          as: ['admin'],
        },
      );
      expect(published).toMatchObject({ status: 200, body: { version: 1 } });
    },
  );

  it('substitutes install params into the definition and takes a name', async () => {
    const installed = await api.request('POST', '/templates/quote-to-cash/install', {
      name: 'Quote to cash (EU)',
      params: { discountApprovalThresholdBp: 2500, approvalDueIn: 'PT4H', startStage: 'negotiation' },
    });
    expect(installed.status).toBe(201);
    const draft = installed.body.draft as {
      name: string;
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    const node = (id: string) => draft.nodes.find((n) => n.id === id)?.params;
    expect(draft.name).toBe('Quote to cash (EU)');
    expect(node('discountCheck')?.condition).toBe(
      '=$.subtotal > 0 and $.discountTotal * 10000 > $.subtotal * 2500',
    );
    expect(node('start')?.condition).toBe(
      '=$trigger.changes.stage.to = "negotiation" and $count($trigger.entity.lines) > 0',
    );
    expect(node('approval')).toMatchObject({ dueIn: 'PT4H', escalateTo: 'admin' });
  });

  it('refuses params that do not fit with 400 and their paths, and creates nothing', async () => {
    const before = (await api.request('GET', '/workflows')).body.items.length;
    const response = await api.request('POST', '/templates/support/install', {
      params: { firstResponseSla: '4 hours', lowScore: 9, vipTiers: ['diamond'], colour: 'red' },
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'extra', message: 'is not an allowed property' }]);
    const bad = await api.request('POST', '/templates/support/install', {
      params: { firstResponseSla: '4 hours', lowScore: 9, vipTiers: ['diamond'], colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      code: 'validation_failed',
      message: 'params do not fit the template support',
      details: [
        { path: 'params.colour', message: 'is not an allowed property' },
        { path: 'params.firstResponseSla', message: expect.stringMatching(/^must match pattern/) },
        { path: 'params.vipTiers.0', message: 'must be one of: platinum, gold, silver, bronze' },
        { path: 'params.lowScore', message: 'must be <= 5' },
      ],
    });
    expect((await api.request('GET', '/workflows')).body.items.length).toBe(before);
  });
});
