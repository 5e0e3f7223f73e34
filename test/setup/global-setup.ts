import { loadWorkflowBundle } from '../../worker/workflow-bundle';
import { testEnvKeys } from './test-env';
import { startThrowawayServices } from './throwaway-services';

declare global {
  var __ledgerlineServices: { dispose: () => Promise<void> } | undefined;
}

/**
 * Starts the real Temporal dev server and the real store once for the whole integration run,
 * with free ports and a throwaway data directory, through the same module `npm start` uses.
 */
export default async function globalSetup(): Promise<void> {
  const progress = (line: string) => process.stdout.write(`[test setup] ${line}\n`);
  const [{ services, namespace, dispose }] = await Promise.all([
    startThrowawayServices(progress),
    loadWorkflowBundle({ progress }),
  ]);
  globalThis.__ledgerlineServices = { dispose };
  process.env[testEnvKeys.mongoUrl] = services.mongoUrl;
  process.env[testEnvKeys.temporalAddress] = services.temporalAddress;
  process.env[testEnvKeys.namespace] = namespace;
  process.env[testEnvKeys.store] = services.store;
  progress(
    `services ready: store ${services.store} at ${services.mongoUrl}, Temporal at ${services.temporalAddress}`,
  );
}
