/*
 * Records the histories the replay test (test/integration/engine/replay.test.ts) replays:
 *   node --import tsx test/histories/record-histories.ts
 * It starts the embedded services like the test setup, runs each scenario on the current worker
 * and writes test/histories/<scenario>.json. Record again only when adding scenarios, or after a
 * `patched()` change (keep the old files: they prove old runs still replay). Name scenarios to
 * record only those: `node --import tsx test/histories/record-histories.ts wait-for-watch`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeHistory } from './history-file';
import globalSetup from '../setup/global-setup';
import globalTeardown from '../setup/global-teardown';
import { connectTestServices } from '../setup/test-env';
import { historyScenarios } from './history-scenarios';

async function main(): Promise<void> {
  await globalSetup();
  const services = await connectTestServices('record-histories');
  try {
    await services.withWorker(async () => {
      const only = process.argv.slice(2);
      for (const scenario of historyScenarios.filter((s) => only.length === 0 || only.includes(s.name))) {
        const workflowId = `history-${scenario.name}`;
        const handle = await scenario.run(services, workflowId);
        const history = await handle.fetchHistory();
        await fs.writeFile(
          path.join(__dirname, `${scenario.name}.json`),
          `${JSON.stringify(encodeHistory(history), null, 1)}\n`,
        );
        console.log(`recorded ${scenario.name}: ${history.events?.length ?? 0} events`);
      }
    });
  } finally {
    await services.close();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
