import { entityTypeNames, searchAttributeNames } from '../../../schemas/vocabulary';
import { runWorkflowType } from '../../../workflows/runtime/run-contract';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { isRunStatus, runStatuses, statusClause, type RunStatus } from './run-status';

/** Which runs a list, a count, an incident scan or a bulk action covers. */
export interface RunFilter {
  status?: RunStatus;
  workflowId?: string;
  version?: number;
  trigger?: string;
  /** ISO date-times bounding the run's start: `startedAfter <= StartTime < startedBefore`. */
  startedAfter?: string;
  startedBefore?: string;
  entityType?: string;
  entityId?: string;
  failedNode?: string;
  /** Words of the run title, matched as whole words. */
  q?: string;
}

/** The filter's query parameters, in the order their errors are reported. */
export const runFilterKeys = [
  'workflowId',
  'status',
  'version',
  'trigger',
  'startedAfter',
  'startedBefore',
  'entityType',
  'entityId',
  'failedNode',
  'q',
] as const;

// Values go into a visibility query between double quotes, so only plain characters are accepted.
const idPattern = /^[A-Za-z0-9_.:-]{1,200}$/;
const triggerPattern = /^[a-zA-Z]{1,40}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const maxQueryLength = 200;

type Raw = Partial<Record<string, unknown>>;

/** A query parameter given at most once; `?x=` from a form with nothing chosen means no filter. */
export function singleParam(query: Raw, name: string, details: ErrorDetail[]): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    details.push({ path: name, message: 'must be a single value' });
    return undefined;
  }
  return value;
}

/** An ISO 8601 date-time parameter, normalised to UTC; a problem naming the parameter otherwise. */
export function checkDate(
  name: string,
  value: string | undefined,
  details: ErrorDetail[],
): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDateTime.test(value) || Number.isNaN(Date.parse(value))) {
    details.push({ path: name, message: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z' });
    return undefined;
  }
  return new Date(value).toISOString();
}

function checkPattern(
  name: string,
  value: string | undefined,
  pattern: RegExp,
  message: string,
  details: ErrorDetail[],
): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) {
    details.push({ path: name, message });
    return undefined;
  }
  return value;
}

/**
 * Reads a run filter from query parameters (or a JSON body's `filter`), collecting every problem
 * with its field path. `prefix` names where the filter sits in a body, e.g. `filter.`.
 */
export function readRunFilter(query: Raw, details: ErrorDetail[], prefix = ''): RunFilter {
  const problems: ErrorDetail[] = [];
  const get = (name: string) => singleParam(query, name, problems);
  const filter: RunFilter = {};
  const workflowId = checkPattern(
    'workflowId',
    get('workflowId'),
    idPattern,
    'must be a workflow id',
    problems,
  );
  if (workflowId !== undefined) filter.workflowId = workflowId;
  const status = get('status');
  if (status !== undefined) {
    if (isRunStatus(status)) filter.status = status;
    else problems.push({ path: 'status', message: `must be one of: ${runStatuses.join(', ')}` });
  }
  const version = checkPattern(
    'version',
    get('version'),
    /^[1-9][0-9]{0,8}$/,
    'must be a version number',
    problems,
  );
  if (version !== undefined) filter.version = Number(version);
  const trigger = checkPattern(
    'trigger',
    get('trigger'),
    triggerPattern,
    'must be a trigger kind such as entity',
    problems,
  );
  if (trigger !== undefined) filter.trigger = trigger;
  const startedAfter = checkDate('startedAfter', get('startedAfter'), problems);
  if (startedAfter !== undefined) filter.startedAfter = startedAfter;
  const startedBefore = checkDate('startedBefore', get('startedBefore'), problems);
  if (startedBefore !== undefined) filter.startedBefore = startedBefore;
  if (startedAfter !== undefined && startedBefore !== undefined && startedAfter >= startedBefore) {
    problems.push({ path: 'startedBefore', message: 'must be later than startedAfter' });
  }
  const entityType = get('entityType');
  if (entityType !== undefined) {
    if ((entityTypeNames as readonly string[]).includes(entityType)) filter.entityType = entityType;
    else problems.push({ path: 'entityType', message: 'must be an entity type' });
  }
  const entityId = checkPattern('entityId', get('entityId'), idPattern, 'must be a record id', problems);
  if (entityId !== undefined) {
    if (entityType === undefined) problems.push({ path: 'entityType', message: 'is required with entityId' });
    filter.entityId = entityId;
  }
  const failedNode = checkPattern('failedNode', get('failedNode'), idPattern, 'must be a node id', problems);
  if (failedNode !== undefined) filter.failedNode = failedNode;
  const q = get('q');
  if (q !== undefined) {
    if (q.length > maxQueryLength)
      problems.push({ path: 'q', message: `must be at most ${maxQueryLength} characters` });
    // The title is matched word by word; quotes and backslashes would end the query's string.
    const words = q.replace(/["\\]/g, ' ').trim().replace(/\s+/g, ' ');
    if (words !== '' && q.length <= maxQueryLength) filter.q = words;
  }
  details.push(...problems.map((problem) => ({ ...problem, path: `${prefix}${problem.path}` })));
  return filter;
}

/** Like {@link readRunFilter}, throwing 400 with every problem's field path. */
export function parseRunFilter(query: Raw): RunFilter {
  const details: ErrorDetail[] = [];
  const filter = readRunFilter(query, details);
  if (details.length > 0) throw new HttpError('bad_request', 'invalid run filter', details);
  return filter;
}

const names = searchAttributeNames;

/**
 * The Temporal visibility query of a filter. Without a status, a run that continued as new is
 * listed once, by its open (or final) execution, so earlier executions are left out.
 *
 * @example
 * visibilityQuery({ workflowId: 'wf1', status: 'failed' });
 * // 'WorkflowType = "interpretedWorkflow" AND LedgerlineWorkflowId = "wf1" AND ExecutionStatus = "Failed"'
 */
export function visibilityQuery(filter: RunFilter): string {
  const clauses = [`WorkflowType = "${runWorkflowType}"`];
  if (filter.workflowId !== undefined) clauses.push(`${names.workflowId} = "${filter.workflowId}"`);
  if (filter.version !== undefined) clauses.push(`${names.version} = ${filter.version}`);
  if (filter.trigger !== undefined) clauses.push(`${names.trigger} = "${filter.trigger}"`);
  if (filter.startedAfter !== undefined) clauses.push(`StartTime >= "${filter.startedAfter}"`);
  if (filter.startedBefore !== undefined) clauses.push(`StartTime < "${filter.startedBefore}"`);
  if (filter.entityType !== undefined) clauses.push(`${names.recordType} = "${filter.entityType}"`);
  if (filter.entityId !== undefined) clauses.push(`${names.recordId} = "${filter.entityId}"`);
  if (filter.failedNode !== undefined) clauses.push(`${names.failedNode} = "${filter.failedNode}"`);
  if (filter.q !== undefined) clauses.push(`${names.title} = "${filter.q}"`);
  clauses.push(
    filter.status === undefined ? 'ExecutionStatus != "ContinuedAsNew"' : statusClause(filter.status),
  );
  return clauses.join(' AND ');
}
