import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { temporal as proto } from '@temporalio/proto';
import { createCredentialStore } from '../../../domain/credentials';
import { createUserStore } from '../../../domain/users';
import { parseAllowlist } from '../../../worker/activities/ssrf-guard';
import { apiAs, logIn, type ApiResponse } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import { withWorkerOn } from '../../support/worker';
import { startTriggerApp, type TriggerApp } from '../schedules/trigger-app';

/*
 * Credentials against the real store, Temporal dev server and worker: CRUD through the whole
 * server app with the secret in no response, and http.request applying each kind against a
 * local HTTP server, with the secret in no run history.
 */

const secretsKey = randomBytes(32);
const secrets = {
  header: 'hdr-secret-value-0123456789',
  password: 'basic-password-9876543210',
  bearer: 'bearer-token-abcdefghijklmnop',
  rotated: 'bearer-token-ROTATED-qrstuvwx',
  clientSecret: 'client-secret-zyxwvutsrq1234',
};
let app: TriggerApp;
let server: http.Server;
let baseUrl: string;
let tokenRequests = 0;
/** Every response body of the credentials API, to prove no secret ever leaves. */
const responses: string[] = [];

beforeAll(async () => {
  app = await startTriggerApp('credentials', { secretsKey });
  await createCredentialStore(app.services.db, secretsKey).ensureIndexes();
  server = http.createServer((request, response) => {
    const auth = request.headers.authorization;
    const answer = (ok: boolean, who: string) => {
      response.statusCode = ok ? 200 : 401;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok, who }));
    };
    switch (request.url) {
      case '/header':
        return answer(request.headers['x-api-key'] === secrets.header, 'header');
      case '/basic':
        return answer(
          auth === `Basic ${Buffer.from(`svc-user:${secrets.password}`).toString('base64')}`,
          'basic',
        );
      case '/bearer':
        return answer(auth === `Bearer ${secrets.bearer}`, 'bearer');
      case '/rotated':
        return answer(auth === `Bearer ${secrets.rotated}`, 'rotated');
      case '/oauth/token': {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          tokenRequests += 1;
          const client = Buffer.from(`client-1:${secrets.clientSecret}`).toString('base64');
          const ok = auth === `Basic ${client}` && body === 'grant_type=client_credentials&scope=orders';
          response.statusCode = ok ? 200 : 401;
          response.setHeader('content-type', 'application/json');
          response.end(ok ? JSON.stringify({ access_token: 'issued-token-1', expires_in: 3600 }) : '{}');
        });
        return;
      }
      case '/oauth/api':
        return answer(auth === 'Bearer issued-token-1', 'oauth');
      default:
        response.statusCode = 404;
        response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

async function api(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await app.api(method, path, body);
  responses.push(JSON.stringify(response.body ?? null));
  return response;
}

async function createCredential(body: object): Promise<string> {
  const created = await api('POST', '/credentials', body);
  expect(created.status).toBe(201);
  return created.body.id as string;
}

function callingWorkflow(name: string, url: string, credentialId: string): object {
  return {
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'call',
        type: 'http.request',
        params: { method: 'GET', url, credentialId },
        retry: { maximumAttempts: 1 },
      },
      { id: 'ok', type: 'flow.end', params: { output: '=$nodes.call.body' } },
      { id: 'failed', type: 'flow.end', params: { output: '={"error": $error.message}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'call' },
      { id: 'e2', source: 'call', target: 'ok' },
      { id: 'e3', source: 'call', sourcePort: 'error', target: 'failed' },
    ],
  };
}

