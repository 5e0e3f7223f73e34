import { Link } from '../routing/use-route';
import { useHealth } from '../shell/status-page';

/** One line of service health above the dashboards, linking to the status page. */
export function HealthStrip() {
  const health = useHealth();
  return (
    <p className="health-strip" aria-label="System status">
      {health === undefined
        ? 'Checking services…'
        : Object.entries(health.dependencies).map(([name, dep]) => (
            <span key={name} data-status={dep.status} className="health-item">
              {name}: {dep.status}
            </span>
          ))}
      <Link to={{ page: 'status' }}>Status</Link>
    </p>
  );
}
