import { useEffect, useState } from 'react';

export interface Health {
  status: 'ok' | 'degraded';
  dependencies: Record<string, { status: 'ok' | 'down'; error?: string }>;
}

/** The services' health, polled every 5 s; undefined until known or when the API is unreachable. */
export function useHealth(): Health | undefined {
  const [health, setHealth] = useState<Health | undefined>();
  useEffect(() => {
    const load = () =>
      fetch('/api/health')
        .then((response) => response.json() as Promise<Health>)
        .then(setHealth)
        .catch(() => setHealth(undefined));
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, []);
  return health;
}

/** The status page: what Ledgerline is and whether its services are up. */
export function StatusPage() {
  const health = useHealth();
  return (
    <section className="page">
      <h1>Ledgerline</h1>
      <p>Workflow automation for quote-to-cash, procurement and support.</p>
      <section aria-label="System status">
        <h2>System status</h2>
        {health ? (
          <ul>
            {Object.entries(health.dependencies).map(([name, dep]) => (
              <li key={name} data-status={dep.status}>
                {name}: {dep.status}
                {dep.error ? ` (${dep.error})` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>Checking…</p>
        )}
      </section>
    </section>
  );
}
