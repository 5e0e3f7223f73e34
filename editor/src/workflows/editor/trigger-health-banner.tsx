import { useEffect, useState } from 'react';
import { api } from '../../api/api-client';

interface ConditionFailures {
  count: number;
  flagged: boolean;
  last?: { message?: string; at: string; nodeId: string; entityType: string; entityId: string };
}

/**
 * A warning above the problems panel when the published version's trigger condition keeps failing
 * at run time (it trips a bound, or raises an error): each failure counts as no match, so without
 * this the workflow would just quietly never start.
 */
export function TriggerHealthBanner({ workflowId }: { workflowId: string }) {
  const [failures, setFailures] = useState<ConditionFailures | undefined>();
  useEffect(() => {
    let live = true;
    api<{ conditionFailures: ConditionFailures }>(
      `/workflows/${encodeURIComponent(workflowId)}/trigger-health`,
    )
      .then((answer) => live && setFailures(answer.conditionFailures))
      .catch(() => live && setFailures(undefined));
    return () => {
      live = false;
    };
  }, [workflowId]);
  if (!failures?.flagged) return null;
  return (
    <div role="alert" className="wf-trigger-health" data-testid="trigger-health">
      <strong>
        The trigger condition failed {failures.count} time{failures.count === 1 ? '' : 's'} in the last day
      </strong>{' '}
      and each of those events started no run.
      {failures.last?.message && (
        <>
          {' '}
          Last, on node <code>{failures.last.nodeId}</code> for {failures.last.entityType}{' '}
          <code>{failures.last.entityId}</code>: {failures.last.message}
        </>
      )}
    </div>
  );
}
