import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileApp } from '../../../platform/launcher/compile';
import { loadWorkflowBundle, prebuiltBundleFile } from '../../../worker/workflow-bundle';
import { appEnv, startApp, type AppProcess } from '../../support/app-process';
import { createCompany } from './company';
import { startProcessHarness, type ProcessHarness } from './process-harness';
import { buyAsOrdered, expectBoughtAsOrdered, submitRequisition } from './procurement-steps';
import { winDeal } from './quote-to-cash-steps';
import { supportHappyPath } from './support-steps';

/*
 * The three process templates end to end on the production build's worker: the compiled
 * JavaScript and the prebuilt workflow bundle that `npm run build` makes, run with plain node as
 * the image runs it. Each process is checked record by record as in its own test.
 */

jest.setTimeout(1_800_000);

const root = path.resolve(__dirname, '..', '..', '..');
// Inside the repository, so the compiled files resolve the project's node_modules.
const buildDir = path.join(root, 'dist', `production-build-test-${process.pid}`);
let dataDir: string;

beforeAll(async () => {
  await compileApp(buildDir);
  const bundle = await loadWorkflowBundle({ progress: () => undefined });
  await fs.writeFile(path.join(buildDir, path.relative(root, prebuiltBundleFile)), JSON.stringify(bundle));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-production-build-'));
});

afterAll(async () => {
  await fs.rm(buildDir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A process harness whose only worker is the compiled one. */
async function onCompiledWorker(name: string, drive: (h: ProcessHarness) => Promise<void>): Promise<void> {
  const h = await startProcessHarness(name);
  let worker: AppProcess | undefined;
  try {
    worker = await startApp(
      'worker',
      appEnv(h.services, { DATA_DIR: dataDir, TRIGGER_DISPATCHER: 'false' }),
      {
        compiledIn: buildDir,
      },
    );
    await drive(h);
  } finally {
    await worker?.stop();
    await h.close();
  }
}

test('quote to cash wins a deal on the compiled worker', async () => {
  await onCompiledWorker('production-quote-to-cash', async (h) => {
    const workflowId = await h.installAndPublish('quote-to-cash', { paymentReminderInterval: 'P7D' });
    await winDeal(h, await createCompany(h.repo), workflowId);
  });
});

test('procurement buys as ordered on the compiled worker', async () => {
  await onCompiledWorker('production-procurement', async (h) => {
    const workflowId = await h.installAndPublish('procurement', {});
    const company = await createCompany(h.repo);
    const { requisition, runId } = await submitRequisition(h, company, workflowId);
    await buyAsOrdered(h, runId, 'SUP-3001');
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });
    await expectBoughtAsOrdered(h, company, requisition._id, 'SUP-3001');
  });
});

test('support answers and resolves a ticket on the compiled worker', async () => {
  await onCompiledWorker('production-support', async (h) => {
    const workflowId = await h.installAndPublish('support', { firstResponseSla: 'P1D', surveyWait: 'P1D' });
    await supportHappyPath(h, workflowId, await createCompany(h.repo, { account: { tier: 'gold' } }));
  });
});
