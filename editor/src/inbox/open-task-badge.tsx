import { useSession } from '../auth/session';
import { listTasks, subscribeToTaskChanges } from './task-api';
import { useLiveData } from './use-live-data';
import './inbox.css';

/** How often the navigation's count asks; the inbox page itself refreshes faster. */
const refreshMs = 15_000;

/**
 * The number of open tasks waiting on the user's roles (every role's for an admin), shown beside
 * (not inside) the navigation's "Inbox" link, whose accessible name stays "Inbox".
 */
export function OpenTaskBadge() {
  const { user } = useSession();
  const mine = !(user?.roles ?? []).includes('admin');
  const open = useLiveData(`badge:${mine}`, () => listTasks({ status: 'open', mine }), refreshMs, {
    subscribe: subscribeToTaskChanges,
  });
  const count = open.data?.length;
  if (count === undefined || count === 0) return null;
  const text = `${count} open task${count === 1 ? '' : 's'}`;
  return (
    <span className="inbox-count" data-testid="inbox-count" title={text}>
      <span aria-hidden="true">{count >= 200 ? '200+' : count}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
