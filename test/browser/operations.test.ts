import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TestServices } from '../setup/test-env';
import { apiAs, logIn, type ApiCall } from '../support/api-client';
import { eventually } from '../support/eventually';
import { startDispatcher } from '../support/trigger-dispatcher';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The operations console in a real browser, against the whole API server, a worker, the entity
 * trigger dispatcher, Temporal and the store: accounts start runs of a check that fails for two of
 * them; an operator finds them on the runs page by status and by title, sees them grouped in the
 * incidents view, fixes one account and retries its run from there, and finds the runs on the
 * account's Runs tab.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** Checks each new account: the run fails at `stop` unless the account's name says it is ready. */
const accountCheck = {
  name: 'Account check',
  nodes: [
    { id: 'start', type: 'trigger.entity', params: { entityType: 'account', events: ['created'] } },
    { id: 'load', type: 'entity.get', params: { entityType: 'account', id: '=$trigger.entity._id' } },
    { id: 'check', type: 'logic.if', params: { condition: '=$contains($nodes.load.name, "ready")' } },
    {
      id: 'mark',
      type: 'entity.update',
      params: { entityType: 'account', id: '=$trigger.entity._id', changes: { paymentTerms: 'net30' } },
    },
    { id: 'done', type: 'flow.end', params: {} },
    { id: 'stop', type: 'flow.fail', params: { message: 'the account is not ready' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'load' },
    { id: 'e2', source: 'load', target: 'check' },
    { id: 'e3', source: 'check', sourcePort: 'true', target: 'mark' },
    { id: 'e4', source: 'check', sourcePort: 'false', target: 'stop' },
    { id: 'e5', source: 'mark', target: 'done' },
  ],
};

let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let adminApi: ApiCall;
let workflowId: string;

beforeAll(async () => {
  session = await startBrowserSession('operations', { viewport: { width: 1366, height: 900 } });
  ({ services, app, page } = session);
  adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  const created = await adminApi('POST', '/workflows', accountCheck);
  expect(created.status).toBe(201);
  workflowId = created.body._id as string;
  expect((await adminApi('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
});

afterAll(() => session?.close());

const seed = { actor: { userId: 'seed' }, roles: ['admin'] as const };
const account = async (name: string) =>
  (await app.repo.create('account', { name, type: 'customer', currency: 'EUR', paymentTerms: 'net14' }, seed))
    .record._id;

/** Waits until `count` runs of the check have reached `status`, as the API lists them. */
function runsIn(status: string, count: number): Promise<Array<{ runId: string; title: string }>> {
  return eventually(async () => {
    const listed = await adminApi('GET', `/runs?workflowId=${workflowId}&status=${status}`);
    const items = listed.body.items as Array<{ runId: string; title: string }>;
    return items.length === count ? items : undefined;
  });
}

const rows = () => page.getByRole('table', { name: 'Runs list' }).locator('tbody tr[data-run-id]');

test('an operator filters runs, retries a failed one from the incidents view, finds runs on the record and restarts one from a node', async () => {
  const dispatcher = await startDispatcher(services);
  try {
    await services.withWorker(async () => {
      const ready = await account('Northwind ready');
      const blocked = await account('Blocked Traders');
      const lagging = await account('Lagging Ltd');
      await runsIn('failed', 2);
      await runsIn('completed', 1);

      await page.goto(app.url);
      await signIn(page, adminEmail, adminPassword);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Runs', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
      // The namespace holds other processes' runs too: narrow the list to this workflow.
      const onlyThisWorkflow = async () => {
        await page
          .getByRole('form', { name: 'Run filters' })
          .getByRole('combobox', { name: /^Workflow/ })
          .selectOption({ label: 'Account check' });
        await page.getByRole('button', { name: 'Apply' }).click();
      };
      await onlyThisWorkflow();
      // Counts and rows follow the filter once it has applied: 2 failed, 1 completed, 3 rows.
      const count = (status: string) => page.locator(`[data-status-count="${status}"] strong`).textContent();
      await eventually(async () =>
        (await count('failed')) === '2' && (await count('completed')) === '1' && (await rows().count()) === 3
          ? true
          : undefined,
      );
      await page.screenshot({ path: path.join(screenshots, 'runs.png') });

      // Status from the counts, then words of the title.
      await page.locator('[data-status-count="failed"]').click();
      await eventually(async () => ((await rows().count()) === 2 ? true : undefined));
      await page.getByLabel('Search titles').fill('blocked');
      await page.getByRole('button', { name: 'Apply' }).click();
      await eventually(async () => ((await rows().count()) === 1 ? true : undefined));
      await expect(rows().first().getByRole('link').first().textContent()).resolves.toBe(
        'Account check · Blocked Traders',
      );
      await expect(rows().first().locator('td').nth(6).textContent()).resolves.toBe('stop');
      await page.getByRole('button', { name: 'Clear' }).click();
      await onlyThisWorkflow();
      await eventually(async () => ((await rows().count()) === 3 ? true : undefined));

      // The incidents view groups both failures by workflow, node and message.
      await page.getByRole('link', { name: 'Incidents' }).click();
      await page.getByRole('combobox', { name: /^Workflow/ }).selectOption({ label: 'Account check' });
      const group = page.getByRole('region', { name: 'Incident the account is not ready' });
      await group.waitFor();
      await expect(group.getByRole('heading').textContent()).resolves.toBe(
        'Failed Account check · node stop · 2 runs',
      );
      await page.screenshot({ path: path.join(screenshots, 'incidents.png') });

      // Fix the account, then retry its run from the incidents view: the new run completes.
      await app.repo.update('account', blocked, { name: 'Blocked Traders ready' }, {}, seed);
      const blockedRow = group.locator('tr', { hasText: 'Account check · Blocked Traders' });
      await blockedRow.getByRole('button', { name: 'Retry', exact: true }).click();
      const notice = page.getByRole('status');
      await notice.waitFor();
      const retryRunId = /new run (run-[0-9a-f-]+)/.exec((await notice.textContent()) ?? '')?.[1];
      expect(retryRunId).toEqual(expect.stringMatching(/^run-/));
      await eventually(async () => {
        const view = await adminApi('GET', `/runs/${retryRunId}`);
        return view.body.status === 'completed' ? true : undefined;
      });

      // The account's Runs tab: the run it started, the retry, and the retry as the run that wrote it.
      await page.goto(`${app.url}/entities/account/${blocked}`);
      await page.getByRole('tab', { name: 'Runs' }).click();
      const tab = page.getByRole('region', { name: 'Record runs' });
      await tab.waitFor();
      await eventually(async () =>
        (await tab.getByRole('link', { name: /^Account check · Blocked Traders/ }).count()) === 2
          ? true
          : undefined,
      );
      await expect(tab.locator('li code').allTextContents()).resolves.toEqual([retryRunId]);
      // From the record to its runs on the runs page, and on to the retry, which shows what it wrote.
      await tab.getByRole('link', { name: 'Search them on the runs page' }).click();
      await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
      await eventually(async () => ((await rows().count()) === 2 ? true : undefined));
      await expect(page.getByLabel('Record id').inputValue()).resolves.toBe(blocked);
      await page.locator(`tr[data-run-id="${retryRunId}"]`).getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: 'Account check · Blocked Traders' }).waitFor();
      const written = page.getByLabel('Records written');
      await written.getByRole('link', { name: 'account Blocked Traders ready' }).waitFor();

      // Restart from a node in the run viewer: the other failed run, once its account is fixed,
      // goes on from the node selected on the graph and completes under the same runId.
      await app.repo.update('account', lagging, { name: 'Lagging Ltd ready' }, {}, seed);
      const [laggingRun] = (await runsIn('failed', 2)).filter((run) => run.title.includes('Lagging'));
      await page.goto(`${app.url}/workflows/${workflowId}/runs/${laggingRun?.runId}`);
      await page.getByRole('button', { name: 'Restart from stop' }).waitFor();
      await page.locator('.react-flow__node[data-id="load"]').click();
      await page.getByRole('button', { name: 'Restart from load' }).click();
      await page.locator('header [data-run-status="completed"]').waitFor();
      expect(ready).not.toBe(blocked);
    });
  } finally {
    await dispatcher.stop();
  }
});
