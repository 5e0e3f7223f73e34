/**
 * The behaviour change under which compensable steps run on through a cancel and a failing run
 * waits for them before undoing anything. Runs recorded before it keep the older path: steps in
 * flight when the run stopped were abandoned (see the DETERMINISM RULE in
 * worker/workflows/interpreted-workflow.ts).
 */
export const COMPENSATE_IN_FLIGHT_STEPS = 'compensate-in-flight-steps';

/**
 * The compensable steps a run has under way, in every branch and forEach item. When the run fails
 * or is cancelled, a sibling's step may still be running; its outcome decides whether there is
 * something to undo, so compensation waits for `settle()` first, and a step that completed after
 * the stop is undone with the others.
 */
export class InFlightSteps {
  private readonly steps = new Set<Promise<unknown>>();

  /** Runs `work` as a tracked step and returns its promise (which may reject as `work` does). */
  track<T>(work: () => Promise<T>): Promise<T> {
    const step = work();
    const settled: Promise<unknown> = step.then(
      () => this.steps.delete(settled),
      () => this.steps.delete(settled),
    );
    this.steps.add(settled);
    return step;
  }

  /** Whether a tracked step is running. */
  get busy(): boolean {
    return this.steps.size > 0;
  }

  /** Resolves once no tracked step is running; never rejects. */
  async settle(): Promise<void> {
    while (this.steps.size > 0) await Promise.all([...this.steps]);
  }
}
