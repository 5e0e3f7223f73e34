import type { ValidationError, WorkflowDefinition } from '../../workflows';
import { checkCron } from './cron-expression';
import { timeZoneProblem } from './time-zone';

/**
 * Publish-time checks of every enabled `trigger.schedule` node that the params schema cannot
 * express: the cron grammar Temporal parses and a time zone Temporal can load. Each error names
 * the node and the param, like every other validation error. Params of the wrong type are left
 * to the params schema, which reports them already.
 *
 * @example
 * scheduleTriggerErrors(definition);
 * // [{ nodeId: 'nightly', path: 'params.cron', code: 'invalid_params',
 * //    message: 'Node "nightly" (trigger.schedule): params.cron minute field: 75 is out of range 0-59' }]
 */
export function scheduleTriggerErrors(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'trigger.schedule' || node.disabled) continue;
    const error = (param: string, problem: string): ValidationError => ({
      nodeId: node.id,
      path: `params.${param}`,
      code: 'invalid_params',
      message: `Node ${JSON.stringify(node.id)} (${node.type}): params.${param} ${problem}`,
    });
    const { cron, timezone } = node.params;
    if (typeof cron === 'string') {
      const checked = checkCron(cron);
      if (!checked.ok) errors.push(error('cron', checked.message));
    }
    if (typeof timezone === 'string') {
      const problem = timeZoneProblem(timezone);
      if (problem !== undefined) errors.push(error('timezone', problem));
    }
  }
  return errors;
}
