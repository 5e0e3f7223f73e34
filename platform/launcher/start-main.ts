import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildAll } from './build';
import { loadConfig } from '../config';
import { appDir } from './compile';
import { createConsoleFormatter } from './console-lines';
import { startEmbeddedServices } from './embedded-services';
import { ManagedProcess } from './managed-process';
import { assertPortFree } from '../ports';
import { Supervisor } from './supervisor';

const root = path.resolve(__dirname, '..', '..');

/**
 * `npm start`: builds what is stale, starts Temporal and the store, then the API server and the
 * worker as child processes, and prints the URLs once the server is ready. A child that crashes
 * is restarted with backoff; one that keeps crashing stops the stack with a message naming it.
 * Ctrl-C (or SIGTERM) stops every child. `npm start -- --production` (or NODE_ENV=production)
 * runs the compiled build in dist/app instead of the TypeScript sources.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);
  const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
  const supervisorLog = path.join(config.dataDir, 'logs', 'supervisor.log');
  mkdirSync(path.dirname(supervisorLog), { recursive: true });
  const say = (line: string) => {
    console.log(`[ledgerline] ${line}`);
    appendFileSync(supervisorLog, `${new Date().toISOString()} ${line}\n`);
  };
  await assertPortFree(config.port, 'PORT', config.host);
  let shuttingDown = false;
  const supervisor = new Supervisor({
    say,
    onGiveUp: (message) => {
      say(message);
      void shutdown(1);
    },
  });
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    await supervisor.stop(['server', 'worker']);
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await buildAll(say, { production });
  const services = await startEmbeddedServices({ ...config, progress: say });
  const { temporal, store } = services.processes;
  for (const child of [temporal, store]) if (child) supervisor.watch(child);

  const env = {
    ...process.env,
    MONGO_URL: services.mongoUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: config.temporalUiUrl ?? services.temporalUiUrl,
    DATA_DIR: config.dataDir,
  };
  const format = createConsoleFormatter({ colorize: process.stdout.isTTY });
  for (const name of ['server', 'worker']) {
    const args = production
      ? ['--enable-source-maps', path.join(appDir, name, 'main.js')]
      : ['--import', 'tsx', path.join(root, name, 'main.ts')];
    supervisor.watch(
      new ManagedProcess({
        name,
        command: process.execPath,
        args,
        env,
        cwd: root,
        logFile: path.join(config.dataDir, 'logs', `${name}.log`),
        echo: (line) => console.log(format(line)),
      }),
    );
  }

  const appUrl = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  await waitForReady(`${appUrl}/api/health/ready`);
  const mode = production ? 'compiled build' : 'TypeScript sources';
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (store: ${services.store}; ${mode})`);
  say(`app:         ${appUrl}`);
  say(`API health:  ${appUrl}/api/health/ready`);
  if (services.temporalUiUrl) say(`Temporal UI: ${services.temporalUiUrl}`);
  say(`data:        ${config.dataDir}`);
  say(`logs:        ${path.join(config.dataDir, 'logs')}`);
  say('press Ctrl-C to stop');
}

/** Polls the server's readiness until it answers 200: dependencies up and first start prepared. */
async function waitForReady(url: string): Promise<void> {
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

main().catch((error: unknown) => {
  console.error(`[ledgerline] ${(error as Error).message}`);
  process.exit(1);
});
