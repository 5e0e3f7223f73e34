import { Link } from '../../routing/use-route';
import { useVersionList } from './use-version';

/** The published versions of a workflow, newest first; each opens read-only. */
export function VersionsPanel({
  workflowId,
  publishedVersion,
}: {
  workflowId: string;
  publishedVersion: number | undefined;
}) {
  const { versions, problem: error } = useVersionList(workflowId, publishedVersion);
  return (
    <section className="wf-list-panel" aria-label="Versions">
      <h2>Versions</h2>
      {error && <p className="error">{error}</p>}
      {versions?.length === 0 && <p className="meta">Not published yet. Publishing makes version 1.</p>}
      <ul className="wf-runs">
        {versions?.map((version) => (
          <li key={version.version}>
            <Link to={{ page: 'workflowVersion', id: workflowId, version: version.version }}>
              Version {version.version}
            </Link>
            {version.version === publishedVersion && (
              <span className="badge wf-run-status--completed">published</span>
            )}
            <span className="meta">{new Date(version.publishedAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
