import { LoginPage } from './auth/login-page';
import { SessionProvider, useSession } from './auth/session';
import { Account360Page } from './entities/account-360-page';
import { EntityDetailPage } from './entities/entity-detail-page';
import { EntityFormPage } from './entities/entity-form-page';
import { EntityListPage } from './entities/entity-list-page';
import { SchemaProvider } from './entities/schema-context';
import { AlertsPage } from './alerts/alerts-page';
import { ReportForm } from './reports/report-form';
import { ReportView } from './reports/report-view';
import { ReportsPage } from './reports/reports-page';
import { AuditPage } from './audit/audit-page';
import { UsersPage } from './users/users-page';
import { CredentialsPage } from './credentials/credentials-page';
import { DashboardPage } from './dashboard/dashboard-page';
import { InboxPage } from './inbox/inbox-page';
import { RunsPage } from './operations/runs-page';
import { TaskPage } from './inbox/task-page';
import type { Route } from './routing/routes';
import { Link, useRoute } from './routing/use-route';
import { MenuButton, useMenu } from './shell/menu-button';
import { Navigation } from './shell/navigation';
import { StatusPage } from './shell/status-page';
import { WorkflowEditorPage } from './workflows/editor/workflow-editor-page';
import { VersionPage } from './workflows/lifecycle/version-page';
import { WorkflowListPage } from './workflows/lifecycle/workflow-list-page';
import { RunViewerPage } from './workflows/runs/run-viewer-page';

/** The app shell: the login page without a session, otherwise navigation, the current user and the page. */
export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { user, logout } = useSession();
  const { route, search } = useRoute();
  const menu = useMenu(`${JSON.stringify(route)}?${search.toString()}`);
  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null) return <LoginPage />;
  return (
    <SchemaProvider>
      <div className={menu.open ? 'layout layout--menu-open' : 'layout'}>
        <header className="topbar">
          <MenuButton open={menu.open} onToggle={menu.toggle} />
          <Link to="/" className="brand">
            Ledgerline
          </Link>
          <span className="user" data-testid="current-user">
            {user.name ?? user.email}
          </span>
          <button type="button" onClick={() => void logout()}>
            Log out
          </button>
        </header>
        <Navigation route={route} />
        <main className="content">
          <Page route={route} search={search} />
        </main>
      </div>
    </SchemaProvider>
  );
}

function Page({ route, search }: { route: Route; search: URLSearchParams }) {
  switch (route.page) {
    case 'home':
    case 'login':
      return <DashboardPage />;
    case 'status':
      return <StatusPage />;
    case 'list':
      return <EntityListPage key={route.type} type={route.type} search={search} />;
    case 'create':
      return (
        <EntityFormPage
          key={`new-${route.type}`}
          type={route.type}
          initial={Object.fromEntries(search)}
          from={search.get('from') ?? undefined}
        />
      );
    case 'edit':
      return <EntityFormPage key={`edit-${route.id}`} type={route.type} id={route.id} />;
    case 'detail':
      return <EntityDetailPage key={route.id} type={route.type} id={route.id} />;
    case 'account360':
      return <Account360Page key={route.id} id={route.id} />;
    case 'workflows':
      return <WorkflowListPage />;
    case 'workflow':
      return <WorkflowEditorPage key={route.id} id={route.id} />;
    case 'workflowVersion':
      return <VersionPage key={`${route.id}:${route.version}`} id={route.id} version={route.version} />;
    case 'run':
      return <RunViewerPage key={route.runId} id={route.id} runId={route.runId} />;
    case 'runs':
    case 'incidents':
      return <RunsPage view={route.page === 'runs' ? 'runs' : 'incidents'} search={search} />;
    case 'inbox':
      return <InboxPage search={search} />;
    case 'inboxTask':
      return <TaskPage key={route.id} id={route.id} />;
    case 'credentials':
      return <CredentialsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'report':
      return <ReportView key={route.id} id={route.id} />;
    case 'reportEdit':
      return <ReportForm key={route.id} id={route.id} />;
    case 'audit':
      return <AuditPage />;
    case 'users':
      return <UsersPage />;
    case 'notFound':
      return <p>No page at {route.path}.</p>;
  }
}
