import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { startEmbeddedServices, type EmbeddedServices } from '../../platform/launcher/embedded-services';
import { freePort } from '../../platform/ports';

/**
 * The embedded stack `npm start` runs, on free ports and a throwaway data directory: for the
 * test setup and the benchmark. `dispose` stops it and removes the directory.
 */
export async function startThrowawayServices(
  progress: (line: string) => void,
): Promise<{ services: EmbeddedServices; namespace: string; dispose: () => Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-'));
  const config = loadConfig(process.env);
  const services = await startEmbeddedServices({
    ...config,
    dataDir,
    storePort: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
    // Explicit free ports: the dev server's own random choice can race with other servers.
    temporalHttpPort: await freePort(),
    temporalMetricsPort: await freePort(),
    progress,
  });
  return {
    services,
    namespace: config.temporalNamespace,
    dispose: async () => {
      await services.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
