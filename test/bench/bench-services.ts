import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { startEmbeddedServices, type EmbeddedServices } from '../../platform/embedded-services';
import { freePort } from '../../platform/ports';

/** The same embedded stack as `npm start`, on free ports and a throwaway data directory. */
export async function startBenchServices(): Promise<EmbeddedServices & { dispose: () => Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-bench-'));
  const config = loadConfig(process.env);
  const services = await startEmbeddedServices({
    ...config,
    dataDir,
    storePort: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
    temporalHttpPort: undefined,
    temporalMetricsPort: undefined,
    progress: (line) => console.error(`[bench] ${line}`),
  });
  return {
    ...services,
    dispose: async () => {
      await services.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
