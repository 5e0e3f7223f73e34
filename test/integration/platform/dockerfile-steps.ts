import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

/** One instruction of a Dockerfile, its continuation lines joined. */
interface Instruction {
  keyword: string;
  args: string;
}

/** What a stage left behind: its folder (the stage's `/`) and the settings a container gets. */
export interface StageResult {
  name: string | undefined;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  cmd: string[];
  healthcheck: string[];
}

/** Splits a Dockerfile into instructions, dropping comments and joining `\` continuations. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = pending + line;
    pending = '';
    const [keyword, ...rest] = whole.split(/\s+/);
    instructions.push({ keyword: keyword!.toUpperCase(), args: rest.join(' ') });
  }
  return instructions;
}

/** Flags such as `--from=build` before the arguments of COPY or HEALTHCHECK. */
function flags(args: string): { flags: Record<string, string>; rest: string } {
  const found: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([a-z-]+)=(\S+)\s+/.exec(rest); match; match = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
    found[match[1]!] = match[2]!;
    rest = rest.slice(match[0].length);
  }
  return { flags: found, rest };
}

function run(command: string, cwd: string, env: Record<string, string>, log: (line: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      log(`RUN ${command}: exit ${code}`);
      if (code === 0) resolve();
      else reject(new Error(`RUN ${command} exited with ${code}:\n${output}`));
    });
  });
}

/** `.dockerignore` entries, read as paths relative to the build context. */
async function ignoredPaths(context: string): Promise<string[]> {
  const text = await fs.readFile(path.join(context, '.dockerignore'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Performs a Dockerfile's stages in folders under `workRoot`, one folder per stage standing for
 * its `/`: WORKDIR, ENV, COPY (from the context minus `.dockerignore`, or `--from` an earlier
 * stage) and RUN (through `sh -c` in the stage's WORKDIR, with only the stage's ENV and the PATH
 * and HOME to find node and the npm cache, which stands for a `--mount=type=cache`) as written. USER, EXPOSE, HEALTHCHECK and CMD are
 * recorded for the caller; `--chown` cannot be applied without root and is left out.
 */
export async function performDockerfile(
  dockerfile: string,
  context: string,
  workRoot: string,
  log: (line: string) => void,
): Promise<StageResult[]> {
  const stages: StageResult[] = [];
  const ignored = await ignoredPaths(context);
  const hostEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  let stage: StageResult | undefined;
  const inStage = (target: string) => {
    if (!stage) throw new Error('an instruction before FROM');
    return path.join(
      stage.root,
      path.posix.isAbsolute(target) ? target : path.posix.join(stage.workdir, target),
    );
  };
  for (const { keyword, args } of parseDockerfile(dockerfile)) {
    if (keyword === 'FROM') {
      const name = /\bAS\s+(\S+)$/i.exec(args)?.[1];
      stage = {
        name,
        root: path.join(workRoot, `stage-${stages.length}`),
        workdir: '/',
        env: {},
        user: undefined,
        cmd: [],
        healthcheck: [],
      };
      stages.push(stage);
      await fs.mkdir(stage.root, { recursive: true });
      continue;
    }
    if (!stage) throw new Error(`${keyword} before FROM`);
    const current = stage;
    switch (keyword) {
      case 'WORKDIR':
        current.workdir = path.posix.resolve(current.workdir, args);
        await fs.mkdir(inStage('.'), { recursive: true });
        break;
      case 'ENV': {
        const [name, value] = args.includes('=') ? args.split('=', 2) : args.split(/\s+/, 2);
        current.env[name!] = value!;
        break;
      }
      case 'COPY': {
        const { flags: copyFlags, rest } = flags(args);
        const parts = rest.split(/\s+/);
        const destination = parts.pop()!;
        const from = copyFlags.from === undefined ? undefined : stages.find((s) => s.name === copyFlags.from);
        if (copyFlags.from !== undefined && !from)
          throw new Error(`COPY --from=${copyFlags.from}: no such stage`);
        for (const source of parts) {
          const sourcePath = from ? path.join(from.root, source) : path.join(context, source);
          const isDir = (await fs.stat(sourcePath)).isDirectory();
          const target =
            isDir || !destination.endsWith('/')
              ? inStage(destination)
              : path.join(inStage(destination), path.basename(source));
          await fs.cp(sourcePath, target, {
            recursive: true,
            filter: (file) =>
              from !== undefined || !ignored.includes(path.relative(context, file).split(path.sep).join('/')),
          });
        }
        log(`COPY ${args}`);
        break;
      }
      case 'RUN': {
        // A `--mount=type=cache` of the npm cache is this machine's npm cache (HOME is kept).
        const { flags: runFlags, rest } = flags(args);
        const mounts = Object.entries(runFlags).filter(([flag]) => flag !== 'mount');
        if (mounts.length > 0 || (runFlags.mount !== undefined && !runFlags.mount.startsWith('type=cache,')))
          throw new Error(`the Dockerfile steps test does not know RUN ${args}`);
        await run(rest, inStage('.'), { ...hostEnv, ...current.env }, log);
        break;
      }
      case 'USER':
        current.user = args;
        break;
      case 'EXPOSE':
        break;
      case 'HEALTHCHECK':
        current.healthcheck = JSON.parse(args.replace(/^(--\S+\s+)*CMD\s+/, '')) as string[];
        break;
      case 'CMD':
        current.cmd = JSON.parse(args) as string[];
        break;
      default:
        throw new Error(`the Dockerfile steps test does not know ${keyword}`);
    }
  }
  return stages;
}
