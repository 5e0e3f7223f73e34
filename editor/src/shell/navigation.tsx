import type { Route } from '../routing/routes';
import { Link } from '../routing/use-route';
import { plural } from '../entities/format';
import { useSchemas } from '../entities/schema-context';
import { OpenTaskBadge } from '../inbox/open-task-badge';
import { useSession } from '../auth/session';

const groups = [
  ['crm', 'CRM'],
  ['erp', 'ERP'],
] as const;

/** The one navigation: entity types grouped CRM / ERP from their schemas, then workflows and the inbox. */
export function Navigation({ route }: { route: Route }) {
  const schemas = useSchemas();
  // Pages only some roles may open are linked for them only.
  const roles: readonly string[] = useSession().user?.roles ?? [];
  const activeType = 'type' in route ? route.type : route.page === 'account360' ? 'account' : undefined;
  return (
    <nav aria-label="Main" className="nav">
      {groups.map(([group, title]) => (
        <div key={group} className="nav-group">
          <h2>{title}</h2>
          <ul>
            {schemas.status === 'ready' &&
              [...schemas.types.values()]
                .filter((description) => description.meta.group === group)
                .map(({ type, meta }) => (
                  <li key={type}>
                    <Link to={{ page: 'list', type }} aria-current={activeType === type ? 'page' : undefined}>
                      {plural(meta.label)}
                    </Link>
                  </li>
                ))}
          </ul>
        </div>
      ))}
      <div className="nav-group">
        <h2>Automation</h2>
        <ul>
          <li>
            <Link
              to={{ page: 'workflows' }}
              aria-current={
                ['workflows', 'workflow', 'workflowVersion', 'run'].includes(route.page) ? 'page' : undefined
              }
            >
              Workflows
            </Link>
          </li>
          <li>
            <Link
              to={{ page: 'runs' }}
              aria-current={route.page === 'runs' || route.page === 'incidents' ? 'page' : undefined}
            >
              Runs
            </Link>
          </li>
          <li>
            <Link
              to={{ page: 'inbox' }}
              aria-current={route.page === 'inbox' || route.page === 'inboxTask' ? 'page' : undefined}
            >
              Inbox
            </Link>
            <OpenTaskBadge />
          </li>
          <li>
            <Link
              to={{ page: 'reports' }}
              aria-current={['reports', 'report', 'reportEdit'].includes(route.page) ? 'page' : undefined}
            >
              Reports
            </Link>
          </li>
          {(roles.includes('admin') || roles.includes('designer')) && (
            <li>
              <Link
                to={{ page: 'credentials' }}
                aria-current={route.page === 'credentials' ? 'page' : undefined}
              >
                Credentials
              </Link>
            </li>
          )}
          {roles.includes('admin') && (
            <li>
              <Link to={{ page: 'alerts' }} aria-current={route.page === 'alerts' ? 'page' : undefined}>
                Alerts
              </Link>
            </li>
          )}
          {roles.includes('admin') && (
            <li>
              <Link to={{ page: 'users' }} aria-current={route.page === 'users' ? 'page' : undefined}>
                Users
              </Link>
            </li>
          )}
          {(roles.includes('admin') || roles.includes('auditor')) && (
            <li>
              <Link to={{ page: 'audit' }} aria-current={route.page === 'audit' ? 'page' : undefined}>
                Audit
              </Link>
            </li>
          )}
        </ul>
      </div>
      {schemas.status === 'error' && <p role="alert">Could not load schemas: {schemas.message}</p>}
    </nav>
  );
}
