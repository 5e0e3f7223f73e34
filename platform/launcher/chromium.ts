import { spawn } from 'node:child_process';
import { findOnPath } from './tools';

function run(command: string, args: string[], progress: (line: string) => void): Promise<number> {
  progress(`chromium: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Finds the Chromium the browser tests drive: `CHROMIUM_PATH`, then Debian's package, then PATH.
 * When none is there and we run as root on Debian, installs the `chromium` package with apt.
 */
export async function ensureChromium(options: {
  explicitPath: string | undefined;
  searchPath: string | undefined;
  progress: (line: string) => void;
}): Promise<string> {
  if (options.explicitPath) return options.explicitPath;
  const found = (await findOnPath('chromium', `/usr/bin:${options.searchPath ?? ''}`)) ?? undefined;
  if (found) return found;
  const aptGet = await findOnPath('apt-get', options.searchPath);
  if (aptGet && process.getuid?.() === 0) {
    if ((await run(aptGet, ['update', '-qq'], options.progress)) === 0) {
      await run(aptGet, ['install', '-y', '-qq', 'chromium'], options.progress);
    }
    const installed = await findOnPath('chromium', '/usr/bin');
    if (installed) return installed;
  }
  throw new Error(
    "Chromium is needed for the browser tests. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.",
  );
}
