import { loadConfig } from '../config';
import { ensureChromium } from './chromium';
import { ensureTools } from './tools';

/** `npm run tools`: finds or builds the pinned Temporal CLI and FerretDB, printing progress. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const started = Date.now();
  const tools = await ensureTools({
    ...config,
    // The test setup always runs its own store unless MONGO_URL is set, so obtain FerretDB too.
    mongoUrl: config.mongoUrl,
    searchPath: process.env.PATH,
    progress: (line) => console.log(`[tools] ${line}`),
  });
  console.log(`[tools] temporal: ${tools.temporal || 'external (TEMPORAL_ADDRESS)'}`);
  console.log(
    `[tools] store: ${config.mongoUrl ? 'external (MONGO_URL)' : (tools.mongod ?? tools.ferretdb)}`,
  );
  if (process.argv.includes('--browser')) {
    const chromium = await ensureChromium({
      explicitPath: process.env.CHROMIUM_PATH,
      searchPath: process.env.PATH,
      progress: (line) => console.log(`[tools] ${line}`),
    });
    console.log(`[tools] chromium: ${chromium}`);
  }
  console.log(`[tools] ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error: unknown) => {
  console.error(`[tools] ${(error as Error).message}`);
  process.exit(1);
});
