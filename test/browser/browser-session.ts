import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connectTestServices, type TestServices } from '../setup/test-env';
import { openBrowserPage, startBrowserApp, type BrowserApp } from './browser-app';

/** The real services, the app serving the editor, and a browser page, for one browser test file. */
export interface BrowserSession {
  services: TestServices;
  app: BrowserApp;
  browser: Browser;
  page: Page;
  /** The page's console messages, errors and failed responses. */
  log: string[];
  /**
   * Keeps the last screen and the browser log in the temp directory as `ledgerline-<name>-last.png`
   * and `ledgerline-<name>-browser.log` for diagnosing a failure (and prints the log when
   * `printLog`), then closes the browser, the app and the services.
   */
  close(options?: { printLog?: boolean }): Promise<void>;
}

/**
 * Connects to the test services, starts the app (see `startBrowserApp`, with `app` options) and
 * opens a page of `viewport`; what it started before a failure is closed again.
 *
 * @example
 * beforeAll(async () => {
 *   session = await startBrowserSession('inbox', { viewport: { width: 1366, height: 900 } });
 *   ({ app, page } = session);
 * });
 * afterAll(() => session?.close({ printLog: !finished }));
 */
export async function startBrowserSession(
  name: string,
  options: {
    viewport?: { width: number; height: number };
    app?: Parameters<typeof startBrowserApp>[1];
  } = {},
): Promise<BrowserSession> {
  const services = await connectTestServices(`browser-${name}`);
  const app = await startBrowserApp(services, options.app).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  const { browser, page, log } = await openBrowserPage(options.viewport).catch(async (error: unknown) => {
    await app.close();
    await services.close();
    throw error;
  });
  return {
    services,
    app,
    browser,
    page,
    log,
    async close({ printLog = false } = {}) {
      try {
        if (printLog && log.length > 0) process.stderr.write(`browser log:\n${log.join('\n')}\n`);
        await fs.writeFile(path.join(os.tmpdir(), `ledgerline-${name}-browser.log`), log.join('\n'));
        await page.screenshot({
          path: path.join(os.tmpdir(), `ledgerline-${name}-last.png`),
          fullPage: true,
        });
      } finally {
        await browser.close();
        await app.close();
        await services.close();
      }
    },
  };
}
