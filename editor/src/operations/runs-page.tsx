import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import { useSchemas } from '../entities/schema-context';
import { useLiveData } from '../inbox/use-live-data';
import { Link } from '../routing/use-route';
import { runStatuses } from '../../../schemas/vocabulary';
import { workflowApi, type WorkflowSummary } from '../workflows/workflow-api';
import { RunStatusBadge } from '../workflows/runs/run-status-badge';
import { AnySelect } from '../shell/any-select';
import { Feedback } from './feedback';
import { IncidentsView } from './incidents-view';
import { RecordLink, RunTitleLink, WorkflowSelect } from './run-links';
import {
  emptyFilter,
  runsApi,
  type BulkResult,
  type RunCounts,
  type RunFilterValues,
  type RunListItem,
} from './runs-api';

// A continued run is listed by its latest execution, so that status is never counted on its own.
const statuses = runStatuses.filter((status) => status !== 'continuedAsNew');
const triggers = ['manual', 'entity', 'schedule', 'webhook', 'subworkflow'];
/** How often the list and its counts refresh while shown. */
const refreshMs = 10_000;

/** The operations console: every run across workflows, or the incidents among them. */
export function RunsPage({ view, search }: { view: 'runs' | 'incidents'; search: URLSearchParams }) {
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  useEffect(() => {
    workflowApi
      .list()
      .then(setWorkflows)
      .catch(() => setWorkflows([]));
  }, []);
  return (
    <section className="runs-page" aria-label="Runs">
      <header className="page-header">
        <h1>{view === 'runs' ? 'Runs' : 'Incidents'}</h1>
        <nav className="tabs" aria-label="Runs views">
          <Link to={{ page: 'runs' }} aria-current={view === 'runs' ? 'page' : undefined}>
            All runs
          </Link>
          <Link to={{ page: 'incidents' }} aria-current={view === 'incidents' ? 'page' : undefined}>
            Incidents
          </Link>
        </nav>
      </header>
      {view === 'runs' ? (
        <RunsList key={search.toString()} workflows={workflows} initial={filterFromSearch(search)} />
      ) : (
        <IncidentsView workflows={workflows} />
      )}
    </section>
  );
}

/** The filters a link into the runs page sets, e.g. `/runs?workflowId=wf1&status=failed`. */
function filterFromSearch(search: URLSearchParams): RunFilterValues {
  const filter = { ...emptyFilter };
  for (const key of Object.keys(emptyFilter) as Array<keyof RunFilterValues>) {
    filter[key] = search.get(key) ?? '';
  }
  return filter;
}

