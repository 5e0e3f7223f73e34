import { useEffect, useState } from 'react';
import { Link } from '../routing/use-route';
import { runsApi, type RecordWrites } from './runs-api';

/** The records a run created or changed, each linking to its page. */
export function RunRecords({ runId, refreshKey }: { runId: string; refreshKey: string }) {
  const [records, setRecords] = useState<RecordWrites[]>([]);
  useEffect(() => {
    let live = true;
    runsApi
      .runRecords(runId)
      .then((answer) => live && setRecords(answer.items))
      .catch(() => live && setRecords([]));
    return () => {
      live = false;
    };
  }, [runId, refreshKey]);
  if (records.length === 0) return null;
  return (
    <div aria-label="Records written" className="run-records">
      <h3>Records written</h3>
      <ul>
        {records.map((record) => (
          <li key={`${record.entityType}/${record.entityId}`}>
            <Link to={{ page: 'detail', type: record.entityType, id: record.entityId }}>
              {record.entityType} {record.label ?? record.entityId}
            </Link>{' '}
            <span className="meta">{[...new Set(record.writes.map((write) => write.kind))].join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
