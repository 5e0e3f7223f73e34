import { useSession } from '../auth/session';
import { useLiveData } from '../inbox/use-live-data';
import { credentialApi } from './credential-api';
import { CredentialForm } from './credential-form';
import { CredentialRow } from './credential-row';
import './credentials.css';
import { PageHeader } from '../shell/page-header';

/**
 * The credentials page: every stored credential with its masked hint and where it is used;
 * admins create, rotate and delete. A secret is typed here once and never shown again.
 */
export function CredentialsPage() {
  const { user } = useSession();
  const canManage = (user?.roles ?? []).includes('admin');
  const credentials = useLiveData('credentials', () => credentialApi.list(), 30_000);
  return (
    <section className="page" aria-labelledby="credentials-title">
      <PageHeader
        id="credentials-title"
        eyebrow="Automation"
        title="Credentials"
        note={'Secrets are encrypted at rest and never shown after they are saved.'}
      />
      {credentials.error && <p role="alert">{credentials.error}</p>}
      {credentials.data !== undefined &&
        (credentials.data.length === 0 ? (
          <p className="meta">No credentials yet.</p>
        ) : (
          <table className="records" aria-label="Credentials">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Settings</th>
                <th>Changed</th>
                <th>Used by</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {credentials.data.map((credential) => (
                <CredentialRow
                  key={`${credential.id}:${credential.secretVersion}`}
                  credential={credential}
                  canManage={canManage}
                  onChanged={credentials.reload}
                />
              ))}
            </tbody>
          </table>
        ))}
      {canManage && <CredentialForm onCreated={credentials.reload} />}
    </section>
  );
}
