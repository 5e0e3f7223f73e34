import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestServices } from '../setup/test-env';

const root = path.resolve(__dirname, '../..');

/** An API server (server/main.ts) or a worker (worker/main.ts) running as an OS process of its own. */
export interface AppProcess {
  kind: 'server' | 'worker';
  child: ChildProcess;
  exited: Promise<void>;
  /** `kill -9`, and waits until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a worker drains its tasks), and waits until it is gone. */
  stop(): Promise<void>;
}

/**
 * The env `main.ts` reads, pointed at the test's Temporal, store database and task queue, with the
 * trigger dispatcher on as compose runs it.
 */
export function appEnv(
  services: Pick<TestServices, 'mongoUrl' | 'temporalAddress' | 'namespace' | 'taskQueue' | 'db'>,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    MONGO_URL: services.mongoUrl,
    MONGO_DB: services.db.databaseName,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: services.namespace,
    TEMPORAL_TASK_QUEUE: services.taskQueue,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    TRIGGER_DISPATCHER: 'true',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/**
 * Starts `server/main.ts` or `worker/main.ts` through tsx with `env` (or, with `compiledIn`, the
 * compiled `main.js` of a production build in that folder); resolves once the server is ready
 * (`/api/health/ready`) or the worker logged that it started.
 *
 * @example
 * const server = await startApp('server', appEnv(services, { PORT: '3100', DATA_DIR: dir }));
 * await server.kill();
 */
export async function startApp(
  kind: 'server' | 'worker',
  env: Record<string, string>,
  options: { compiledIn?: string } = {},
): Promise<AppProcess> {
  const args =
    options.compiledIn === undefined
      ? ['--import', 'tsx', path.join(root, kind, 'main.ts')]
      : [path.join(options.compiledIn, kind, 'main.js')];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, ...(kind === 'worker' ? { LOG_LEVEL: 'info' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${kind} did not start:\n${output}`);
    const started =
      kind === 'worker'
        ? output.includes('"msg":"worker started"')
        : await fetch(`http://127.0.0.1:${env.PORT}/api/health/ready`).then(
            (response) => response.status === 200,
            () => false,
          );
    if (started) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    kind,
    child,
    exited,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
