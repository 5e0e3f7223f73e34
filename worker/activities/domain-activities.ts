import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from 'mongodb';
import { convertLead, type ConvertLeadRequest } from '../../domain/crm';
import {
  createEntityRepository,
  EntityError,
  InsufficientStockError,
  type WriteContext,
} from '../../domain/entities';
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
import { entityFailureTypes } from './entity-activities';

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
  const ctx = (call: ActivityCall): WriteContext => ({
    actor: { userId: `workflow:${call.runId}` },
    runId: call.runId,
    idempotencyKey: call.idempotencyKey,
  });
  return {
    'erp.creditCheck': (call: ActivityCall) =>
      typed(() => checkCredit(repo, checkedParams<CreditCheckRequest>('erp.creditCheck', call.params))),
    'erp.reserveStock': (call: ActivityCall) =>
      typed(() =>
        reserveStockFor(repo, checkedParams<ReserveRequest>('erp.reserveStock', call.params), ctx(call)),
      ),
    /** Also the compensation of erp.reserveStock, called with `{reservationId}`. */
    'erp.releaseStock': (call: ActivityCall) =>
      typed(() =>
        releaseStockFor(repo, checkedParams<ReleaseRequest>('erp.releaseStock', call.params), ctx(call)),
      ),
    'erp.createInvoice': (call: ActivityCall) =>
      typed(() =>
        createInvoiceFromOrder(
          repo,
          checkedParams<CreateInvoiceRequest>('erp.createInvoice', call.params),
          ctx(call),
          now,
        ),
      ),
    'erp.threeWayMatch': (call: ActivityCall) =>
      typed(() => threeWayMatch(repo, checkedParams<ThreeWayMatchRequest>('erp.threeWayMatch', call.params))),
    'crm.convertLead': (call: ActivityCall) =>
      typed(() =>
        convertLead(repo, checkedParams<ConvertLeadRequest>('crm.convertLead', call.params), ctx(call), now),
      ),
  };
}

async function typed<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    if (error instanceof InsufficientStockError) {
      throw ApplicationFailure.nonRetryable(error.message, 'InsufficientStockError', error.shortages);
    }
    if (error instanceof EntityError) {
      throw ApplicationFailure.nonRetryable(error.message, entityFailureTypes[error.kind], error.details);
    }
    throw error;
  }
}

export type DomainActivities = ReturnType<typeof createDomainActivities>;
