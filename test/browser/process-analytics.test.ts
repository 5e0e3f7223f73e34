import path from 'node:path';
import type { Page } from 'playwright-core';
import { recordRunStats, type VisitSummary } from '../../domain/process-analytics';
import type { TestServices } from '../setup/test-env';
import { apiAs, logIn } from '../support/api-client';
import { eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The Analytics tab of the workflow editor in a real browser: runs recorded for a published version
 * colour its nodes by the chosen measure, and the table beside the graph lists the same counts.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let finished = false;
let workflowId: string;

const purchaseCheck = {
  name: 'Purchase check',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {}, position: { x: 0, y: 107 } },
    {
      id: 'check',
      type: 'logic.if',
      label: 'Over 100?',
      params: { condition: '=$input.amount > 100' },
      position: { x: 240, y: 140 },
    },
    {
      id: 'approve',
      type: 'human.approval',
      label: 'Finance approval',
      params: { assigneeRole: 'finance', title: 'Approve' },
      position: { x: 480, y: 20 },
    },
    { id: 'done', type: 'flow.end', label: 'Ordered', params: {}, position: { x: 760, y: -40 } },
    {
      id: 'declined',
      type: 'flow.fail',
      label: 'Declined',
      params: { message: 'Declined' },
      position: { x: 760, y: 140 },
    },
    {
      id: 'tooSmall',
      type: 'flow.fail',
      label: 'Too small',
      params: { message: 'Too small' },
      position: { x: 480, y: 280 },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'true', target: 'approve' },
    { id: 'e3', source: 'check', sourcePort: 'false', target: 'tooSmall' },
    { id: 'e4', source: 'approve', sourcePort: 'approved', target: 'done' },
    { id: 'e5', source: 'approve', sourcePort: 'rejected', target: 'declined' },
  ],
};

const minute = 60_000;

/** One visit of `ms`, starting at `at`, leaving by `port`. */
function visit(
  nodeId: string,
  type: string,
  at: number,
  ms: number,
  port?: string,
  failed = false,
): VisitSummary {
  return {
    nodeId,
    type,
    status: failed ? 'failed' : 'completed',
    startedAt: new Date(at).toISOString(),
    endedAt: new Date(at + ms).toISOString(),
    ...(port === undefined ? {} : { port }),
  };
}

/**
 * Records 40 closed runs of version 1 over the last day: 30 large amounts go to the approval (24
 * approved after 20 minutes to 5 hours, 6 rejected), 10 small ones fail at once.
 */
async function seedRuns(): Promise<void> {
  const now = Date.now();
  for (let index = 0; index < 40; index += 1) {
    const at = now - (index + 1) * 30 * minute;
    const visits = [visit('start', 'trigger.manual', at, 0, 'out')];
    let status: 'completed' | 'failed' = 'failed';
    if (index < 30) {
      const decision = index < 24 ? 'approved' : 'rejected';
      const wait = (20 + ((index * 37) % 280)) * minute;
      visits.push(
        visit('check', 'logic.if', at, 2, 'true'),
        visit('approve', 'human.approval', at + 2, wait, decision),
      );
      if (decision === 'approved') {
        visits.push(visit('done', 'flow.end', at + wait, 1));
        status = 'completed';
      } else visits.push(visit('declined', 'flow.fail', at + wait, 1, undefined, true));
    } else {
      visits.push(
        visit('check', 'logic.if', at, 3, 'false'),
        visit('tooSmall', 'flow.fail', at + 3, 1, undefined, true),
      );
    }
    const closedAt = new Date(Date.parse(visits.at(-1)!.endedAt!)).toISOString();
    await recordRunStats(services.db, {
      runId: `run-seeded-${index}`,
      workflowId,
      version: 1,
      status,
      startedAt: new Date(at).toISOString(),
      closedAt: closedAt > new Date(now).toISOString() ? new Date(now - 1000).toISOString() : closedAt,
      visits,
      visitsDropped: 0,
    });
  }
}

