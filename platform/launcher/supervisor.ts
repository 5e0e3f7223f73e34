import type { ManagedProcess } from './managed-process';

/** When a crashed child is restarted, and when the supervisor gives up on it. */
export interface RestartPolicy {
  /** This many crashes of one child within `windowMs` stop the stack. */
  maxCrashes: number;
  windowMs: number;
  /** The first restart waits this long; each further crash in the window doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 120_000,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number } | { action: 'give-up' };

/**
 * Decides what to do about a crash, given the times of this child's crashes so far (this one
 * last): restart with exponential backoff, or give up once the window holds `maxCrashes`.
 *
 * @example
 * decideRestart([1000], 1000, defaultRestartPolicy); // { action: 'restart', delayMs: 500 }
 */
export function decideRestart(crashTimes: number[], now: number, policy: RestartPolicy): RestartDecision {
  const recent = crashTimes.filter((time) => now - time < policy.windowMs).length;
  if (recent >= policy.maxCrashes) return { action: 'give-up' };
  return {
    action: 'restart',
    delayMs: Math.min(policy.firstDelayMs * 2 ** Math.max(0, recent - 1), policy.maxDelayMs),
  };
}

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function indent(text: string): string {
  return text === '' ? '  (no output)' : text.replace(/^/gm, '  | ');
}

/**
 * Keeps the children of `npm start` running: a child that exits without being asked to is
 * started again with the same command after a backoff, and the event is reported with its last
 * output lines. A child that keeps crashing ({@link RestartPolicy}) makes `onGiveUp` run with a
 * message naming it and its last exit.
 */
export class Supervisor {
  private readonly children = new Map<string, ManagedProcess>();
  private readonly crashes = new Map<string, number[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly options: {
      say: (line: string) => void;
      onGiveUp: (message: string) => void;
      policy?: RestartPolicy;
      now?: () => number;
    },
  ) {}

  /** The running process of a child, by name. */
  child(name: string): ManagedProcess | undefined {
    return this.children.get(name);
  }

  /** Watches `child`; it is restarted under its name whenever it exits unasked. */
  watch(child: ManagedProcess): void {
    this.children.set(child.name, child);
    void child.exited.then((exit) => {
      if (this.stopping || child.isStopping || this.children.get(child.name) !== child) return;
      this.crashed(child, exit);
    });
  }

  private crashed(child: ManagedProcess, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    const policy = this.options.policy ?? defaultRestartPolicy;
    const now = (this.options.now ?? Date.now)();
    const times = [...(this.crashes.get(child.name) ?? []), now].filter((t) => now - t < policy.windowMs);
    this.crashes.set(child.name, times);
    const decision = decideRestart(times, now, policy);
    if (decision.action === 'give-up') {
      this.options.onGiveUp(
        `${child.name} crashed ${times.length} times within ${policy.windowMs / 1000}s and is not ` +
          `restarted again; the stack stops. Its last exit: it ${describeExit(exit)}. Its last output:\n` +
          indent(child.tail()),
      );
      return;
    }
    this.options.say(
      `${child.name} ${describeExit(exit)}; restarting it in ${decision.delayMs / 1000}s ` +
        `(crash ${times.length} of ${policy.maxCrashes} allowed within ${policy.windowMs / 1000}s). ` +
        `Its last output:\n${indent(child.tail())}`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping) return;
      const next = child.respawn();
      this.watch(next);
      this.options.say(`${child.name} restarted (pid ${next.pid ?? '?'})`);
    }, decision.delayMs);
    this.timers.add(timer);
  }

  /**
   * Stops restarting, then stops the children: those named in `first` at once (the apps), then
   * the others at once (the services the apps use).
   */
  async stop(first: string[]): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    const stopAll = (children: ManagedProcess[]) =>
      Promise.all(children.map((child) => child.stop('SIGTERM')));
    const all = [...this.children.values()];
    await stopAll(all.filter((child) => first.includes(child.name)));
    await stopAll(all.filter((child) => !first.includes(child.name)));
  }
}
