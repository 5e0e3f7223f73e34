import fs from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__ledgerlineServices;
  if (!state) return;
  await state.services.stop();
  await fs.rm(state.dataDir, { recursive: true, force: true });
}
