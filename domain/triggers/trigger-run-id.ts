/**
 * The run id (Temporal workflow id) of the run an entity event starts for one trigger node: the same
 * on every delivery of the event, so a second start is refused by Temporal itself.
 *
 * It names the workflow rather than the version: if a new version were published between a start and
 * the event's mark (a dispatcher crash in between), a redelivery must still find the run it started.
 * It names the trigger node because one version may hold several `trigger.entity` nodes that all match.
 *
 * @example
 * triggerRunId('7d0e…', 'wf-42', 'start'); // 'trigger:wf-42:start:7d0e…'
 */
export function triggerRunId(eventId: string, workflowId: string, nodeId: string): string {
  return `trigger:${workflowId}:${nodeId}:${eventId}`;
}
