import fs from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { Connection } from '@temporalio/client';
import { ManagedProcess } from './managed-process';
import { assertPortFree } from '../ports';
import { ensureTools } from './tools';
import { ensureSearchAttributes } from '../temporal-search-attributes';

export interface EmbeddedServicesOptions {
  dataDir: string;
  /** Set to use an external store; otherwise mongod (if found) or FerretDB runs under dataDir. */
  mongoUrl: string | undefined;
  storePort: number;
  /** Set to use an external Temporal; otherwise the Temporal dev server runs under dataDir. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  temporalHttpPort: number | undefined;
  temporalMetricsPort: number | undefined;
  temporalCliPath: string | undefined;
  ferretdbPath: string | undefined;
  mongodPath: string | undefined;
  toolsCacheDir: string;
  progress: (line: string) => void;
}

export interface EmbeddedServices {
  mongoUrl: string;
  /** Which store serves `mongoUrl`. */
  store: 'external' | 'mongod' | 'ferretdb';
  temporalAddress: string;
  /** Web UI of the embedded dev server; undefined for an external Temporal. */
  temporalUiUrl: string | undefined;
  /** The children this module started, for fault tests that kill them. */
  processes: { temporal?: ManagedProcess; store?: ManagedProcess };
  /** Stops every child this module started. */
  stop(): Promise<void>;
}

/** A child died before it became ready; the message carries the end of its log. */
export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

const readinessTimeoutMs = 120_000;

async function waitUntil(
  what: string,
  child: ManagedProcess | undefined,
  probe: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + readinessTimeoutMs;
  let exited = false;
  void child?.exited.then(() => {
    exited = true;
  });
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    if (exited) throw new ServiceStartError(`${what} exited during start-up:\n${child?.tail() ?? ''}`);
    if (await probe()) return;
    if (Date.now() > deadline) {
      throw new ServiceStartError(
        `${what} was not ready after ${readinessTimeoutMs / 1000}s:\n${child?.tail() ?? ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Probes a MongoDB-wire endpoint with a ping. */
export async function pingStore(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function temporalReady(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1000 });
    await connection.workflowService.describeNamespace({ namespace });
    await ensureSearchAttributes(connection, namespace);
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

async function startStore(
  options: EmbeddedServicesOptions,
  tools: { ferretdb: string | undefined; mongod: string | undefined },
  track: (child: ManagedProcess) => void,
): Promise<{ url: string; store: EmbeddedServices['store']; process?: ManagedProcess }> {
  if (options.mongoUrl) return { url: options.mongoUrl, store: 'external' };
  await assertPortFree(options.storePort, 'STORE_PORT');
  const logFile = path.join(options.dataDir, 'logs', 'store.log');
  let child: ManagedProcess;
  let store: 'mongod' | 'ferretdb';
  if (tools.mongod) {
    const dbPath = path.join(options.dataDir, 'mongod');
    await fs.mkdir(dbPath, { recursive: true });
    store = 'mongod';
    child = new ManagedProcess({
      name: 'mongod',
      command: tools.mongod,
      args: ['--dbpath', dbPath, '--port', String(options.storePort), '--bind_ip', '127.0.0.1', '--quiet'],
      logFile,
    });
  } else if (tools.ferretdb) {
    const dir = path.join(options.dataDir, 'ferretdb');
    await fs.mkdir(dir, { recursive: true });
    store = 'ferretdb';
    child = new ManagedProcess({
      name: 'ferretdb',
      command: tools.ferretdb,
      args: [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${options.storePort}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
        '--log-format=json',
      ],
      logFile,
    });
  } else {
    throw new ServiceStartError(
      'No store: set MONGO_URL, put mongod on PATH, or let the tools bootstrap build FerretDB.',
    );
  }
  track(child);
  const url = `mongodb://127.0.0.1:${options.storePort}/`;
  options.progress(`store: starting ${store} on port ${options.storePort}`);
  await waitUntil(store, child, () => pingStore(url));
  return { url, store, process: child };
}

async function startTemporal(
  options: EmbeddedServicesOptions,
  temporalCli: string,
  track: (child: ManagedProcess) => void,
): Promise<{ address: string; uiUrl: string | undefined; process?: ManagedProcess }> {
  if (options.temporalAddress) return { address: options.temporalAddress, uiUrl: undefined };
  await assertPortFree(options.temporalPort, 'TEMPORAL_PORT');
  await assertPortFree(options.temporalUiPort, 'TEMPORAL_UI_PORT');
  if (options.temporalHttpPort) await assertPortFree(options.temporalHttpPort, 'TEMPORAL_HTTP_PORT');
  if (options.temporalMetricsPort) await assertPortFree(options.temporalMetricsPort, 'TEMPORAL_METRICS_PORT');
  await fs.mkdir(options.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.temporalPort),
    '--ui-port',
    String(options.temporalUiPort),
    '--namespace',
    options.temporalNamespace,
    '--log-level',
    'warn',
    '--log-format',
    'json',
    ...(options.temporalHttpPort ? ['--http-port', String(options.temporalHttpPort)] : []),
    ...(options.temporalMetricsPort ? ['--metrics-port', String(options.temporalMetricsPort)] : []),
  ];
  const child = new ManagedProcess({
    name: 'temporal',
    command: temporalCli,
    args,
    logFile: path.join(options.dataDir, 'logs', 'temporal.log'),
  });
  track(child);
  const address = `127.0.0.1:${options.temporalPort}`;
  options.progress(`temporal: starting the dev server on port ${options.temporalPort}`);
  await waitUntil('temporal', child, () => temporalReady(address, options.temporalNamespace));
  return { address, uiUrl: `http://127.0.0.1:${options.temporalUiPort}`, process: child };
}

/**
 * Starts what the platform depends on, on one machine: the Temporal dev server (SQLite file under
 * `dataDir`, with its Web UI and the platform's search attributes) and a MongoDB-wire store
 * (`mongoUrl` if set, else `mongod` if found, else FerretDB on SQLite under `dataDir`). Waits for
 * each by probing. `npm start` and the test setup both use it.
 */
export async function startEmbeddedServices(options: EmbeddedServicesOptions): Promise<EmbeddedServices> {
  const tools = await ensureTools({ ...options, searchPath: process.env.PATH });
  const started: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((child) => child.stop('SIGTERM')));
  };
  const track = (child: ManagedProcess) => started.push(child);
  // Both start at once; each is probed on its own. allSettled, so a failure of one still lets us
  // stop the other instead of leaving it orphaned.
  const [store, temporal] = await Promise.allSettled([
    startStore(options, tools, track),
    startTemporal(options, tools.temporal, track),
  ]);
  if (store.status === 'rejected' || temporal.status === 'rejected') {
    await stop();
    throw store.status === 'rejected' ? store.reason : (temporal as PromiseRejectedResult).reason;
  }
  return {
    mongoUrl: store.value.url,
    store: store.value.store,
    temporalAddress: temporal.value.address,
    temporalUiUrl: temporal.value.uiUrl,
    processes: { temporal: temporal.value.process, store: store.value.process },
    stop,
  };
}
