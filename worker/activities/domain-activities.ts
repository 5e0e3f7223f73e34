import type { Db } from 'mongodb';
import { convertLead, type ConvertLeadRequest } from '../../domain/crm';
import { createEntityRepository } from '../../domain/entities';
import {
  checkCredit,
  createInvoiceFromOrder,
  releaseStockFor,
  reserveStockFor,
  threeWayMatch,
  type CreateInvoiceRequest,
  type CreditCheckRequest,
  type ReleaseRequest,
  type ReserveRequest,
  type ThreeWayMatchRequest,
} from '../../domain/erp';
import type { ActivityCall } from '../workflows/activity-contract';
import { checkedParams } from './domain-params';
import { mapEntityErrors, writeContextOf } from './entity-activities';

/**
 * The ERP/CRM domain nodes. Each checks its resolved params against its node type's schema, then
 * runs the domain service in `domain/erp` or `domain/crm` with the node visit's idempotency key, so
 * a retry (or a re-run after a worker crash) completes the same work once. Business failures are
 * non-retryable with a type an error port can route on: `InsufficientStockError`, `ValidationError`,
 * `NotFoundError`, `ConflictError`.
 */
export function createDomainActivities(deps: { db: Db; now?: () => Date }) {
  const repo = createEntityRepository(deps.db);
  const now = deps.now ?? (() => new Date());
  return {
    'erp.creditCheck': (call: ActivityCall) =>
      mapEntityErrors(() =>
        checkCredit(repo, checkedParams<CreditCheckRequest>('erp.creditCheck', call.params)),
      ),
    'erp.reserveStock': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        reserveStockFor(
          repo,
          checkedParams<ReserveRequest>('erp.reserveStock', call.params),
          await writeContextOf(deps.db, call),
        ),
      ),
    /** Also the compensation of erp.reserveStock, called with `{reservationId}`. */
    'erp.releaseStock': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        releaseStockFor(
          repo,
          checkedParams<ReleaseRequest>('erp.releaseStock', call.params),
          await writeContextOf(deps.db, call),
        ),
      ),
    'erp.createInvoice': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        createInvoiceFromOrder(
          repo,
          checkedParams<CreateInvoiceRequest>('erp.createInvoice', call.params),
          await writeContextOf(deps.db, call),
          now,
        ),
      ),
    'erp.threeWayMatch': (call: ActivityCall) =>
      mapEntityErrors(() =>
        threeWayMatch(repo, checkedParams<ThreeWayMatchRequest>('erp.threeWayMatch', call.params)),
      ),
    'crm.convertLead': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        convertLead(
          repo,
          checkedParams<ConvertLeadRequest>('crm.convertLead', call.params),
          await writeContextOf(deps.db, call),
          now,
        ),
      ),
  };
}

export type DomainActivities = ReturnType<typeof createDomainActivities>;
