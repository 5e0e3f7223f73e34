import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import broken from './fixtures/broken.json';
import manualApproval from './fixtures/manual-approval.json';
import quickEnd from './fixtures/quick-end.json';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

let api: WorkflowApi;
let templatesDir: string;

beforeAll(async () => {
  templatesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-templates-'));
  await fs.writeFile(path.join(templatesDir, 'echo.json'), JSON.stringify(quickEnd));
  await fs.writeFile(path.join(templatesDir, 'not-json.json'), '{ nope');
  api = await startWorkflowApi('workflows-drafts', { templatesDir });
});

afterAll(async () => {
  await api.close();
  await fs.rm(templatesDir, { recursive: true, force: true });
});

async function create(definition: object = quickEnd): Promise<string> {
  const response = await api.request('POST', '/workflows', definition);
  expect(response.status).toBe(201);
  return response.body._id as string;
}

describe('drafts', () => {
  test('create, read, list, replace with If-Match and archive', async () => {
    const created = await api.request('POST', '/workflows', quickEnd);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Echo',
      revision: 1,
      draft: quickEnd,
      createdBy: 'u-designer',
    });
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body._id as string;

    const read = await api.request('GET', `/workflows/${id}`, undefined, { as: ['viewer'] });
    expect(read.status).toBe(200);
    expect(read.body.draft).toEqual(quickEnd);

    const list = await api.request('GET', '/workflows');
    expect(list.status).toBe(200);
    const listed = (list.body.items as Array<{ _id: string }>).find((item) => item._id === id);
    expect(listed).toMatchObject({ _id: id, name: 'Echo', revision: 1 });
    expect(listed).not.toHaveProperty('draft');

    const renamed = { ...quickEnd, name: 'Echo 2', description: 'Says it back' };
    const replaced = await api.request('PUT', `/workflows/${id}`, renamed, {
      headers: { 'If-Match': '"1"' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      name: 'Echo 2',
      description: 'Says it back',
      revision: 2,
      draft: renamed,
    });

    const stale = await api.request('PUT', `/workflows/${id}`, quickEnd, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toEqual({
      code: 'precondition_failed',
      message: `workflow ${id} is at revision 2`,
      details: [{ path: 'If-Match', message: 'current revision is 2' }],
    });

    const archived = await api.request('DELETE', `/workflows/${id}`);
    expect(archived.status).toBe(204);
    expect((await api.request('GET', `/workflows/${id}`)).status).toBe(404);
    const after = await api.request('GET', '/workflows');
    expect((after.body.items as Array<{ _id: string }>).map((item) => item._id)).not.toContain(id);
    expect(api.publicationChanges).toContainEqual({ workflowId: id, publishedVersion: undefined });
  });

  test('a draft must be shaped like a definition', async () => {
    const response = await api.request('POST', '/workflows', { name: 'x', nodes: [{ id: 'a' }], edges: [] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details).toEqual([
      { nodeId: 'a', path: 'type', code: 'schema', message: 'Node "a" type is required' },
      { nodeId: 'a', path: 'params', code: 'schema', message: 'Node "a" params is required' },
    ]);
    const notObject = await api.request('POST', '/workflows', ['x']);
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.details).toEqual([
      { path: '', message: 'must be a JSON object with name, nodes and edges' },
    ]);
  });

  test('field names the store cannot hold portably are refused with their place', async () => {
    const definition = structuredClone(manualApproval);
    Object.assign(definition.nodes[0]!.params.inputSchema!, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { 'a.b': { type: 'string' } },
    });
    const response = await api.request('POST', '/workflows', definition);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'validation_failed',
      message: 'the draft holds field names that cannot be stored',
      details: [
        {
          nodeId: 'start',
          path: 'params.inputSchema.$schema',
          code: 'schema',
          message: 'The field name "$schema" cannot be stored: names may not start with $ or contain a dot',
        },
        {
          nodeId: 'start',
          path: 'params.inputSchema.definitions["a.b"]',
          code: 'schema',
          message: 'The field name "a.b" cannot be stored: names may not start with $ or contain a dot',
        },
      ],
    });
  });

  test('unknown ids are 404, bad If-Match and version numbers 400', async () => {
    expect((await api.request('GET', '/workflows/nope')).status).toBe(404);
    expect((await api.request('PUT', '/workflows/nope', quickEnd)).status).toBe(404);
    expect((await api.request('DELETE', '/workflows/nope')).status).toBe(404);
    expect((await api.request('POST', '/workflows/nope/publish')).status).toBe(404);
    expect((await api.request('GET', '/workflows/nope/versions')).status).toBe(404);
    const id = await create();
    const badIfMatch = await api.request('PUT', `/workflows/${id}`, quickEnd, {
      headers: { 'If-Match': 'abc' },
    });
    expect(badIfMatch.status).toBe(400);
    const badVersion = await api.request('GET', `/workflows/${id}/versions/0`);
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.details).toEqual([
      { path: 'version', message: 'must be a positive integer' },
    ]);
    expect((await api.request('GET', `/workflows/${id}/versions/7`)).status).toBe(404);
  });

  test('only designers and admins edit; viewers read', async () => {
    expect((await api.request('POST', '/workflows', quickEnd, { as: ['viewer'] })).status).toBe(403);
    expect((await api.request('POST', '/workflows', quickEnd, { as: ['sales'] })).status).toBe(403);
    expect((await api.request('POST', '/workflows', quickEnd, { as: ['admin'] })).status).toBe(201);
    const id = await create();
    expect((await api.request('PUT', `/workflows/${id}`, quickEnd, { as: ['viewer'] })).status).toBe(403);
    expect((await api.request('DELETE', `/workflows/${id}`, undefined, { as: ['finance'] })).status).toBe(
      403,
    );
    expect((await api.request('POST', `/workflows/${id}/publish`, undefined, { as: ['sales'] })).status).toBe(
      403,
    );
    expect((await api.request('GET', `/workflows/${id}`, undefined, { as: ['viewer'] })).status).toBe(200);
  });
});

