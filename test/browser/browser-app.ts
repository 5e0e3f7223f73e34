import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEntityRepository, type EntityRepository } from '../../domain/entities';
import { buildEditor, editorIsStale } from '../../platform/launcher/build';
import type { TestServices } from '../setup/test-env';
import { serveApi } from '../support/api-server';

export const adminEmail = 'admin@example.com';
export const adminPassword = 'admin-password-long';

/** The API server serving the built editor, as a browser test drives it. */
export interface BrowserApp {
  url: string;
  /** Seeds records the flow under test does not create itself. */
  repo: EntityRepository;
  close(): Promise<void>;
}

/**
 * The whole API server (`createServerApp`, as `npm start` runs it) over the test's store and Temporal,
 * serving the built editor (rebuilt first when its sources are newer), with one admin account.
 * `options` sets the Temporal UI address the run viewer links to and the folder the template
 * gallery reads.
 */
export async function startBrowserApp(
  services: TestServices,
  options: { temporalUiUrl?: string; templatesDir?: string; secretsKey?: Buffer } = {},
): Promise<BrowserApp> {
  if (await editorIsStale()) await buildEditor(() => undefined);
  const server = await serveApi(services, {
    app: {
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
    },
  });
  await server.users.createUser(
    { email: adminEmail, name: 'Ada Admin', roles: ['admin'], password: adminPassword },
    { userId: 'system', email: 'system' },
  );
  return { url: server.url, repo: createEntityRepository(services.db), close: () => server.close() };
}

/** Signs in through the editor's login form, on the page the app shows a signed-out user. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
