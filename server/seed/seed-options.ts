/** The most units of generated data `--scale` accepts. */
export const maxScale = 1000;

/**
 * Reads `--scale N` (or `--scale=N`) from the seed's arguments: how many times the demo company's
 * size to seed, 1 (the demo alone) by default. Throws a message naming the option on a bad value.
 *
 * @example
 * parseSeedArgs(['--scale', '100']); // { scale: 100 }
 */
export function parseSeedArgs(argv: readonly string[]): { scale: number } {
  let raw: string | undefined;
  for (const [i, arg] of argv.entries()) {
    if (arg === '--scale') raw = argv[i + 1] ?? '';
    else if (arg.startsWith('--scale=')) raw = arg.slice('--scale='.length);
    else if (arg.startsWith('--') || argv[i - 1] !== '--scale')
      throw new Error(`unknown argument ${arg}; use --scale N`);
  }
  if (raw === undefined) return { scale: 1 };
  if (!/^[1-9][0-9]*$/.test(raw) || Number(raw) > maxScale) {
    throw new Error(`--scale must be a whole number from 1 to ${maxScale}, got ${JSON.stringify(raw)}`);
  }
  return { scale: Number(raw) };
}
