/** Every page of the app, parsed from `location.pathname`. */
export type Route =
  | { page: 'home' }
  | { page: 'status' }
  | { page: 'login' }
  | { page: 'list'; type: string }
  | { page: 'create'; type: string }
  | { page: 'detail'; type: string; id: string }
  | { page: 'edit'; type: string; id: string }
  | { page: 'account360'; id: string }
  | { page: 'workflows' }
  | { page: 'workflow'; id: string }
  | { page: 'workflowVersion'; id: string; version: number }
  | { page: 'run'; id: string; runId: string }
  | { page: 'runs' }
  | { page: 'incidents' }
  | { page: 'inbox' }
  | { page: 'inboxTask'; id: string }
  | { page: 'credentials' }
  | { page: 'alerts' }
  | { page: 'reports' }
  | { page: 'report'; id: string }
  | { page: 'reportEdit'; id: string }
  | { page: 'audit' }
  | { page: 'users' }
  | { page: 'notFound'; path: string };

/**
 * Parses a pathname into a {@link Route}; the inverse of {@link routePath}.
 *
 * @example
 * parseRoute('/entities/quote/q1/edit'); // { page: 'edit', type: 'quote', id: 'q1' }
 */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, type, id, action] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (first === 'login' && parts.length === 1) return { page: 'login' };
  if (first === 'status' && parts.length === 1) return { page: 'status' };
  if (first === 'workflows' && parts.length === 1) return { page: 'workflows' };
  if (first === 'workflows' && type !== undefined) {
    if (parts.length === 2) return { page: 'workflow', id: type };
    if (id === 'versions' && action !== undefined && /^[1-9][0-9]{0,8}$/.test(action) && parts.length === 4)
      return { page: 'workflowVersion', id: type, version: Number(action) };
    if (id === 'runs' && action !== undefined && parts.length === 4)
      return { page: 'run', id: type, runId: action };
  }
  if (first === 'runs' && parts.length === 1) return { page: 'runs' };
  if (first === 'runs' && type === 'incidents' && parts.length === 2) return { page: 'incidents' };
  if (first === 'inbox' && parts.length === 1) return { page: 'inbox' };
  if (first === 'credentials' && parts.length === 1) return { page: 'credentials' };
  if (first === 'alerts' && parts.length === 1) return { page: 'alerts' };
  if (first === 'reports' && parts.length === 1) return { page: 'reports' };
  if (first === 'reports' && type === 'new' && parts.length === 2) return { page: 'reportEdit', id: 'new' };
  if (first === 'reports' && type !== undefined && parts.length === 2) return { page: 'report', id: type };
  if (first === 'reports' && type !== undefined && id === 'edit' && parts.length === 3)
    return { page: 'reportEdit', id: type };
  if (first === 'audit' && parts.length === 1) return { page: 'audit' };
  if (first === 'users' && parts.length === 1) return { page: 'users' };
  if (first === 'inbox' && type !== undefined && parts.length === 2) return { page: 'inboxTask', id: type };
  if (first === 'entities' && type !== undefined) {
    if (id === undefined) return { page: 'list', type };
    if (id === 'new' && action === undefined) return { page: 'create', type };
    if (action === undefined) return { page: 'detail', type, id };
    if (action === 'edit' && parts.length === 4) return { page: 'edit', type, id };
    if (action === '360' && type === 'account' && parts.length === 4) return { page: 'account360', id };
  }
  return { page: 'notFound', path: pathname };
}

/** The URL of a route. */
export function routePath(route: Route): string {
  const seg = encodeURIComponent;
  switch (route.page) {
    case 'home':
      return '/';
    case 'login':
    case 'status':
    case 'workflows':
    case 'inbox':
    case 'credentials':
    case 'alerts':
    case 'reports':
    case 'audit':
    case 'users':
    case 'runs':
      return `/${route.page}`;
    case 'incidents':
      return '/runs/incidents';
    case 'list':
      return `/entities/${seg(route.type)}`;
    case 'create':
      return `/entities/${seg(route.type)}/new`;
    case 'detail':
      return `/entities/${seg(route.type)}/${seg(route.id)}`;
    case 'edit':
      return `/entities/${seg(route.type)}/${seg(route.id)}/edit`;
    case 'account360':
      return `/entities/account/${seg(route.id)}/360`;
    case 'workflow':
      return `/workflows/${seg(route.id)}`;
    case 'workflowVersion':
      return `/workflows/${seg(route.id)}/versions/${route.version}`;
    case 'run':
      return `/workflows/${seg(route.id)}/runs/${seg(route.runId)}`;
    case 'inboxTask':
      return `/inbox/${seg(route.id)}`;
    case 'report':
      return `/reports/${seg(route.id)}`;
    case 'reportEdit':
      return route.id === 'new' ? '/reports/new' : `/reports/${seg(route.id)}/edit`;
    case 'notFound':
      return route.path;
  }
}
