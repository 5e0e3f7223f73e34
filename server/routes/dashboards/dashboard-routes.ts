import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import {
  computeSection,
  dashboardSections,
  isDashboardSection,
  sectionsFor,
  type SectionView,
} from '../../../domain/insight';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { countRuns } from '../runs/run-list';
import { createSectionCache } from './section-cache';

export interface DashboardRoutesDeps {
  db: Db;
  temporal: Client;
  /** The clock figures are computed at; tests fix it. */
  now?: () => Date;
  /**
   * How long a computed section is served as it is (default 5 s), and how long after that it is
   * still served while recomputed in the background (default 60 s).
   */
  cacheMs?: { freshMs: number; staleMs: number };
  /** The currency of money figures when the request names none. */
  defaultCurrency?: string;
}

/**
 * Role dashboards (README, Dashboards):
 * - `GET /dashboards` lists the sections the caller's roles see;
 * - `GET /dashboards/:section?currency=EUR` (sales, finance, operations, support, admin) answers the
 *   section's widgets, each with the filtered list behind it; 403 for a role without the section.
 */
export function dashboardRoutes(deps: DashboardRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const cache = createSectionCache<SectionView>(deps.cacheMs ?? { freshMs: 5000, staleMs: 60_000 }, () =>
    now().getTime(),
  );

  router.get('/dashboards', (req, res) => {
    res.json({ sections: sectionsFor(getActor(req).roles) });
  });

  router.get('/dashboards/:section', async (req, res) => {
    const actor = getActor(req);
    const section = String(req.params.section);
    if (!isDashboardSection(section)) {
      throw new HttpError(
        'not_found',
        `no dashboard section ${section}; sections: ${dashboardSections.join(', ')}`,
      );
    }
    authorize(actor, { resource: 'dashboard', section });
    const currency = readCurrency(req, deps.defaultCurrency ?? 'EUR');
    const view = await cache.get(`${section}:${currency}`, () =>
      computeSection(section, {
        db: deps.db,
        countRuns: (filter) => countRuns(deps.temporal, filter),
        now: now(),
        currency,
      }),
    );
    res.json(view);
  });

  return router;
}

function readCurrency(req: Request, fallback: string): string {
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(req.query)) {
    if (key !== 'currency')
      details.push({ path: key, message: 'unknown query parameter; only currency is read' });
  }
  const raw = req.query.currency;
  if (raw !== undefined && (typeof raw !== 'string' || !/^[A-Z]{3}$/.test(raw))) {
    details.push({ path: 'currency', message: 'must be an ISO 4217 code such as EUR, given once' });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid dashboard parameters', details);
  return typeof raw === 'string' ? raw : fallback;
}
