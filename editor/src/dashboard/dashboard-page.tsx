import { useEffect, useState } from 'react';
import { StatusPage } from '../shell/status-page';
import { ChartCard } from './chart-card';
import { loadSection, loadSections, type DashboardSection, type SectionView } from './dashboard-api';
import { HealthStrip } from './health-strip';
import { StatCard } from './stat-card';
import './dashboard.css';

const titles: Record<DashboardSection, string> = {
  sales: 'Sales',
  finance: 'Finance',
  operations: 'Operations and procurement',
  support: 'Support',
  admin: 'Administration',
};

/** How often the figures are fetched again (the server caches each section for a few seconds). */
const refreshMs = 30_000;

/**
 * The landing page: a section of figures for each of the user's roles (all of them for an admin),
 * each figure linking to the list behind it, under a one-line service health strip. A user whose
 * roles have no section sees the status page.
 */
export function DashboardPage() {
  const [sections, setSections] = useState<DashboardSection[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    loadSections()
      .then(setSections)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error !== undefined) return <p role="alert">Could not load the dashboards: {error}</p>;
  if (sections === undefined) return <p className="loading">Loading…</p>;
  if (sections.length === 0) return <StatusPage />;
  return (
    <section className="page dashboard">
      <HealthStrip />
      <h1>Dashboard</h1>
      {sections.map((section) => (
        <DashboardSectionView key={section} section={section} />
      ))}
    </section>
  );
}

function DashboardSectionView({ section }: { section: DashboardSection }) {
  const [view, setView] = useState<SectionView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    const load = () =>
      loadSection(section)
        .then((loaded) => {
          if (live) {
            setView(loaded);
            setError(undefined);
          }
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [section]);
  const headingId = `dashboard-${section}`;
  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-section={section}>
      <h2 id={headingId}>{titles[section]}</h2>
      {error !== undefined && (
        <p role="alert">
          Could not load {titles[section].toLowerCase()}: {error}
        </p>
      )}
      {view === undefined ? (
        error === undefined && <p className="loading">Loading…</p>
      ) : (
        <div className="dashboard-grid">
          {view.widgets.map((widget) =>
            widget.kind === 'stat' ? (
              <StatCard key={widget.id} widget={widget} currency={view.currency} />
            ) : (
              <ChartCard key={widget.id} widget={widget} currency={view.currency} />
            ),
          )}
        </div>
      )}
    </section>
  );
}
