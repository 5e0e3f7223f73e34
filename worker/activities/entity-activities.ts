import { ApplicationFailure, Context } from '@temporalio/activity';
import { detailedFailure } from './detailed-failure';
import type { Db } from 'mongodb';
import {
  createEntityRepository,
  EntityError,
  InsufficientStockError,
  maxListLimit,
  withStoreRetry,
  type EntityRecord,
  type EntityRepository,
  type FieldFilter,
  type FilterExpression,
  derivedWrite,
  type WriteContext,
} from '../../domain/entities';
import { queryAllPagesMaxItems } from '../../workflows/node-types/data-nodes';
import { runRoles } from '../../domain/access/run-authority';
import { isEntityType, type EntityType } from '../../schemas';
import type { ActivityCall } from '../workflows/activity-contract';

/** Repository failures as the node types' business error types, which are never retried. */
const entityFailureTypes: Record<EntityError['kind'], string> = {
  notFound: 'NotFoundError',
  versionConflict: 'ConflictError',
  duplicateKey: 'ConflictError',
  validation: 'ValidationError',
  invariant: 'ValidationError',
  forbidden: 'ForbiddenError',
};

/**
 * The entity nodes, through the same repository (and so the same validation and invariants) as the
 * HTTP API. Writes carry the node visit's idempotency key, so a retried or re-run activity never
 * writes twice, and the run id, so the run's own writes do not retrigger it.
 */
export function createEntityActivities(deps: { db: Db }) {
  const repo = createEntityRepository(deps.db);
  return {
    'entity.create': (call: ActivityCall) =>
      mapEntityErrors(
        async () =>
          (await repo.create(entityType(call), call.params.data, await writeContextOf(deps.db, call))).record,
      ),
    'entity.upsert': (call: ActivityCall) =>
      mapEntityErrors(async () => {
        const match = Array.isArray(call.params.match) ? call.params.match.map(String) : [];
        const { record, created } = await repo.findOrCreate(
          entityType(call),
          call.params.data,
          { fields: match, caseInsensitive: call.params.caseInsensitive === true },
          await writeContextOf(deps.db, call),
        );
        return { created, record };
      }),
    'entity.update': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        repo.update(
          entityType(call),
          recordId(call),
          call.params.changes,
          typeof call.params.expectedVersion === 'number'
            ? { expectedVersion: call.params.expectedVersion }
            : {},
          await writeContextOf(deps.db, call),
        ),
      ),
    'entity.get': (call: ActivityCall) => mapEntityErrors(() => repo.get(entityType(call), recordId(call))),
    'entity.query': (call: ActivityCall) => mapEntityErrors(() => queryRecords(repo, call)),
    /**
     * The compensation of entity.create. Archiving an archived record is a no-op, so retries are
     * safe. It undoes the run's own allowed create, so it is a derived write, not checked again.
     */
    'entity.archive': (call: ActivityCall) =>
      mapEntityErrors(async () =>
        repo.archive(
          entityType(call),
          recordId(call),
          {},
          derivedWrite(await writeContextOf(deps.db, call), call.idempotencyKey),
        ),
      ),
  };
}

/** Bytes of records an all-pages query collects at most, well inside Temporal's payload limit. */
const maxQueryBytes = 1_000_000;

/**
 * entity.query: the legacy equality `filter` and the `where` tree, one page of `limit` records after
 * `cursor`, or with `allPages` page after page until every match is read or a bound is met
 * ({@link queryAllPagesMaxItems} records, {@link maxQueryBytes} bytes). `complete` says which.
 */
