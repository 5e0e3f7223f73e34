import { useState } from 'react';
import { credentialKindSpecs } from '../../../domain/credentials/credential-kinds';
import { errorMessage } from '../api/api-client';
import { Link } from '../routing/use-route';
import { credentialApi, problemText, type Credential, type CredentialUse } from './credential-api';
import { CredentialFields } from './credential-fields';

/**
 * One credential: its kind, settings and masked hint, and for admins rotate and delete. "Where
 * used" lists the workflows whose draft or published version names it.
 */
export function CredentialRow(props: { credential: Credential; canManage: boolean; onChanged: () => void }) {
  const { credential, canManage, onChanged } = props;
  const [mode, setMode] = useState<'view' | 'rotate' | 'confirmDelete'>('view');
  const [secret, setSecret] = useState<Record<string, string>>({});
  const [usage, setUsage] = useState<CredentialUse[]>();
  const [error, setError] = useState<string>();
  const spec = credentialKindSpecs[credential.kind];
  const act = async (action: () => Promise<unknown>, describe = problemText) => {
    setError(undefined);
    try {
      await action();
      setMode('view');
      setSecret({});
      onChanged();
    } catch (caught: unknown) {
      setError(describe(caught));
    }
  };
  return (
    <tr data-credential={credential.name}>
      <td>
        <strong>{credential.name}</strong>
        {credential.description && <div className="meta">{credential.description}</div>}
        <div className="meta">
          <code>{credential.id}</code>
        </div>
      </td>
      <td>{spec.label}</td>
      <td>
        {Object.entries(credential.settings).map(([name, value]) => (
          <div key={name}>
            {name}: {value}
          </div>
        ))}
        <div aria-label="Secret hint">{credential.hint}</div>
      </td>
      <td>
        {credential.rotatedAt
          ? `rotated ${credential.rotatedAt.slice(0, 10)}`
          : credential.createdAt.slice(0, 10)}
      </td>
      <td>
        <button
          type="button"
          onClick={() =>
            void credentialApi.usage(credential.id).then(setUsage, (e) => setError(problemText(e)))
          }
        >
          Where used
        </button>
        {usage !== undefined &&
          (usage.length === 0 ? (
            <p className="meta">Not used by any workflow.</p>
          ) : (
            <ul aria-label={`Workflows using ${credential.name}`}>
              {usage.map((use) => (
                <li key={use.workflowId}>
                  <Link to={{ page: 'workflow', id: use.workflowId }}>{use.name}</Link>{' '}
                  <span className="meta">
                    {use.publishedVersion === undefined ? 'draft only' : `published v${use.publishedVersion}`}
                  </span>
                </li>
              ))}
            </ul>
          ))}
      </td>
      <td>
        {canManage && mode === 'view' && (
          <>
            <button type="button" onClick={() => setMode('rotate')}>
              Rotate
            </button>{' '}
            <button type="button" onClick={() => setMode('confirmDelete')}>
              Delete
            </button>
          </>
        )}
        {mode === 'rotate' && (
          <form
            aria-label={`Rotate ${credential.name}`}
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => credentialApi.rotate(credential.id, secret));
            }}
          >
            <CredentialFields fields={spec.secret} secret values={secret} onChange={setSecret} />
            <button type="submit">Save new secret</button>{' '}
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        )}
        {mode === 'confirmDelete' && (
          <>
            <button
              type="button"
              onClick={() => void act(() => credentialApi.remove(credential.id), errorMessage)}
            >
              Confirm delete
            </button>{' '}
            <button type="button" onClick={() => setMode('view')}>
              Keep
            </button>
          </>
        )}
        {error && <p role="alert">{error}</p>}
      </td>
    </tr>
  );
}