describe('validate', () => {
  const expectedErrors = [
    {
      nodeId: 'mystery',
      path: 'type',
      code: 'unknown_node_type',
      message: 'Node "mystery" has unknown type "magic.wand"',
    },
    {
      edgeId: 'e4',
      path: 'target',
      code: 'unknown_node',
      message: 'Edge "e4" goes to node "nowhere", which does not exist',
    },
    {
      nodeId: 'approve',
      path: 'params.assigneeRole',
      code: 'invalid_params',
      message:
        'Node "approve" (human.approval): params.assigneeRole must be one of "admin", "designer", "sales", "salesManager", "finance", "procurement", "support", "supportLead", "viewer", "auditor"',
    },
    {
      nodeId: 'check',
      path: 'params.condition',
      code: 'expression_syntax',
      message:
        'Node "check" (logic.if): Expression in params.condition does not parse: Unexpected end of expression (position 15)',
    },
  ];

  test('names the node or edge and the param path of every error in the draft', async () => {
    const id = await create(broken);
    const response = await api.request('POST', `/workflows/${id}/validate`, undefined, { as: ['viewer'] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: false, errors: expectedErrors });
  });

  test('validates an unsaved definition sent in the body', async () => {
    const id = await create(broken);
    expect((await api.request('POST', `/workflows/${id}/validate`, manualApproval)).body).toEqual({
      valid: true,
      errors: [],
    });
  });

  test('publish refuses an invalid draft with 422 and the same errors', async () => {
    const id = await create(broken);
    const response = await api.request('POST', `/workflows/${id}/publish`);
    expect(response.status).toBe(422);
    expect(response.body.error).toEqual({
      code: 'unprocessable',
      message: `workflow ${id} has 4 validation errors`,
      details: expectedErrors,
    });
    expect((await api.request('GET', `/workflows/${id}/versions`)).body).toEqual({ items: [] });
  });
});

