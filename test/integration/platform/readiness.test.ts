import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../../server/app';
import { createLogger } from '../../../platform/logger';
import { freePort } from '../../../platform/ports';
import { listen } from '../../setup/listen';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { callApi } from '../../support/api-client';
import { appEnv } from '../../support/app-process';

/*
 * Liveness is "the process answers"; readiness is "Temporal and the store answer and first-start
 * preparation is done", so a client that signs in as soon as the server is ready never gets a 401.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const log = createLogger({ level: 'silent', service: 'test' });
const admin = { email: 'ready@example.com', password: 'ready-password-123' };

let services: TestServices;
let dataDir: string;
let server: ChildProcess | undefined;
beforeAll(async () => {
  services = await connectTestServices('readiness');
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-ready-'));
});
afterAll(async () => {
  server?.kill('SIGKILL');
  await services.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

const up = { temporal: { status: 'ok' }, store: { status: 'ok' } };

describe('health routes', () => {
  it('answers ready only once preparation is done, and live and health regardless of it', async () => {
    const preparation = { done: false };
    const app = createApp({
      log,
      health: {
        prepared: () => preparation.done,
        store: async () => void (await services.db.command({ ping: 1 })),
        temporal: async () => void (await services.temporal.workflowService.getSystemInfo({})),
      },
    });
    const served = await listen(app);
    try {
      expect(await get(`${served.url}/api/health/ready`)).toEqual({
        status: 503,
        body: { status: 'not_ready', dependencies: up, preparation: { status: 'pending' } },
      });
      expect(await get(`${served.url}/api/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get(`${served.url}/api/health`)).toEqual({
        status: 200,
        body: { status: 'ok', dependencies: up },
      });
      preparation.done = true;
      expect(await get(`${served.url}/api/health/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', dependencies: up, preparation: { status: 'done' } },
      });
    } finally {
      await served.close();
    }
  });

  it('answers not ready, naming the dependency, while one is down', async () => {
    const app = createApp({
      log,
      health: {
        prepared: () => true,
        store: () => Promise.reject(new Error('connection refused')),
        temporal: async () => void (await services.temporal.workflowService.getSystemInfo({})),
      },
    });
    const served = await listen(app);
    try {
      expect(await get(`${served.url}/api/health/ready`)).toEqual({
        status: 503,
        body: {
          status: 'not_ready',
          dependencies: {
            temporal: { status: 'ok' },
            store: { status: 'down', error: 'connection refused' },
          },
          preparation: { status: 'done' },
        },
      });
    } finally {
      await served.close();
    }
  });

  it('lets the admin of a fresh store sign in the moment server/main.ts reports ready', async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        ...appEnv(services, { PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'true' }),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    const statuses: number[] = [];
    for (;;) {
      const status = await fetch(`${url}/api/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      if (statuses.at(-1) !== status) statuses.push(status);
      if (status === 200) break;
      expect(server.exitCode).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const login = await callApi(url, 'POST', '/auth/login', admin);
    expect(login.status).toBe(200);
    // Ready comes last; whatever came before it was "not listening" (0) or "not ready" (503).
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((status) => status === 0 || status === 503)).toBe(true);
  });
});
