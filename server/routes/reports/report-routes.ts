import { Router, type Request, type Response } from 'express';
import type { Db } from 'mongodb';
import { appendAudit } from '../../../domain/audit/audit-log';
import {
  ReadOnlyReportError,
  ReportInputError,
  parseReportDefinition,
  reportColumns,
  reportFileName,
  reportGroups,
  reportRows,
  writeReportCsv,
  type Report,
  type ReportStore,
} from '../../../domain/reports';
import { maxListLimit } from '../../../domain/entities';
import { getActor, type Actor } from '../../auth/actor';
import { authorize, can } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { toHttpError } from '../entities/entity-errors-to-http';

export interface ReportRoutesDeps {
  db: Db;
  reports: ReportStore;
  /** The clock relative dates (`today-30`) count from; defaults to the wall clock. */
  now?: () => Date;
}

/** Runs `fn`, turning the report and repository errors into their HTTP meaning. */
async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    if (error instanceof ReportInputError)
      throw new HttpError('validation_failed', error.message, error.problems);
    if (error instanceof ReadOnlyReportError) throw new HttpError('forbidden', error.message);
    throw toHttpError(error);
  }
}

function canRead(actor: Actor, report: Pick<Report, 'entityType'>): boolean {
  return can(actor, { resource: 'entity', type: report.entityType, action: 'read' });
}

/** The query parameters a route takes, each once: anything else is a 400 naming it. */
function readQuery(req: Request, allowed: readonly string[]): Record<string, string> {
  const errors: ErrorDetail[] = [];
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name))
      errors.push({ path: name, message: `is not a known parameter; use ${allowed.join(', ')}` });
    else if (typeof value !== 'string')
      errors.push({ path: name, message: 'must be given once, as a plain value' });
    else query[name] = value;
  }
  if (errors.length > 0) throw new HttpError('bad_request', 'invalid query parameters', errors);
  return query;
}

/** Resolves after the response can take more, or when the client went away (then `false`). */
function drained(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (open: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(open);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Reports under `/api/reports` (README, Reports): saved list queries over one entity type.
 * - `GET /reports` lists the built-in and saved reports on types the caller may read;
 * - `POST /reports` saves one (201), `PUT /reports/:id` replaces it, `DELETE /reports/:id` removes it:
 *   the `report.manage` permission and read on its entity type; built-in reports are read-only (403);
 * - `GET /reports/:id/rows?limit=&cursor=` pages its rows, with its group rows on the first page;
 * - `GET /reports/:id/export.csv?view=rows|groups` streams it as CSV (at most 10,000 rows).
 */
export function reportRoutes(deps: ReportRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  /** The report, once the caller may read its entity type. */
  async function readable(req: Request<{ id: string }>): Promise<Report> {
    const actor = getActor(req);
    const report = await deps.reports.get(req.params.id);
    if (report === undefined) throw new HttpError('not_found', `report ${req.params.id} does not exist`);
    authorize(actor, { resource: 'entity', type: report.entityType, action: 'read' });
    return report;
  }

  async function audit(
    actor: Actor,
    action: string,
    report: Report,
    diff: Record<string, { from?: unknown; to?: unknown }>,
  ) {
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action,
      resource: 'report',
      resourceId: report._id,
      diff,
      at: new Date().toISOString(),
    });
  }

  router.get('/reports', async (req, res) => {
    const actor = getActor(req);
    readQuery(req, []);
    res.json({ items: (await deps.reports.list()).filter((report) => canRead(actor, report)) });
  });

  router.post('/reports', async (req, res) => {
    const actor = getActor(req);
    authorize(actor, { resource: 'report', action: 'manage' });
    const report = await mapped(async () => {
      const definition = parseReportDefinition(req.body);
      authorize(actor, { resource: 'entity', type: definition.entityType, action: 'read' });
      return deps.reports.create(definition, actor);
    });
    await audit(actor, 'report.created', report, {
      name: { to: report.name },
      entityType: { to: report.entityType },
    });
    res.status(201).location(`${req.baseUrl}/reports/${report._id}`).json(report);
  });

  router.get('/reports/:id', async (req, res) => {
    res.json(await readable(req));
  });

  router.put('/reports/:id', async (req, res) => {
    const actor = getActor(req);
    authorize(actor, { resource: 'report', action: 'manage' });
    const before = await readable(req);
    const after = await mapped(async () => {
      if (before.builtIn) throw new ReadOnlyReportError(before._id);
      const definition = parseReportDefinition(req.body);
      authorize(actor, { resource: 'entity', type: definition.entityType, action: 'read' });
      return deps.reports.replace(before._id, definition, actor);
    });
    if (after === undefined) throw new HttpError('not_found', `report ${req.params.id} does not exist`);
    await audit(actor, 'report.updated', after, { version: { from: before.version, to: after.version } });
    res.json(after);
  });

  router.delete('/reports/:id', async (req, res) => {
    const actor = getActor(req);
    authorize(actor, { resource: 'report', action: 'manage' });
    const report = await readable(req);
    await mapped(() => deps.reports.remove(report._id));
    await audit(actor, 'report.deleted', report, { name: { from: report.name } });
    res.status(204).end();
  });

  router.get('/reports/:id/rows', async (req, res) => {
    const report = await readable(req);
    const query = readQuery(req, ['limit', 'cursor']);
    const limit =
      query.limit === undefined ? 50 : /^[0-9]{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(limit >= 1 && limit <= maxListLimit))
      throw new HttpError('bad_request', `limit must be an integer from 1 to ${maxListLimit}`, [
        { path: 'limit', message: `must be an integer from 1 to ${maxListLimit}` },
      ]);
    const at = now();
    const page = await mapped(() =>
      reportRows(deps.db, report, {
        limit,
        now: at,
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      }),
    );
    const groups = query.cursor === undefined ? await reportGroups(deps.db, report, at) : undefined;
    res.json({
      report: { _id: report._id, name: report.name, entityType: report.entityType },
      columns: reportColumns(report),
      items: page.items,
      nextCursor: page.nextCursor,
      ...(groups === undefined ? {} : { groups }),
    });
  });

  router.get('/reports/:id/export.csv', async (req, res) => {
    const report = await readable(req);
    const { view = report.groupBy === undefined ? 'rows' : 'groups' } = readQuery(req, ['view']);
    if (view !== 'rows' && view !== 'groups')
      throw new HttpError('bad_request', 'view must be rows or groups', [
        { path: 'view', message: 'must be rows or groups' },
      ]);
    if (view === 'groups' && report.groupBy === undefined)
      throw new HttpError('bad_request', `report ${report._id} has no grouping`, [
        { path: 'view', message: 'groups needs a report with a grouping; use rows' },
      ]);
    const at = now();
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${reportFileName(report, at)}"`)
      .set('Cache-Control', 'no-store');
    let open = true;
    try {
      await writeReportCsv(deps.db, report, { now: at, view }, async (chunk) => {
        if (open && !res.write(chunk)) open = await drained(res);
      });
    } catch (error: unknown) {
      // The status line is gone: a cut-off download is the only honest answer left.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    res.end();
  });

  return router;
}