describe('versions', () => {
  test('publish creates immutable versions 1 and 2; unpublish keeps them', async () => {
    const id = await create(quickEnd);
    const first = await api.request('POST', `/workflows/${id}/publish`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ workflowId: id, version: 1 });

    const edited = { ...quickEnd, description: 'second' };
    expect((await api.request('PUT', `/workflows/${id}`, edited)).status).toBe(200);
    const second = await api.request('POST', `/workflows/${id}/publish`);
    expect(second.body).toMatchObject({ workflowId: id, version: 2 });

    const workflow = await api.request('GET', `/workflows/${id}`);
    expect(workflow.body.publishedVersion).toBe(2);

    const v1 = await api.request('GET', `/workflows/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({
      _id: `${id}:1`,
      workflowId: id,
      version: 1,
      definition: quickEnd,
      publishedBy: 'u-designer',
      triggers: [{ nodeId: 'start', type: 'trigger.manual', params: {} }],
    });
    expect((await api.request('GET', `/workflows/${id}/versions/2`)).body.definition).toEqual(edited);

    const versions = await api.request('GET', `/workflows/${id}/versions`);
    expect((versions.body.items as Array<{ version: number }>).map((v) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0]).not.toHaveProperty('definition');

    const unpublished = await api.request('POST', `/workflows/${id}/unpublish`);
    expect(unpublished.status).toBe(200);
    expect(unpublished.body).toEqual({ workflowId: id, publishedVersion: null });
    expect((await api.request('GET', `/workflows/${id}`)).body).not.toHaveProperty('publishedVersion');
    expect((await api.request('GET', `/workflows/${id}/versions`)).body.items).toHaveLength(2);

    const third = await api.request('POST', `/workflows/${id}/publish`);
    expect(third.body.version).toBe(3);
    expect(api.publicationChanges.filter((change) => change.workflowId === id)).toEqual([
      { workflowId: id, publishedVersion: 1 },
      { workflowId: id, publishedVersion: 2 },
      { workflowId: id, publishedVersion: undefined },
      { workflowId: id, publishedVersion: 3 },
    ]);

    const audit = await api.services.db
      .collection('audit')
      .find({ resourceId: id, action: 'workflow.published' })
      .sort({ at: 1 })
      .toArray();
    expect(audit.map((entry) => entry.diff as unknown)).toEqual([
      { publishedVersion: { from: null, to: 1 } },
      { publishedVersion: { from: 1, to: 2 } },
      { publishedVersion: { from: null, to: 3 } },
    ]);
  });

  test('concurrent publishes each get their own version number', async () => {
    const id = await create(quickEnd);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.request('POST', `/workflows/${id}/publish`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.map((r) => r.body.version as number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await api.request('GET', `/workflows/${id}`)).body.publishedVersion).toBe(5);
  });
});

describe('catalogs', () => {
  test('node types come from the registry', async () => {
    const response = await api.request('GET', '/node-types', undefined, { as: ['viewer'] });
    expect(response.status).toBe(200);
    const types = (response.body as Array<{ type: string }>).map((t) => t.type);
    expect(types).toEqual(
      expect.arrayContaining(['trigger.manual', 'human.approval', 'logic.if', 'flow.end']),
    );
  });

  test('templates list the JSON files there are and install as a new draft', async () => {
    const list = await api.request('GET', '/templates');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ name: 'echo', title: 'Echo', description: '' }]);
    const installed = await api.request('POST', '/templates/echo/install');
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({ name: 'Echo', revision: 1, draft: quickEnd });
    expect((await api.request('POST', '/templates/missing/install')).status).toBe(404);
    expect((await api.request('POST', '/templates/..%2Fsecrets/install')).status).toBe(404);
    expect((await api.request('POST', '/templates/echo/install', undefined, { as: ['viewer'] })).status).toBe(
      403,
    );
  });
});
