import type { ReactNode } from 'react';
import type { WaitingFor } from '../../../domain/workflows/describe-wait';
import { useEntityType } from '../entities/schema-context';
import { formatDateTime } from '../entities/format';
import { Link } from '../routing/use-route';

/** The create form of the record that satisfies a wait, prefilled from the awaited record. */
export function actionPath(action: NonNullable<WaitingFor['action']>): string {
  return `/entities/${encodeURIComponent(action.entityType)}/new?from=${encodeURIComponent(action.from)}`;
}

/**
 * What a run waits for, in words, for each of its waiting flow.waitFor visits: the sentence, the
 * awaited record, when the wait gives up, and the action that satisfies it where one does.
 * On the record's own page `about` names the run instead of the record.
 */
export function WaitingForNotice({ waits, about }: { waits: readonly WaitingFor[]; about?: ReactNode }) {
  return (
    <>
      {waits.map((wait) => (
        <WaitingForItem key={`${wait.nodeId}/${wait.visit}`} wait={wait} about={about} />
      ))}
    </>
  );
}

function WaitingForItem({ wait, about }: { wait: WaitingFor; about: ReactNode }) {
  const type = useEntityType(wait.entityType);
  const typeWords = type?.meta.label.toLowerCase() ?? wait.entityType;
  return (
    <section className="notice waiting-for" aria-label={wait.sentence} data-waiting-node={wait.nodeId}>
      <p className="waiting-for__sentence">{wait.sentence}</p>
      <p className="meta">
        {about ?? (
          <Link to={{ page: 'detail', type: wait.entityType, id: wait.entityId }}>
            Open {typeWords} {wait.label ?? wait.entityId}
          </Link>
        )}
        {wait.timesOutAt !== null && <span> · gives up {formatDateTime(wait.timesOutAt)}</span>}
      </p>
      {wait.action && (
        <Link to={actionPath(wait.action)} className="button">
          {wait.action.label}
        </Link>
      )}
    </section>
  );
}