function RunsList({ workflows, initial }: { workflows: WorkflowSummary[]; initial: RunFilterValues }) {
  const schemas = useSchemas();
  const [draft, setDraft] = useState<RunFilterValues>(initial);
  const [filter, setFilter] = useState<RunFilterValues>(initial);
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<BulkResult[] | undefined>();
  const [bulkError, setBulkError] = useState<string | undefined>();
  const cursor = cursors.at(-1);
  // Keyed by filter and page: an answer for an earlier filter never replaces a later one's.
  const listed = useLiveData(
    `runs:${JSON.stringify(filter)}:${cursor ?? ''}`,
    () =>
      Promise.all([runsApi.list(filter, cursor), runsApi.counts(filter)]).then(([page, counts]) => ({
        page,
        counts,
      })),
    refreshMs,
  );
  const page: { items: RunListItem[]; nextCursor: string | null } | undefined = listed.data?.page;
  const counts: RunCounts | undefined = listed.data?.counts;
  const error = bulkError ?? listed.error;

  const apply = (next: RunFilterValues) => {
    setFilter(next);
    setDraft(next);
    setCursors([]);
    setSelected(new Set());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const field = (name: keyof RunFilterValues) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const bulk = (action: 'retry' | 'cancel', useFilter: boolean) => {
    const selection = useFilter ? { filter } : { runIds: [...selected] };
    setBulkError(undefined);
    runsApi
      .bulk(action, selection)
      .then((answer) => {
        setResults(answer.results);
        setSelected(new Set());
        listed.reload();
      })
      .catch((caught: unknown) => setBulkError(errorMessage(caught)));
  };
  const toggle = (runId: string) => {
    const next = new Set(selected);
    if (next.has(runId)) next.delete(runId);
    else next.add(runId);
    setSelected(next);
  };

  return (
    <>
      <form className="filters" onSubmit={submit} aria-label="Run filters">
        <label>
          Search titles
          <input type="search" placeholder="e.g. Office refit" {...field('q')} />
        </label>
        <WorkflowSelect workflows={workflows} {...field('workflowId')} />
        <AnySelect label="Status" options={statuses} {...field('status')} />
        <AnySelect label="Trigger" options={triggers} {...field('trigger')} />
        <details className="more-filters">
          <summary>More filters</summary>
          <label>
            Version
            <input inputMode="numeric" size={4} {...field('version')} />
          </label>
          <label>
            Started after
            <input type="datetime-local" {...field('startedAfter')} />
          </label>
          <label>
            Started before
            <input type="datetime-local" {...field('startedBefore')} />
          </label>
          <AnySelect
            label="Record type"
            options={schemas.status === 'ready' ? [...schemas.types.keys()] : []}
            {...field('entityType')}
          />
          <label>
            Record id
            <input {...field('entityId')} />
          </label>
          <label>
            Failing node
            <input {...field('failedNode')} />
          </label>
        </details>
        <button type="submit">Apply</button>
        <button type="button" onClick={() => apply(emptyFilter)}>
          Clear
        </button>
      </form>
      {counts && (
        <div className="status-counts" role="group" aria-label="Runs per status">
          <button
            type="button"
            aria-pressed={filter.status === ''}
            onClick={() => apply({ ...filter, status: '' })}
          >
            All <strong>{counts.total}</strong>
          </button>
          {statuses.map((status) => (
            <button
              key={status}
              type="button"
              data-status-count={status}
              aria-pressed={filter.status === status}
              onClick={() => apply({ ...filter, status })}
            >
              <RunStatusBadge status={status} /> <strong>{counts.byStatus[status]}</strong>
            </button>
          ))}
        </div>
      )}
      <Feedback error={error} />
      <div className="actions bulk-actions">
        <button type="button" disabled={selected.size === 0} onClick={() => bulk('retry', false)}>
          Retry selected ({selected.size})
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => bulk('cancel', false)}>
          Cancel selected
        </button>
        <button type="button" onClick={() => bulk('cancel', true)}>
          Cancel all running that match
        </button>
      </div>
      {results && (
        <p className="notice" role="status">
          {results.filter((result) => result.ok).length} of {results.length} done
          {results.some((result) => !result.ok) &&
            `; ${results
              .filter((result) => !result.ok)
              .map((result) => `${result.runId}: ${result.error?.message ?? ''}`)
              .join('; ')}`}
        </p>
      )}
      <table className="records" aria-label="Runs list">
        <thead>
          <tr>
            <th aria-label="Select" />
            <th>Run</th>
            <th>Status</th>
            <th>Record</th>
            <th>Version</th>
            <th>Trigger</th>
            <th>Failing node</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.length === 0 && (
            <tr>
              <td colSpan={8} className="empty">
                No runs match.
              </td>
            </tr>
          )}
          {page?.items.map((run) => (
            <tr key={run.runId} data-run-id={run.runId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${run.title ?? run.runId}`}
                  checked={selected.has(run.runId)}
                  onChange={() => toggle(run.runId)}
                />
              </td>
              <td>
                <RunTitleLink run={run} />
              </td>
              <td>
                <RunStatusBadge status={run.status} />
              </td>
              <td>
                <RecordLink record={run.record} />
              </td>
              <td className="num">{run.version ?? '—'}</td>
              <td>{run.trigger ?? '—'}</td>
              <td>{run.failedNode ?? ''}</td>
              <td>{new Date(run.startedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors([])}>
          First page
        </button>
        <button
          type="button"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}
        >
          Next page
        </button>
      </div>
    </>
  );
}