beforeAll(async () => {
  session = await startBrowserSession('process-analytics', { viewport: { width: 1600, height: 900 } });
  ({ services, app, page } = session);
  const adminApi = apiAs(app.url, await logIn(app.url, { email: adminEmail, password: adminPassword }));
  const created = await adminApi('POST', '/workflows', purchaseCheck);
  expect(created.status).toBe(201);
  workflowId = created.body._id as string;
  expect((await adminApi('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  await seedRuns();
});

afterAll(async () => {
  await session?.close({ printLog: !finished });
});

/** A computed style of a node on the analytics canvas; the script runs in the page, as plain JavaScript. */
function styleOf(
  nodeId: string,
  property: 'backgroundColor' | 'content',
  pseudo?: '::after',
): Promise<string> {
  const selector = JSON.stringify(`.wf-analytics-graph [data-testid="node-${nodeId}"]`);
  return page.evaluate<string>(
    `getComputedStyle(document.querySelector(${selector}), ${JSON.stringify(pseudo ?? null)}).${property}`,
  );
}

const backgroundOf = (nodeId: string) => styleOf(nodeId, 'backgroundColor');
const badgeOf = (nodeId: string) => styleOf(nodeId, 'content', '::after');

const hot = 'rgb(238, 111, 95)';

test('the Analytics tab colours the busiest and the slowest node hot and lists the exact counts', async () => {
  await page.goto(`${app.url}/`);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.goto(`${app.url}/workflows/${workflowId}`);
  await page.getByRole('tab', { name: 'Analytics' }).click();
  const panel = page.getByRole('region', { name: 'Analytics' });
  await panel.getByLabel('Time range').selectOption('24h');
  const rows = panel.getByRole('table', { name: 'Per-node figures' }).locator('tbody tr');
  await eventuallyEqual(
    () =>
      Promise.all([
        rows.locator('th').allTextContents(),
        rows.locator('td:nth-of-type(1)').allTextContents(),
        rows.locator('td:nth-of-type(4)').allTextContents(),
      ]).then(([names, runs, failed]) => names.map((name, index) => [name, runs[index], failed[index]])),
    [
      ['start', '40', '0 (0%)'],
      ['Over 100?', '40', '0 (0%)'],
      ['Finance approval (time to complete)', '30', '0 (0%)'],
      ['Ordered', '24', '0 (0%)'],
      ['Declined', '6', '6 (100%)'],
      ['Too small', '10', '10 (100%)'],
    ],
  );
  expect(await panel.getByTestId('analytics-summary').textContent()).toBe(
    '40 runs closed: 24 completed, 16 failed, 0 cancelled.',
  );
  const edges = panel.getByRole('table', { name: 'Per-edge figures' }).locator('tbody tr');
  expect(await edges.allTextContents()).toEqual([
    'start → check40100%',
    'check (true) → approve3075%',
    'check (false) → tooSmall1025%',
    'approve (approved) → done2460%',
    'approve (rejected) → declined615%',
  ]);

  // By runs reached, the trigger and the If are the hot nodes.
  await eventuallyEqual(() => backgroundOf('start'), hot);
  expect(await backgroundOf('check')).toBe(hot);
  expect(await backgroundOf('approve')).not.toBe(hot);
  expect(await badgeOf('start')).toBe('"40 runs"');
  expect(await rows.nth(0).getAttribute('data-heat')).toBe('4');

  // By p90 duration, the approval is the slowest node and the only hot one.
  await panel.getByLabel('Colour by').selectOption('p90');
  await eventuallyEqual(() => backgroundOf('approve'), hot);
  expect(await backgroundOf('start')).not.toBe(hot);
  expect(await badgeOf('approve')).toMatch(/^"p90 \d\.\d h"$/);
  expect(await rows.nth(2).getAttribute('data-heat')).toBe('4');
  await page.screenshot({ path: path.join(screenshots, 'process-analytics.png') });

  // By failure rate, the two failing ends are hot.
  await panel.getByLabel('Colour by').selectOption('failureRate');
  await eventuallyEqual(() => backgroundOf('tooSmall'), hot);
  expect(await backgroundOf('declined')).toBe(hot);
  expect(await backgroundOf('done')).not.toBe(hot);
  finished = true;
});
