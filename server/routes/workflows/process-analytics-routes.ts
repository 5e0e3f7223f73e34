import { Router, type Request } from 'express';
import type { Db } from 'mongodb';
import { processAnalytics } from '../../../domain/process-analytics';
import type { WorkflowStore } from '../../../domain/workflows';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { checkDate, singleParam } from '../runs/run-filter';
import { mapped } from './workflow-errors-to-http';

/** The range an analytics request covers when it names none: the last seven days. */
const defaultRangeMs = 7 * 24 * 60 * 60 * 1000;

interface AnalyticsParams {
  version: number | undefined;
  from: string;
  to: string;
}

/** `version`, `from` and `to`, every problem reported at once with the parameter it concerns. */
function readParams(query: Request['query'], now: Date): AnalyticsParams {
  const details: ErrorDetail[] = [];
  const rawVersion = singleParam(query, 'version', details);
  let version: number | undefined;
  if (rawVersion !== undefined) {
    if (/^[1-9][0-9]{0,8}$/.test(rawVersion)) version = Number(rawVersion);
    else details.push({ path: 'version', message: 'must be a positive integer' });
  }
  const to = checkDate('to', singleParam(query, 'to', details), details) ?? now.toISOString();
  const from =
    checkDate('from', singleParam(query, 'from', details), details) ??
    new Date(Date.parse(to) - defaultRangeMs).toISOString();
  if (details.length === 0 && from >= to) details.push({ path: 'from', message: 'must be before to' });
  if (details.length > 0) throw new HttpError('bad_request', 'invalid analytics parameters', details);
  return { version, from, to };
}

/**
 * `GET /workflows/:id/analytics?version=N&from=…&to=…` (README: Process analytics): per node, the
 * runs that reached it, its failure rate and the median and p90 of its time; per edge, the share of
 * runs taking it. Covers the runs of one version (the published one, else the latest) that closed
 * in `[from, to)`, the last seven days unless given. Readable by whoever may read the workflow's
 * runs.
 */
export function processAnalyticsRoutes(deps: { db: Db; workflows: WorkflowStore; now?: () => Date }): Router {
  const router = Router();
  router.get('/workflows/:id/analytics', async (req, res) => {
    authorize(getActor(req), { resource: 'workflow', action: 'read' });
    const params = readParams(req.query, deps.now?.() ?? new Date());
    const workflowId = req.params.id;
    const version = await mapped(async () => {
      const workflow = await deps.workflows.get(workflowId);
      const number =
        params.version ??
        workflow.publishedVersion ??
        (await deps.workflows.listVersions(workflowId))[0]?.version;
      if (number === undefined)
        throw new HttpError('not_found', `workflow ${workflowId} has no published version yet`);
      return deps.workflows.getVersion(workflowId, number);
    });
    res.json(
      await processAnalytics(deps.db, {
        workflowId,
        version: version.version,
        definition: version.definition,
        from: params.from,
        to: params.to,
      }),
    );
  });
  return router;
}
