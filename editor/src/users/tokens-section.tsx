import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import { useLiveData } from '../inbox/use-live-data';
import { userApi, type User } from './user-api';

/**
 * API tokens of every user: create one for a user (its secret is shown here once and never
 * again) and revoke any.
 */
export function TokensSection({ users }: { users: User[] }) {
  const tokens = useLiveData('tokens', () => userApi.tokens(), 30_000);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [error, setError] = useState<string>();
  const names = new Map(users.map((user) => [user.id, user.name]));
  const act = (work: Promise<unknown>) => {
    setError(undefined);
    work.then(tokens.reload).catch((caught: unknown) => setError(errorMessage(caught)));
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    act(
      userApi.createToken({ name, userId }).then((token) => {
        setCreated({ name: token.name, token: token.token });
        setName('');
      }),
    );
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {(error ?? tokens.error) && <p role="alert">{error ?? tokens.error}</p>}
      {created && (
        <p className="notice" role="status">
          Token {created.name}: <code>{created.token}</code> — copy it now; it is not shown again.
        </p>
      )}
      <table className="records" aria-label="API tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>User</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((token) => (
            <tr key={token.id} data-token={token.name}>
              <td>{token.name}</td>
              <td>{names.get(token.userId) ?? token.userId}</td>
              <td>{token.createdAt.slice(0, 10)}</td>
              <td>{token.lastUsedAt?.slice(0, 10) ?? 'never'}</td>
              <td>{token.expiresAt?.slice(0, 10) ?? 'never'}</td>
              <td>
                <button type="button" onClick={() => act(userApi.revokeToken(token.id))}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="filters" onSubmit={create} aria-label="New API token">
        <label>
          Token name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          For user
          <select required value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose…</option>
            {users
              .filter((user) => user.active)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </select>
        </label>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
