import path from 'node:path';
import { buildAll } from './build';
import { loadConfig } from './config';
import { startEmbeddedServices, type EmbeddedServices } from './embedded-services';
import { ManagedProcess } from './managed-process';
import { assertPortFree } from './ports';

const root = path.resolve(__dirname, '..');
const say = (line: string) => console.log(`[ledgerline] ${line}`);

/**
 * `npm start`: builds what is stale, starts Temporal and the store, then the API server and the
 * worker as child processes, and prints the URLs. Ctrl-C (or SIGTERM) stops every child; a child
 * that crashes stops the whole stack with its last log lines.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);
  await assertPortFree(config.port, 'PORT', config.host);
  const running: { services?: EmbeddedServices } = {};
  const apps: ManagedProcess[] = [];
  let shuttingDown = false;

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    await Promise.all(apps.map((child) => child.stop('SIGTERM')));
    await running.services?.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await buildAll(say);
  const services = await startEmbeddedServices({ ...config, progress: say });
  running.services = services;
  for (const [name, child] of Object.entries(services.processes)) {
    void child?.exited.then(() => {
      if (shuttingDown || child.isStopping) return;
      say(`${name} exited unexpectedly; its last output:\n${child.tail()}`);
      void shutdown(1);
    });
  }

  const env = {
    ...process.env,
    MONGO_URL: services.mongoUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: config.temporalUiUrl ?? services.temporalUiUrl,
    DATA_DIR: config.dataDir,
  };
  for (const name of ['server', 'worker']) {
    const child = new ManagedProcess({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', path.join(root, name, 'main.ts')],
      env,
      cwd: root,
      logFile: path.join(config.dataDir, 'logs', `${name}.log`),
      echo: true,
    });
    apps.push(child);
    void child.exited.then(({ code }) => {
      if (shuttingDown || child.isStopping) return;
      say(`${name} exited with code ${code}; its last output:\n${child.tail()}`);
      void shutdown(1);
    });
  }

  const appUrl = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  await waitForHealth(`${appUrl}/api/health`);
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s (store: ${services.store})`);
  say(`app:         ${appUrl}`);
  say(`API health:  ${appUrl}/api/health`);
  if (services.temporalUiUrl) say(`Temporal UI: ${services.temporalUiUrl}`);
  say(`data:        ${config.dataDir}`);
  say('press Ctrl-C to stop');
}

async function waitForHealth(url: string): Promise<void> {
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
