import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { startEmbeddedServices, type EmbeddedServices } from '../../platform/embedded-services';
import { freePort } from '../../platform/ports';
import { loadWorkflowBundle } from '../../worker/workflow-bundle';
import { testEnvKeys } from './test-env';

declare global {
  var __ledgerlineServices: { services: EmbeddedServices; dataDir: string } | undefined;
}

/**
 * Starts the real Temporal dev server and the real store once for the whole integration run,
 * with free ports and a throwaway data directory, through the same module `npm start` uses.
 */
export default async function globalSetup(): Promise<void> {
  const progress = (line: string) => process.stdout.write(`[test setup] ${line}\n`);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-test-'));
  const config = loadConfig(process.env);
  const temporalPort = await freePort();
  const [services] = await Promise.all([
    startEmbeddedServices({
      ...config,
      dataDir,
      storePort: await freePort(),
      temporalPort,
      temporalUiPort: await freePort(),
      // Explicit free ports: the dev server's own random choice can race with other servers.
      temporalHttpPort: await freePort(),
      temporalMetricsPort: await freePort(),
      progress,
    }),
    loadWorkflowBundle({ progress }),
  ]);
  globalThis.__ledgerlineServices = { services, dataDir };
  process.env[testEnvKeys.mongoUrl] = services.mongoUrl;
  process.env[testEnvKeys.temporalAddress] = services.temporalAddress;
  process.env[testEnvKeys.namespace] = config.temporalNamespace;
  process.env[testEnvKeys.store] = services.store;
  progress(
    `services ready: store ${services.store} at ${services.mongoUrl}, Temporal at ${services.temporalAddress}`,
  );
}
