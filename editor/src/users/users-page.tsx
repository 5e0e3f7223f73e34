import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-client';
import { useLiveData } from '../inbox/use-live-data';
import { TokensSection } from './tokens-section';
import { userApi } from './user-api';
import { RolePicker, UserRow } from './user-row';
import './users.css';
import { PageHeader } from '../shell/page-header';

/**
 * Administration of people for admins: every user with their roles and status, a form to add one,
 * and the API tokens. Users are deactivated, never deleted, so the audit trail keeps its names.
 */
export function UsersPage() {
  const users = useLiveData('users', () => userApi.list(), 30_000);
  const [draft, setDraft] = useState({ name: '', email: '', password: '', roles: [] as string[] });
  const [error, setError] = useState<string>();
  const create = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    userApi
      .create(draft)
      .then(() => {
        setDraft({ name: '', email: '', password: '', roles: [] });
        users.reload();
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  };
  const text = (field: 'name' | 'email' | 'password') => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value }),
  });
  return (
    <section className="page users-page" aria-labelledby="users-title">
      <PageHeader
        id="users-title"
        eyebrow="Administration"
        title="Users"
        note={"A new password or a deactivation ends the user's sessions and revokes their tokens."}
      />
      {users.error && <p role="alert">{users.error}</p>}
      <table className="records" aria-label="Users">
        <thead>
          <tr>
            <th>User</th>
            <th>Roles</th>
            <th>Status</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((user) => (
            <UserRow key={`${user.id}:${user.updatedAt}`} user={user} onChanged={users.reload} />
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form className="filters new-user" onSubmit={create} aria-label="New user">
        <label>
          Name
          <input required {...text('name')} />
        </label>
        <label>
          Email
          <input required type="email" {...text('email')} />
        </label>
        <label>
          Password (12 characters or more)
          <input required type="password" autoComplete="new-password" {...text('password')} />
        </label>
        <RolePicker
          legend="Roles of the new user"
          value={draft.roles}
          onChange={(roles) => setDraft({ ...draft, roles })}
        />
        <button type="submit">Add user</button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <TokensSection users={users.data ?? []} />
    </section>
  );
}
