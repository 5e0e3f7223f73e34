import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Page } from 'playwright-core';
import { viteBuild } from '../../platform/launcher/build';
import { openBrowserPage } from '../browser/browser-app';
import { listen } from '../setup/listen';
import type { BenchRow } from './report';
import { median, percentile, ratio, round } from './stats';

const repoRoot = path.resolve(__dirname, '..', '..');
/** The benchmark page: the editor's canvas and state over a generated graph (`?size=`), no server. */
const pageRoot = path.join(repoRoot, 'editor', 'src', 'workflows', 'bench');

export interface EditorFramesOptions {
  /** Graph sizes measured against the baseline. */
  sizes: number[];
  /** The baseline graph size, measured in the same run. */
  baseline: number;
  /** Mouse moves per interaction; each waits for the page to take the event. */
  steps: number;
  /** Repetitions of each interaction, whose frames are pooled. */
  repeats: number;
}

/**
 * Builds the benchmark page with the editor's Vite config, its root moved to the page's folder, in
 * production mode (NODE_ENV decides which React build is bundled), as `npm start` serves the editor.
 */
function buildPage(outDir: string): Promise<void> {
  return viteBuild(outDir, { pageRoot, quiet: true });
}

/** Time between frames while `act` runs, from requestAnimationFrame timestamps in the page. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<number[]> {
  // Strings, not functions: they run in the page, whose globals this file's types do not know.
  await page.evaluate('window.benchmark.record()');
  await act();
  return page.evaluate<number[]>('window.benchmark.stop()');
}

/** A drag with the mouse: press at `from`, then `steps` moves of (3, 2) px, then release. */
async function drag(
  page: Page,
  from: { x: number; y: number },
  steps: number,
  direction: 1 | -1,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(from.x + direction * step * 3, from.y + direction * step * 2);
  }
  await page.mouse.up();
}

/** The header of the node drawn nearest the middle of the pane: a node that is certainly in view. */
async function nodeNearCenter(page: Page, pane: { x: number; y: number; width: number; height: number }) {
  const center = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  const id = await page.evaluate<string>(`(() => {
    let best = '';
    let distance = Infinity;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const box = node.getBoundingClientRect();
      const d = (box.x + box.width / 2 - ${center.x}) ** 2 + (box.y + box.height / 2 - ${center.y}) ** 2;
      if (d < distance) { distance = d; best = node.getAttribute('data-id'); }
    }
    return best;
  })()`);
  const box = (await page.getByTestId(`node-${id}`).locator('.wf-node__header').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

interface Sample {
  pan: number[];
  drag: number[];
}

async function measureSize(
  page: Page,
  url: string,
  size: number,
  options: EditorFramesOptions,
): Promise<Sample> {
  await page.goto(`${url}/?size=${size}`);
  await page.waitForFunction(`window.benchmark !== undefined && window.benchmark.size === ${size}`);
  // Above 300 nodes the canvas renders only the nodes in view, so wait for the rendered count to
  // settle once fitView has run rather than for every node.
  const nodes = page.locator('.react-flow__node');
  await nodes.first().waitFor();
  for (let count = -1; ;) {
    await page.waitForTimeout(500);
    const now = await nodes.count();
    if (now === count) break;
    count = now;
  }
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  // The pane's top-left corner is empty at every size: fitView leaves padding around the graph.
  const corner = { x: pane.x + 12, y: pane.y + 12 };
  const sample: Sample = { pan: [], drag: [] };
  await drag(page, corner, 10, 1); // warm-up
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    const direction = repeat % 2 === 0 ? 1 : -1;
    sample.pan.push(...(await framesDuring(page, () => drag(page, corner, options.steps, direction))));
    const grip = await nodeNearCenter(page, pane);
    sample.drag.push(...(await framesDuring(page, () => drag(page, grip, options.steps, direction))));
  }
  return sample;
}

/**
 * Frame times of the editor canvas in headless Chromium while panning and while dragging a node, at
 * each size and at a small baseline graph in the same run: medians and 95th percentiles of the time
 * between animation frames. A drag goes through the editor's own edits (definition, undo history),
 * as in the app.
 */
export async function measureEditorFrames(
  options: EditorFramesOptions = { sizes: [100, 500, 1000], baseline: 10, steps: 120, repeats: 4 },
): Promise<BenchRow[]> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledgerline-editor-bench-'));
  await buildPage(outDir);
  const server = await listen(express().use(express.static(outDir)));
  const { browser, page } = await openBrowserPage({ width: 1280, height: 800 });
  try {
    const baseline = await measureSize(page, server.url, options.baseline, options);
    const rows: BenchRow[] = [];
    for (const [action, frames] of [
      ['panning', baseline.pan],
      ['dragging a node', baseline.drag],
    ] as const) {
      rows.push({
        section: 'editor',
        figure: `frame time while ${action}, ${options.baseline} nodes (baseline: median; p95 in note)`,
        value: round(median(frames), 1),
        unit: 'ms',
        note: `p95 ${round(percentile(frames, 95), 1)} ms; ${frames.length} frames`,
      });
    }
    for (const size of options.sizes) {
      const sample = await measureSize(page, server.url, size, options);
      for (const [action, frames, base] of [
        ['panning', sample.pan, baseline.pan],
        ['dragging a node', sample.drag, baseline.drag],
      ] as const) {
        for (const [stat, p] of [
          ['median', 50],
          ['p95', 95],
        ] as const) {
          const value = percentile(frames, p);
          const reference = percentile(base, p);
          rows.push({
            section: 'editor',
            figure: `frame time while ${action}, ${size.toLocaleString('en-US')} nodes (${stat}) vs ${options.baseline} nodes`,
            value: round(value, 1),
            unit: 'ms',
            baseline: round(reference, 1),
            ratio: ratio(value, reference),
            note: `${frames.length} frames`,
          });
        }
      }
    }
    return rows;
  } finally {
    await browser.close();
    await server.close();
    await fs.rm(outDir, { recursive: true, force: true });
  }
}
