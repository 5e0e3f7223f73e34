import { useSession } from '../auth/session';
import { Link, navigate } from '../routing/use-route';
import { ClosedTaskTable } from './closed-task-table';
import { byUrgency, OpenTaskTable } from './open-task-table';
import { listTasks, subscribeToTaskChanges, type Task, type TaskStatus } from './task-api';
import { currentRole, roleLabel } from './task-badges';
import { useLiveData, useNow } from './use-live-data';
import './inbox.css';

/** How often the inbox asks for new tasks while it is on screen. */
const refreshMs = 5_000;

const views: { status: TaskStatus; title: string }[] = [
  { status: 'open', title: 'Open' },
  { status: 'completed', title: 'Completed' },
  { status: 'cancelled', title: 'Cancelled' },
];

/** The inbox's view from its query string: `?view=completed&scope=all&role=finance`. */
function readSearch(search: URLSearchParams, isAdmin: boolean) {
  const view = views.find((candidate) => candidate.status === search.get('view')) ?? views[0]!;
  // Admins answer for every role, so they see every task unless they ask for their own.
  const scope = search.get('scope') ?? (isAdmin ? 'all' : 'mine');
  return { view, mine: scope !== 'all', role: search.get('role') ?? '' };
}

function inboxUrl(params: { view: TaskStatus; mine: boolean; role: string }, isAdmin: boolean): string {
  const query = new URLSearchParams();
  if (params.view !== 'open') query.set('view', params.view);
  if (params.mine === isAdmin) query.set('scope', params.mine ? 'mine' : 'all');
  if (params.role !== '') query.set('role', params.role);
  const text = query.toString();
  return text === '' ? '/inbox' : `/inbox?${text}`;
}

/** Groups tasks by the role they wait on, in the order the roles are given, then the rest by name. */
function groupByRole(tasks: readonly Task[], roleOrder: readonly string[]): [string, Task[]][] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const role = currentRole(task);
    groups.set(role, [...(groups.get(role) ?? []), task]);
  }
  const rank = (role: string) => {
    const index = roleOrder.indexOf(role);
    return index === -1 ? roleOrder.length : index;
  };
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The approval and task inbox: open tasks of the user's roles grouped by role (every role's for
 * admins, or on request), most urgent first, and the history of completed and cancelled tasks. It
 * refreshes itself, so a task a running workflow just created appears on its own.
 */
export function InboxPage({ search }: { search: URLSearchParams }) {
  const { user } = useSession();
  const roles = user?.roles ?? [];
  const isAdmin = roles.includes('admin');
  const { view, mine, role } = readSearch(search, isAdmin);
  const now = useNow();
  const tasks = useLiveData(
    `${view.status}:${mine}`,
    () => listTasks({ status: view.status, mine }),
    refreshMs,
    { subscribe: subscribeToTaskChanges },
  );
  const go = (change: Partial<{ view: TaskStatus; mine: boolean; role: string }>) =>
    navigate(inboxUrl({ view: view.status, mine, role, ...change }, isAdmin), { replace: true });

  const shown = (tasks.data ?? []).filter((task) => role === '' || currentRole(task) === role);
  const label = mine ? 'my roles' : 'all roles';

  return (
    <section className="page inbox" aria-labelledby="inbox-title">
      <header className="page-header">
        <div>
          <p className="eyebrow">Approvals and tasks</p>
          <h1 id="inbox-title">Inbox</h1>
        </div>
        <p className="meta" aria-live="polite">
          {tasks.error ? `Could not refresh: ${tasks.error}` : 'Updates automatically'}
        </p>
      </header>
      <nav className="inbox-tabs" aria-label="Inbox views">
        {views.map((candidate) => (
          <Link
            key={candidate.status}
            to={inboxUrl({ view: candidate.status, mine, role }, isAdmin)}
            aria-current={candidate.status === view.status ? 'page' : undefined}
          >
            {candidate.title}
          </Link>
        ))}
      </nav>
      <div className="filters inbox-filters">
        <fieldset className="scope">
          <legend>Show tasks for</legend>
          <label>
            <input type="radio" name="scope" checked={mine} onChange={() => go({ mine: true })} />
            My roles
          </label>
          <label>
            <input type="radio" name="scope" checked={!mine} onChange={() => go({ mine: false })} />
            All roles
          </label>
        </fieldset>
        <label className="filter">
          Role
          <select value={role} onChange={(event) => go({ role: event.target.value })}>
            <option value="">{mine ? 'Any of my roles' : 'Any role'}</option>
            {(mine ? roles : [...new Set([...roles, ...(tasks.data ?? []).map(currentRole)])]).map((name) => (
              <option key={name} value={name}>
                {roleLabel(name)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tasks.data === undefined ? (
        tasks.error ? (
          <p role="alert">{tasks.error}</p>
        ) : (
          <p>Loading…</p>
        )
      ) : shown.length === 0 ? (
        <p className="empty-inbox" data-testid="inbox-empty">
          {view.status === 'open'
            ? `No open tasks for ${label}. New ones appear here as workflows create them.`
            : `No ${view.title.toLowerCase()} tasks for ${label} yet.`}
        </p>
      ) : view.status === 'open' ? (
        groupByRole(shown, roles).map(([groupRole, group]) => (
          <section
            key={groupRole}
            className="task-group"
            aria-labelledby={`group-${groupRole}`}
            data-testid={`group-${groupRole}`}
          >
            <h2 id={`group-${groupRole}`}>
              {roleLabel(groupRole)} <span className="count">{group.length}</span>
            </h2>
            <OpenTaskTable
              tasks={[...group].sort(byUrgency)}
              label={`${roleLabel(groupRole)} tasks`}
              now={now}
            />
          </section>
        ))
      ) : (
        <ClosedTaskTable tasks={[...shown].sort(byClosedTime)} label={`${view.title} tasks`} />
      )}
    </section>
  );
}

function byClosedTime(a: Task, b: Task): number {
  const at = (task: Task) => task.completedAt ?? task.closedAt ?? task.createdAt;
  return at(b).localeCompare(at(a));
}
