import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEntityRepository, type EntityRepository } from '../../domain/entities';
import { createUserStore } from '../../domain/users';
import { buildEditor, editorIsStale } from '../../platform/build';
import { createLogger } from '../../platform/logger';
import { createServerApp } from '../../server/server-app';
import { listen } from '../setup/listen';
import type { TestServices } from '../setup/test-env';

export const adminEmail = 'admin@example.com';
export const adminPassword = 'admin-password-long';

/**
 * The whole API server (`createServerApp`, as `npm start` runs it) over the test's store and Temporal,
 * serving the built editor (rebuilt first when its sources are newer), with one admin account.
 * `repo` lets a test seed records the flow under test does not create itself. `options` sets the
 * Temporal UI address the run viewer links to and the folder the template gallery reads.
 */
export async function startBrowserApp(
  services: TestServices,
  options: { temporalUiUrl?: string; templatesDir?: string } = {},
): Promise<{ url: string; repo: EntityRepository; close: () => Promise<void> }> {
  if (await editorIsStale()) await buildEditor(() => undefined);
  const log = createLogger({ level: 'silent', service: 'test' });
  const users = createUserStore(services.db);
  await users.ensureIndexes();
  await users.createUser(
    { email: adminEmail, name: 'Ada Admin', roles: ['admin'], password: adminPassword },
    { userId: 'system', email: 'system' },
  );
  const repo = createEntityRepository(services.db);
  const app = createServerApp({
    db: services.db,
    temporal: services.temporal,
    namespace: services.namespace,
    taskQueue: services.taskQueue,
    log,
    users,
    health: {
      store: async () => {
        await services.db.command({ ping: 1 });
      },
      temporal: async () => {
        await services.temporal.workflowService.getSystemInfo({});
      },
    },
    editorDir: path.resolve(__dirname, '..', '..', 'editor', 'dist'),
    ...options,
  });
  const server = await listen(app);
  return { url: server.url, repo, close: server.close };
}

/**
 * Debian's Chromium, headless, with one page in a fixed locale, time zone and viewport. `log`
 * collects the page's console messages, errors and failed responses for diagnosing a failure.
 */
export async function openBrowserPage(
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<{ browser: Browser; page: Page; log: string[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400)
      log.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
  });
  return { browser, page, log };
}
