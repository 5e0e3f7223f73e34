import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createApp } from '../../../server/app';
import { createLogger } from '../../../platform/logger';
import { freePort } from '../../../platform/ports';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('wiring');
});
afterAll(async () => {
  await services.close();
});

const log = createLogger({ level: 'silent', service: 'test' });

async function get(
  app: ReturnType<typeof createApp>,
  path: string,
): Promise<{ status: number; body: unknown }> {
  const server = await listen(app);
  try {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.json() };
  } finally {
    await server.close();
  }
}

describe('the platform wiring', () => {
  it('runs a real workflow whose activity writes to the store and reads it back', async () => {
    const checkId = randomUUID();
    const result = await services.withWorker(() =>
      services.temporal.workflow.execute('selfCheckWorkflow', {
        taskQueue: services.taskQueue,
        workflowId: `self-check-${checkId}`,
        args: [{ checkId }],
      }),
    );
    expect(result).toEqual({ checkId, readBack: true });
    const stored = await services.db.collection('selfChecks').findOne({ _id: checkId as never });
    expect(stored).toMatchObject({ _id: checkId, workflowId: `self-check-${checkId}` });
  });

  it('reports both dependencies ok on GET /api/health', async () => {
    const app = createApp({
      log,
      health: {
        store: async () => void (await services.db.command({ ping: 1 })),
        temporal: async () => void (await services.temporal.workflowService.getSystemInfo({})),
      },
    });
    expect(await get(app, '/api/health')).toEqual({
      status: 200,
      body: { status: 'ok', dependencies: { temporal: { status: 'ok' }, store: { status: 'ok' } } },
    });
  });

  it('answers 503 naming the store when the store is unreachable', async () => {
    const deadStore = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/`, {
      serverSelectionTimeoutMS: 300,
    });
    const app = createApp({
      log,
      health: {
        store: async () => void (await deadStore.db('x').command({ ping: 1 })),
        temporal: async () => void (await services.temporal.workflowService.getSystemInfo({})),
      },
    });
    const { status, body } = await get(app, '/api/health');
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'degraded',
      dependencies: { temporal: { status: 'ok' }, store: { status: 'down' } },
    });
    await deadStore.close();
  });

  it('answers 404 in the API error shape for an unknown route', async () => {
    const app = createApp({ log, health: { store: async () => {}, temporal: async () => {} } });
    expect(await get(app, '/api/nope')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No route for GET /nope', details: [] } },
    });
  });
});