async function queryRecords(repo: EntityRepository, call: ActivityCall) {
  const type = entityType(call);
  const { params } = call;
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  const filters: FieldFilter[] = Object.entries(filter).map(([field, value]) => {
    if (value === null || !['string', 'number', 'boolean'].includes(typeof value)) {
      throw ApplicationFailure.nonRetryable(
        `filter.${field} must be a string, number or boolean`,
        'ValidationError',
      );
    }
    return { field, op: 'eq', value: value as string | number | boolean };
  });
  const sort = typeof params.sort === 'string' ? params.sort : undefined;
  const limit = typeof params.limit === 'number' ? params.limit : 50;
  const allPages = params.allPages === true;
  const wanted = allPages ? queryAllPagesMaxItems : limit;
  const items: EntityRecord[] = [];
  let cursor = typeof params.cursor === 'string' ? params.cursor : undefined;
  let bytes = 0;
  for (;;) {
    const page = await repo.list(type, {
      filters,
      ...(params.where === undefined ? {} : { where: params.where as FilterExpression }),
      ...(sort === undefined
        ? {}
        : {
            sort: sort.startsWith('-')
              ? { field: sort.slice(1), direction: -1 }
              : { field: sort, direction: 1 },
          }),
      limit: Math.min(maxListLimit, wanted - items.length),
      ...(cursor === undefined ? {} : { cursor }),
    });
    items.push(...page.items);
    bytes += Buffer.byteLength(JSON.stringify(page.items));
    cursor = page.nextCursor ?? undefined;
    if (cursor === undefined) return { items, nextCursor: null, complete: true };
    if (items.length >= wanted || bytes >= maxQueryBytes)
      return { items, nextCursor: cursor, complete: false };
  }
}

function entityType(call: ActivityCall): EntityType {
  const type = call.params.entityType;
  if (typeof type !== 'string' || !isEntityType(type)) {
    throw ApplicationFailure.nonRetryable(`Unknown entity type ${JSON.stringify(type)}`, 'ValidationError');
  }
  return type;
}

function recordId(call: ActivityCall): string {
  const id = call.params.id;
  if (typeof id !== 'string' || id === '') {
    throw ApplicationFailure.nonRetryable(
      `id must be a non-empty string, got ${JSON.stringify(id)}`,
      'ValidationError',
    );
  }
  return id;
}

/**
 * The write context of an activity call: the run is the actor, with its version's publisher's roles
 * (README, Security); its id marks the run's own writes for
 * the loop guard, and the node visit's idempotency key makes a retry write once.
 */
export async function writeContextOf(db: Db, call: ActivityCall): Promise<WriteContext> {
  return {
    actor: { userId: `workflow:${call.runId}` },
    roles: await runRoles(db, call.authority),
    runId: call.runId,
    idempotencyKey: call.idempotencyKey,
  };
}

/** The share of an activity's start-to-close timeout that transient store errors may be retried in. */
const retryShare = 0.8;

/**
 * When this activity attempt must give up retrying transient store errors: most of its
 * start-to-close timeout after it started, so the retries never outlast the attempt.
 */
function retryDeadline(): number {
  let timeoutMs = 30_000;
  let startedAt = Date.now();
  try {
    const { info } = Context.current();
    timeoutMs = info.startToCloseTimeoutMs;
    startedAt = info.currentAttemptScheduledTimestampMs;
  } catch {
    // Called outside an activity (a test): the default bounds it.
  }
  return Math.min(startedAt, Date.now()) + timeoutMs * retryShare;
}

/**
 * Runs `fn` with the repository's and the domain services' failures turned into non-retryable
 * ApplicationFailures of the node types' error types, carrying the field details the HTTP API
 * would answer with (`$error.details`); a stock shortage carries its shortages too.
 * Transient store errors (`SQLITE_BUSY`, a reset connection, a write conflict) are retried here with
 * jittered backoff within the attempt's timeout, so they never spend the node's attempts; the
 * writes are idempotent through their keys, so a repeat after a write that did land is harmless.
 */
export async function mapEntityErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await withStoreRetry(fn, { deadline: retryDeadline() });
  } catch (error: unknown) {
    if (error instanceof InsufficientStockError) {
      throw detailedFailure(error.message, 'InsufficientStockError', error.details, {
        shortages: error.shortages,
      });
    }
    if (error instanceof EntityError) {
      throw detailedFailure(error.message, entityFailureTypes[error.kind], error.details);
    }
    throw error;
  }
}

export type EntityActivities = ReturnType<typeof createEntityActivities>;