async function publish(definition: object): Promise<string> {
  const created = await api('POST', '/workflows', definition);
  expect(created.status).toBe(201);
  const workflowId = created.body._id as string;
  expect((await api('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  return workflowId;
}

/** Runs the published workflow through the API and returns its output and its raw history. */
async function runToEnd(workflowId: string): Promise<{ output: unknown; history: Buffer }> {
  const started = await api('POST', `/workflows/${workflowId}/runs`, { input: {} });
  expect(started.status).toBe(201);
  const runId = started.body.runId as string;
  const view = await eventually(async () => {
    const answer = await api('GET', `/runs/${runId}`);
    return answer.body.status === 'completed' ? answer : undefined;
  });
  const history = await app.services.temporal.workflow.getHandle(runId).fetchHistory();
  const result = view.body.result as unknown;
  const output = typeof result === 'object' && result !== null && 'output' in result ? result.output : result;
  return { output, history: Buffer.from(proto.api.history.v1.History.encode(history).finish()) };
}

function worker<T>(fn: () => Promise<T>): Promise<T> {
  const { db, temporalAddress, namespace, taskQueue } = app.services;
  return withWorkerOn(
    {
      db,
      temporalAddress,
      namespace,
      taskQueue,
      activityOptions: { secretsKey, httpAllowlist: parseAllowlist('127.0.0.1/32') },
    },
    fn,
  );
}

describe('credentials', () => {
  it('are created, listed, read, rotated and deleted, and no answer ever holds a secret', async () => {
    const id = await createCredential({
      name: 'Orders API key',
      kind: 'httpHeader',
      description: 'Read-only key',
      settings: { headerName: 'x-api-key' },
      secret: { value: secrets.header },
    });
    expect(id).toMatch(/^cred_[A-Za-z0-9_-]+$/);
    const got = await api('GET', `/credentials/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      id,
      name: 'Orders API key',
      kind: 'httpHeader',
      description: 'Read-only key',
      settings: { headerName: 'x-api-key' },
      hint: '••••6789',
      createdAt: expect.any(String),
      createdBy: expect.any(String),
      secretVersion: 1,
    });
    const listed = await api('GET', '/credentials');
    expect(listed.body.items).toEqual([got.body]);

    const rotated = await api('POST', `/credentials/${id}/rotate`, {
      secret: { value: `${secrets.header}-2` },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      id,
      secretVersion: 2,
      hint: '••••89-2',
      rotatedAt: expect.any(String),
    });

    // Bad input: 4xx with the field paths.
    const bad = await api('POST', '/credentials', {
      name: '',
      kind: 'basicAuth',
      settings: { user: 'x' },
      secret: { password: 7 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: 'name', message: 'must be a non-empty string of at most 200 characters' },
      { path: 'settings.user', message: 'is not a field of a basicAuth credential' },
      { path: 'settings.username', message: 'is required' },
      { path: 'secret.password', message: 'must be a string' },
    ]);
    const badKind = await api('POST', '/credentials', { name: 'x', kind: 'ssh', secret: {} });
    expect(badKind.body.error.details).toEqual([
      { path: 'kind', message: 'must be one of httpHeader, basicAuth, bearer, oauth2ClientCredentials' },
    ]);
    const taken = await api('POST', '/credentials', {
      name: 'Orders API key',
      kind: 'bearer',
      secret: { token: 'another-one' },
    });
    expect(taken.status).toBe(409);
    expect((await api('POST', `/credentials/${id}/rotate`, { secret: {} })).body.error.details).toEqual([
      { path: 'secret.value', message: 'is required' },
    ]);
    expect((await api('GET', '/credentials/cred_missing')).status).toBe(404);

    // Used by a published version: the delete is refused until it is unpublished.
    const workflowId = await publish(callingWorkflow('Uses the key', `${baseUrl}/header`, id));
    const usage = await api('GET', `/credentials/${id}/usage`);
    expect(usage.body.items).toEqual([
      {
        workflowId,
        name: 'Uses the key',
        draftNodes: ['call'],
        publishedVersion: 1,
        publishedNodes: ['call'],
      },
    ]);
    const refused = await api('DELETE', `/credentials/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'conflict',
      message: `credential ${id} is used by published workflows: Uses the key`,
      details: [{ path: `workflows.${workflowId}`, message: 'version 1 uses it in call' }],
    });
    expect((await api('POST', `/workflows/${workflowId}/unpublish`)).status).toBe(200);
    expect((await api('DELETE', `/credentials/${id}`)).status).toBe(204);
    expect((await api('GET', `/credentials/${id}`)).status).toBe(404);

    // Designers list and read credentials to pick one; only admins manage them.
    await createUserStore(app.services.db).createUser(
      { email: 'dee@example.com', name: 'Dee', roles: ['designer'], password: 'designer-password-1' },
      { userId: 'seed', email: 'seed' },
    );
    const designer = apiAs(
      app.url,
      await logIn(app.url, { email: 'dee@example.com', password: 'designer-password-1' }),
    );
    expect((await designer('GET', '/credentials')).status).toBe(200);
    const forbidden = await designer('POST', '/credentials', {
      name: 'x',
      kind: 'bearer',
      secret: { token: 'y' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe('Your roles (designer) do not allow: manage credentials');

    const openApi = await api('GET', '/openapi.json');
    expect(Object.keys(openApi.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/credentials',
        '/credentials/{id}',
        '/credentials/{id}/rotate',
        '/credentials/{id}/usage',
      ]),
    );

    // The secret is sealed in the store too.
    const stored = await app.services.db.collection('credentials').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(secrets.header);
    for (const body of responses) expect(body).not.toContain(secrets.header);
  });

  it('http.request applies each kind, caches the OAuth2 token, uses a rotated secret, and no history holds a secret', async () => {
    const headerId = await createCredential({
      name: 'Header key',
      kind: 'httpHeader',
      settings: { headerName: 'X-Api-Key' },
      secret: { value: secrets.header },
    });
    const basicId = await createCredential({
      name: 'Basic login',
      kind: 'basicAuth',
      settings: { username: 'svc-user' },
      secret: { password: secrets.password },
    });
    const bearerId = await createCredential({
      name: 'Bearer',
      kind: 'bearer',
      secret: { token: secrets.bearer },
    });
    const oauthId = await createCredential({
      name: 'OAuth client',
      kind: 'oauth2ClientCredentials',
      settings: { tokenUrl: `${baseUrl}/oauth/token`, clientId: 'client-1', scope: 'orders' },
      secret: { clientSecret: secrets.clientSecret },
    });
    const workflows = {
      header: await publish(callingWorkflow('Header call', `${baseUrl}/header`, headerId)),
      basic: await publish(callingWorkflow('Basic call', `${baseUrl}/basic`, basicId)),
      bearer: await publish(callingWorkflow('Bearer call', `${baseUrl}/bearer`, bearerId)),
      oauth: await publish(callingWorkflow('OAuth call', `${baseUrl}/oauth/api`, oauthId)),
      rotated: await publish(callingWorkflow('Rotated call', `${baseUrl}/rotated`, bearerId)),
      missing: await publish(callingWorkflow('Missing credential', `${baseUrl}/bearer`, 'cred_gone')),
    };
    const outcomes = await worker(async () => {
      const header = await runToEnd(workflows.header);
      const basic = await runToEnd(workflows.basic);
      const bearer = await runToEnd(workflows.bearer);
      const oauthFirst = await runToEnd(workflows.oauth);
      const oauthSecond = await runToEnd(workflows.oauth);
      const beforeRotation = await runToEnd(workflows.rotated);
      expect((await api('POST', `/credentials/${bearerId}/rotate`, {})).status).toBe(400);
      expect(
        (await api('POST', `/credentials/${bearerId}/rotate`, { secret: { token: secrets.rotated } })).status,
      ).toBe(200);
      const afterRotation = await runToEnd(workflows.rotated);
      const missing = await runToEnd(workflows.missing);
      return { header, basic, bearer, oauthFirst, oauthSecond, beforeRotation, afterRotation, missing };
    });
    expect(Object.fromEntries(Object.entries(outcomes).map(([key, value]) => [key, value.output]))).toEqual({
      header: { ok: true, who: 'header' },
      basic: { ok: true, who: 'basic' },
      bearer: { ok: true, who: 'bearer' },
      oauthFirst: { ok: true, who: 'oauth' },
      oauthSecond: { ok: true, who: 'oauth' },
      beforeRotation: { error: 'http.request: the server answered 401' },
      afterRotation: { ok: true, who: 'rotated' },
      missing: { error: 'credential cred_gone does not exist' },
    });
    expect(tokenRequests).toBe(1);
    // The history is searchable as raw bytes: it holds the credential's id, never its secret.
    expect(outcomes.header.history.includes(headerId)).toBe(true);
    for (const { history } of Object.values(outcomes)) {
      for (const secret of Object.values(secrets)) expect(history.includes(secret)).toBe(false);
      expect(history.includes('issued-token-1')).toBe(false);
    }
    for (const body of responses)
      for (const secret of Object.values(secrets)) expect(body).not.toContain(secret);
  });
});
