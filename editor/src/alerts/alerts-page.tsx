import { useState } from 'react';
import { alertEventLabels, alertEvents, type AlertEvent } from '../../../domain/alerts/alert-events';
import { roleNames } from '../../../schemas/vocabulary';
import { problemText } from '../credentials/credential-api';
import { roleLabel } from '../inbox/task-badges';
import { useLiveData } from '../inbox/use-live-data';
import { alertApi } from './alert-api';
import '../credentials/credentials.css';
import { PageHeader } from '../shell/page-header';

/**
 * Alerts (admins): which roles get a digest mail of failed runs and overdue tasks, and how often.
 * One mail per interval and subscription, sent by its Temporal Schedule.
 */
export function AlertsPage() {
  const subscriptions = useLiveData('alerts', () => alertApi.list(), 30_000);
  const [role, setRole] = useState<string>('admin');
  const [events, setEvents] = useState<AlertEvent[]>([...alertEvents]);
  const [intervalMinutes, setIntervalMinutes] = useState(60);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      subscriptions.reload();
    } catch (caught: unknown) {
      setError(problemText(caught));
    }
  };
  return (
    <section className="page" aria-labelledby="alerts-title">
      <PageHeader
        id="alerts-title"
        eyebrow="Operations"
        title="Alerts"
        note={'A digest mail per interval, never one mail per event.'}
      />
      {subscriptions.error && <p role="alert">{subscriptions.error}</p>}
      <table className="records" aria-label="Alert subscriptions">
        <thead>
          <tr>
            <th>Role</th>
            <th>Reports</th>
            <th>Every</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(subscriptions.data ?? []).map((subscription) => (
            <tr key={subscription._id}>
              <td>{roleLabel(subscription.role)}</td>
              <td>{subscription.events.map((event) => alertEventLabels[event]).join(', ')}</td>
              <td>{subscription.intervalMinutes} minutes</td>
              <td>
                <button type="button" onClick={() => void run(() => alertApi.remove(subscription._id))}>
                  Unsubscribe
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="entity-form credential-form"
        aria-label="New alert subscription"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => alertApi.create({ role, events, intervalMinutes }));
        }}
      >
        <h2>Subscribe a role</h2>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value)}>
            {roleNames.map((name) => (
              <option key={name} value={name}>
                {roleLabel(name)}
              </option>
            ))}
          </select>
        </label>
        {alertEvents.map((event) => (
          <label key={event} className="checkbox">
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={(change) =>
                setEvents(change.target.checked ? [...events, event] : events.filter((e) => e !== event))
              }
            />{' '}
            {alertEventLabels[event]}
          </label>
        ))}
        <label>
          Every (minutes)
          <input
            type="number"
            min={5}
            value={intervalMinutes}
            onChange={(event) => setIntervalMinutes(Number(event.target.value))}
          />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Subscribe</button>
      </form>
    </section>
  );
}
