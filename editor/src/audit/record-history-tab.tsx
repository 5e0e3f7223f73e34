import { auditApi } from './audit-api';
import { AuditTable } from './audit-entries';
import { useTrail } from './use-trail';

/** A record's History tab: every version, newest first, with who made it and what changed. */
export function RecordHistoryTab({ type, id }: { type: string; id: string }) {
  const trail = useTrail(`${type}/${id}`, (cursor) => auditApi.history(type, id, cursor));
  return (
    <section aria-label="Record history" className="record-history">
      {trail.error && <p role="alert">{trail.error}</p>}
      {trail.items === undefined ? (
        <p>Loading…</p>
      ) : (
        <AuditTable items={trail.items} label="Versions" showSubject={false} />
      )}
      {trail.hasMore && (
        <button type="button" onClick={trail.more}>
          Older versions
        </button>
      )}
    </section>
  );
}
