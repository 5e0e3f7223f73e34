import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';
import { measureGraph } from './graph-measure';

/*
 * Sub-processes in the editor, on a laptop screen (1280 × 800): the quote to cash template opens
 * with its five stages collapsed into boxes that fit the canvas at a readable zoom; a stage expands
 * in place, opens as its own canvas with a breadcrumb back, and a selection inside it is extracted
 * into a new workflow that the parent calls through a flow.subworkflow node. The screens are the
 * README's screenshots (docs/screenshots/subprocess-*.png).
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('subprocesses', { viewport: { width: 1280, height: 800 } });
  ({ app, page } = session);
});

afterAll(() => session?.close({ printLog: !finished }));

/** Waits until the canvas stops moving (a fit or layout animates the viewport). */
async function settled(): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last: string | null = null;
  await eventuallyEqual(async () => {
    await page.waitForTimeout(150);
    const now = await viewport.getAttribute('style');
    const same = now === last;
    last = now;
    return same;
  }, true);
}

/** The drawn nodes (boxes included) that are not wholly inside the canvas. */
async function outsideCanvas(): Promise<string[]> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const outside: string[] = [];
  for (const node of await page.locator('.react-flow__node').all()) {
    const box = (await node.boundingBox())!;
    const inside =
      box.x >= pane.x &&
      box.y >= pane.y &&
      box.x + box.width <= pane.x + pane.width &&
      box.y + box.height <= pane.y + pane.height;
    if (!inside) outside.push((await node.getAttribute('data-id')) ?? '?');
  }
  return outside;
}

/** The ids of the drawn nodes and boxes, sorted. */
async function drawnIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const node of await page.locator('.react-flow__node').all())
    ids.push((await node.getAttribute('data-id')) ?? '?');
  return ids.sort();
}

/** A GET of the API as the signed-in user. */
function apiGet<T>(url: string): Promise<T> {
  return page.evaluate(async (target) => {
    const response = await fetch(target);
    return (await response.json()) as T;
  }, url);
}

interface Definition {
  nodes: { id: string; type: string; params: Record<string, unknown> }[];
  edges: { source: string; sourcePort?: string; target: string }[];
  groups?: { id: string; nodes: string[] }[];
}

