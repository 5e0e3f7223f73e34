import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * The shipped process templates in the editor: each is installed from the template gallery with its
 * default params, opens on the canvas with every node and edge drawn (its stages expanded) and no problem, and its graph
 * is the README's screenshot (docs/screenshots/template-<name>.png), zoomed out to show it whole.
 */

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const templatesDir = path.resolve(__dirname, '..', '..', 'workflows', 'templates');

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('template-graphs', { viewport: { width: 2400, height: 1400 } });
  ({ app, page } = session);
});

afterAll(() => session?.close({ printLog: !finished }));

async function definitionOf(name: string): Promise<{ nodes: unknown[]; edges: unknown[] }> {
  const file = JSON.parse(await fs.readFile(path.join(templatesDir, `${name}.json`), 'utf8')) as {
    definition: { nodes: unknown[]; edges: unknown[] };
  };
  return file.definition;
}

test('each process template installs from the gallery and opens as a valid graph', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  const nav = page.getByRole('navigation', { name: 'Main' });

  for (const [name, title] of [
    ['quote-to-cash', 'Quote to cash'],
    ['procurement', 'Procurement'],
    ['support', 'Customer support'],
    ['lead-intake', 'Lead intake'],
  ] as const) {
    await nav.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('button', { name: `Install ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Install ${title}` });
    await dialog.getByRole('button', { name: 'Install' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const { nodes, edges } = await definitionOf(name);
    // The process templates open by their stages, collapsed; expanded, every node is drawn.
    if (name !== 'lead-intake') await page.getByRole('button', { name: 'Expand all' }).click();
    await page
      .locator('.react-flow__node')
      .nth(nodes.length - 1)
      .waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(nodes.length);
    expect(await page.locator('.react-flow__edge').count()).toBe(edges.length);
    const summary = page.getByRole('region', { name: 'Problems' }).getByTestId('problems-summary');
    await eventuallyEqual(() => summary.getAttribute('data-status'), 'checked');
    expect(await page.locator('.wf-problem').count()).toBe(0);
    // Zoom to fit stops at a readable zoom, where a long process scrolls; the canvas's own Fit View
    // control shows the whole graph, however small, for the overview.
    await page.getByRole('button', { name: 'Fit View' }).click();
    await settled(page);
    await page.screenshot({
      path: path.join(screenshots, `template-${name}.png`),
      clip: await graphBox(page),
    });
  }
  finished = true;
});

/** Waits until the viewport's transform stops changing (zooms animate). */
async function settled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last: string | null = null;
  await eventuallyEqual(async () => {
    const now = await viewport.getAttribute('style');
    const same = now === last;
    last = now;
    return same;
  }, true);
}

/** The area the graph's nodes cover on the page, with a margin: the screenshot leaves out the empty canvas. */
async function graphBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const boxes = [];
  for (const node of await page.locator('.react-flow__node').all()) {
    const box = await node.boundingBox();
    if (box !== null) boxes.push(box);
  }
  const margin = 24;
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
