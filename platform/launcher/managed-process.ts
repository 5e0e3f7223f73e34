import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

const tailLines = 40;

/** Every child this process started and has not seen exit; killed when this process exits. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a last-resort SIGKILL so no child outlives us.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Appends the child's stdout and stderr to this file. */
  logFile: string;
  /** Also shows each output line of the child on the console (for the API server and worker). */
  echo?: (line: string) => void;
}

/**
 * A child process whose output goes to a log file, whose last lines are kept for crash
 * reports, and which is stopped gracefully (signal, then SIGKILL after a grace period).
 */
export class ManagedProcess {
  readonly name: string;
  readonly options: ManagedProcessOptions;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private readonly lines: string[] = [];
  private partial = '';
  private stopping = false;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(options: ManagedProcessOptions) {
    installExitHook();
    this.name = options.name;
    this.options = options;
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(this.child);
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of this.remember(chunk.toString())) options.echo?.(line);
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.remember(`failed to start ${options.command}: ${error.message}\n`);
      });
      this.child.on('close', (code, signal) => {
        live.delete(this.child);
        this.log.end();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once {@link stop} was called, so an exit is expected rather than a crash. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** The child's last output lines, for a crash report. */
  tail(): string {
    return [...this.lines, this.partial].filter((line) => line !== '').join('\n');
  }

  /** Keeps the last lines and returns the lines this chunk completed. */
  private remember(text: string): string[] {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > tailLines) this.lines.splice(0, this.lines.length - tailLines);
    return parts;
  }

  /** A new process started with the same command, arguments, environment and log file. */
  respawn(): ManagedProcess {
    return new ManagedProcess(this.options);
  }

  /** Sends `signal`, waits up to `graceMs` for the exit, then kills. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills at once, as a crash would. */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}