test('quote to cash reads at one screen by its stages, which expand, open alone and extract', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
  await page.getByRole('button', { name: 'Install Quote to cash' }).click();
  await page
    .getByRole('dialog', { name: 'Install Quote to cash' })
    .getByRole('button', { name: 'Install' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Quote to cash' }).waitFor();
  const workflowId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  // Opened: five stage boxes and the lost ending, all on the canvas at a readable zoom.
  const stages = ['quote', 'approval', 'order-and-credit', 'fulfilment', 'invoice-and-payment'];
  await eventuallyEqual(drawnIds, [...stages.map((id) => `group:${id}`), 'closeLost', 'endLost'].sort());
  await settled();
  const opened = await measureGraph(page, []);
  process.stdout.write(`quote-to-cash collapsed: ${JSON.stringify(opened)}\n`);
  expect(opened.titlePx).toBeGreaterThanOrEqual(10);
  expect(opened.overlaps).toEqual([]);
  expect(await outsideCanvas()).toEqual([]);
  expect(await page.getByTestId('group-approval').textContent()).toContain('14 nodes');
  await page.locator('.wf-canvas').screenshot({ path: path.join(screenshots, 'subprocess-collapsed.png') });

  // Expanded in place: the approval stage's nodes are drawn in a frame, the other stages stay boxes.
  await page.getByRole('button', { name: 'Expand Approval' }).click();
  await page.getByTestId('node-approval').waitFor();
  await page.getByTestId('frame-approval').waitFor();
  await settled();
  expect(await page.locator('.wf-group-box').count()).toBe(4);
  expect(await page.locator('.react-flow__node').count()).toBe(4 + 14 + 2);
  expect((await measureGraph(page, [])).overlaps).toEqual([]);
  // The README's picture of it: on a larger screen, the whole view.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByRole('button', { name: 'Fit View' }).click();
  await settled();
  await page.locator('.wf-canvas').screenshot({ path: path.join(screenshots, 'subprocess-expanded.png') });
  await page.getByRole('button', { name: 'Collapse Approval' }).click();
  await eventuallyEqual(() => page.locator('.wf-group-box').count(), 5);

  // Opened as its own canvas: only the fulfilment stage, with a breadcrumb back.
  await page.getByRole('button', { name: 'Open Fulfilment' }).click();
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await breadcrumb.locator('[aria-current="page"]', { hasText: 'Fulfilment' }).waitFor();
  await eventuallyEqual(drawnIds, [
    'awaitGoods',
    'awaitOrdered',
    'markReady',
    'orderShipped',
    'prepareShipment',
    'requisition',
    'requisitionOrdered',
    'reserve',
    'ship',
    'shipTask',
    'stockOk',
    'submitRequisition',
  ]);
  await settled();
  await page.locator('.wf-canvas').screenshot({ path: path.join(screenshots, 'subprocess-opened.png') });

  // Extract: the shipment steps become a workflow of their own, called in their place. The stage
  // scrolls at the readable zoom; the canvas's Fit View shows all of it, to click.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await settled();
  for (const [index, id] of ['prepareShipment', 'markReady', 'shipTask', 'ship'].entries()) {
    await page
      .getByTestId(`node-${id}`)
      .locator('.wf-node__header')
      .click({ modifiers: index === 0 ? [] : ['Control'] });
  }
  await page.getByRole('button', { name: 'Extract to sub-workflow…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Extract to sub-workflow' });
  await dialog.getByLabel('Name').fill('Ship the order');
  await dialog.getByRole('button', { name: 'Extract' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Extracted into workflow' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain(
    'node "shipTheOrder" calls it. Input: nodes.order, nodes.reserve. Output: nothing.',
  );
  await page.getByTestId('node-shipTheOrder').waitFor();
  await page.locator('.wf-toolbar').getByRole('button', { name: 'Save' }).click();
  await eventuallyEqual(
    async () => (await page.getByTestId('draft-state').textContent())?.startsWith('Saved'),
    true,
  );

  // The new workflow exists, published, with the input inferred from what the steps read outside.
  const { items } = await apiGet<{ items: { _id: string; name: string; publishedVersion?: number }[] }>(
    '/api/workflows',
  );
  const child = items.find((item) => item.name === 'Ship the order')!;
  expect(child.publishedVersion).toBe(1);
  const childDraft = (await apiGet<{ draft: Definition }>(`/api/workflows/${encodeURIComponent(child._id)}`))
    .draft;
  const start = childDraft.nodes.find((node) => node.type === 'trigger.manual')!;
  expect(start.params.inputSchema).toEqual({
    type: 'object',
    properties: {
      nodes: {
        type: 'object',
        description: 'Outputs of the parent nodes the steps read',
        properties: {
          order: { description: "The output of the parent's node order" },
          reserve: { description: "The output of the parent's node reserve" },
        },
        required: ['order', 'reserve'],
      },
    },
    required: ['nodes'],
  });
  expect(childDraft.nodes.map((node) => node.id)).toEqual([
    'start',
    'prepareShipment',
    'markReady',
    'shipTask',
    'ship',
    'finish',
  ]);
  expect(childDraft.nodes.find((node) => node.id === 'markReady')!.params.id).toBe(
    '=$nodes.prepareShipment._id',
  );

  // The parent calls it through one flow.subworkflow node wired in the steps' place.
  const parent = (await apiGet<{ draft: Definition }>(`/api/workflows/${encodeURIComponent(workflowId)}`))
    .draft;
  const call = parent.nodes.find((node) => node.id === 'shipTheOrder')!;
  expect(call.type).toBe('flow.subworkflow');
  expect(call.params).toEqual({
    workflowId: child._id,
    input: { nodes: { order: '=$nodes.order', reserve: '=$nodes.reserve' } },
    wait: true,
  });
  expect(parent.nodes.some((node) => node.id === 'prepareShipment')).toBe(false);
  expect(
    parent.edges.filter((edge) => edge.source === 'shipTheOrder' || edge.target === 'shipTheOrder'),
  ).toEqual([
    { id: 'e38', source: 'stockOk', sourcePort: 'true', target: 'shipTheOrder' },
    { id: 'e49', source: 'shipTheOrder', target: 'orderShipped' },
  ]);
  expect(parent.groups!.find((group) => group.id === 'fulfilment')!.nodes).toContain('shipTheOrder');

  // Back to the whole workflow by the breadcrumb: the stages are boxes again.
  await breadcrumb.getByRole('button', { name: '‹ Quote to cash' }).click();
  await eventuallyEqual(() => page.locator('.wf-group-box').count(), 5);
  expect(await page.getByTestId('group-fulfilment').textContent()).toContain('9 nodes');

  // Swimlanes: in the approval stage, its human steps in one band per assignee role.
  await page.getByRole('button', { name: 'Open Approval' }).click();
  await breadcrumb.locator('[aria-current="page"]', { hasText: 'Approval' }).waitFor();
  await page.getByRole('button', { name: 'Lanes by role' }).click();
  await page.getByTestId('lane-salesManager').waitFor();
  await page.getByTestId('lane-sales').waitFor();
  await settled();
  expect((await measureGraph(page, [])).overlaps).toEqual([]);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await settled();
  await page.locator('.wf-canvas').screenshot({ path: path.join(screenshots, 'subprocess-lanes.png') });
  finished = true;
});
