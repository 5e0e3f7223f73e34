import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import {
  describeSchedule,
  type ScheduleRecord,
  type ScheduleSync,
  type ScheduleView,
} from '../../../domain/schedules';
import type { WorkflowStore } from '../../../domain/workflows';
import { mapWithConcurrency } from '../../../workflows/interpreter/bounded-map';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { mapped } from '../workflows/workflow-errors-to-http';

export interface ScheduleRoutesDeps {
  temporal: Client;
  schedules: ScheduleSync;
  workflows: WorkflowStore;
}

/** Temporal answers describe calls this many at a time. */
const describeConcurrency = 8;

function describeAll(temporal: Client, records: ScheduleRecord[]): Promise<ScheduleView[]> {
  return mapWithConcurrency(records, describeConcurrency, (record) => describeSchedule(temporal, record));
}

function allowRead(req: Request): void {
  authorize(getActor(req), { resource: 'workflow', action: 'read' });
}

/**
 * The schedules API under `/api`: `GET /schedules[?workflowId=]` and
 * `GET /workflows/:id/schedules` list the Temporal Schedules of published schedule triggers with
 * their cron, time zone, next action times, recent actions and paused state.
 *
 * @example
 * createApp({ …, apiRouters: [scheduleRoutes({ temporal, schedules, workflows })] });
 */
export function scheduleRoutes(deps: ScheduleRoutesDeps): Router {
  const router = Router();

  router.get('/schedules', async (req, res) => {
    allowRead(req);
    const workflowId = typeof req.query.workflowId === 'string' ? req.query.workflowId : undefined;
    res.json({ items: await describeAll(deps.temporal, await deps.schedules.records(workflowId)) });
  });

  router.get('/workflows/:id/schedules', async (req, res) => {
    allowRead(req);
    await mapped(() => deps.workflows.get(req.params.id));
    res.json({ items: await describeAll(deps.temporal, await deps.schedules.records(req.params.id)) });
  });

  return router;
}
