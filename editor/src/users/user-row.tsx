import { useState } from 'react';
import { roleNames } from '../../../schemas/vocabulary';
import { errorMessage } from '../api/api-client';
import { userApi, type User } from './user-api';

/** Role checkboxes; `legend` names the group for assistive technology. */
export function RolePicker(props: { legend: string; value: string[]; onChange: (roles: string[]) => void }) {
  return (
    <fieldset className="role-picker" aria-label={props.legend}>
      <legend>Roles</legend>
      {roleNames.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            checked={props.value.includes(role)}
            onChange={(event) =>
              props.onChange(
                event.target.checked ? [...props.value, role] : props.value.filter((held) => held !== role),
              )
            }
          />{' '}
          {role}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * One user: roles edited in place, deactivate or reactivate, and a password reset. Saving a new
 * password or deactivating ends the user's sessions and revokes their API tokens.
 */
export function UserRow({ user, onChanged }: { user: User; onChanged: () => void }) {
  const [mode, setMode] = useState<'view' | 'roles' | 'password'>('view');
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const save = (patch: Parameters<typeof userApi.update>[1]) => {
    setError(undefined);
    userApi
      .update(user.id, patch)
      .then(() => {
        setMode('view');
        setPassword('');
        onChanged();
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  };
  return (
    <tr data-user={user.email}>
      <td>
        <strong>{user.name}</strong>
        <div className="meta">{user.email}</div>
      </td>
      <td>
        {mode === 'roles' ? (
          <RolePicker legend={`Roles of ${user.name}`} value={roles} onChange={setRoles} />
        ) : (
          user.roles.join(', ')
        )}
      </td>
      <td>{user.active ? 'Active' : 'Deactivated'}</td>
      <td className="actions">
        {mode === 'view' && (
          <>
            <button type="button" onClick={() => setMode('roles')}>
              Change roles
            </button>
            <button type="button" onClick={() => setMode('password')}>
              Reset password
            </button>
            <button type="button" onClick={() => save({ active: !user.active })}>
              {user.active ? 'Deactivate' : 'Reactivate'}
            </button>
          </>
        )}
        {mode === 'roles' && (
          <>
            <button type="button" onClick={() => save({ roles })}>
              Save roles
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </>
        )}
        {mode === 'password' && (
          <>
            <label>
              New password for {user.name}
              <input
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </label>
            <button type="button" onClick={() => save({ password })}>
              Save password
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
