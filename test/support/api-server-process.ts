import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUserStore, ensureAdmin } from '../../domain/users';
import { connectTestServices, type TestServices } from '../setup/test-env';
import type { Credentials } from './api-client';

const root = path.resolve(__dirname, '../..');

/** One life of an API server process (server/main.ts); SIGKILL `child` to crash it. */
export interface ApiServerProcess {
  child: ChildProcess;
  exited: Promise<void>;
  url: string;
}

/**
 * Starts server/main.ts as a child process on `port` against the test's store and Temporal, with its
 * trigger dispatcher sweeping every 500 ms, and resolves once `/api/health` answers 200. `env`
 * overrides settings.
 *
 * @example
 * const server = await spawnApiServer(services, { port, dataDir, admin });
 * server.child.kill('SIGKILL');
 * await server.exited;
 */
export async function spawnApiServer(
  services: TestServices,
  options: { port: number; dataDir: string; admin: Credentials; env?: Record<string, string> },
): Promise<ApiServerProcess> {
  const { port } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      MONGO_URL: services.mongoUrl,
      MONGO_DB: services.db.databaseName,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_NAMESPACE: services.namespace,
      TEMPORAL_TASK_QUEUE: services.taskQueue,
      ADMIN_EMAIL: options.admin.email,
      ADMIN_PASSWORD: options.admin.password,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      TRIGGER_DISPATCHER: 'true',
      TRIGGER_SWEEP_INTERVAL_MS: '500',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const healthy = await fetch(`${url}/api/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) return { child, exited, url };
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGKILLs an API server process, as `kill -9` would, and waits for it to be gone. */
export async function killApiServer(server: ApiServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** The test's services, a data directory for server processes, and the admin they sign in as. */
export interface ServerProcessTarget {
  services: TestServices;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Connects a test's services for API server processes: a throwaway data directory, and `admin`
 * created in the store beforehand as `server/main.ts` would.
 */
export async function prepareServerProcesses(name: string, admin: Credentials): Promise<ServerProcessTarget> {
  const services = await connectTestServices(name);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `ledgerline-${name}-`));
  const users = createUserStore(services.db);
  await users.ensureIndexes();
  await ensureAdmin(users, admin);
  return {
    services,
    dataDir,
    async close() {
      await services.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
