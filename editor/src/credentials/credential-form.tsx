import { useState } from 'react';
import {
  credentialKinds,
  credentialKindSpecs,
  type CredentialKind,
} from '../../../domain/credentials/credential-kinds';
import { credentialApi, problemText } from './credential-api';
import { CredentialFields } from './credential-fields';

/** The form that creates a credential; its secret is sent once and the form then forgets it. */
export function CredentialForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CredentialKind>('bearer');
  const [description, setDescription] = useState('');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const spec = credentialKindSpecs[kind];
  const submit = async () => {
    setError(undefined);
    try {
      await credentialApi.create({
        name,
        kind,
        ...(description === '' ? {} : { description }),
        settings,
        secret,
      });
      setName('');
      setDescription('');
      setSettings({});
      setSecret({});
      onCreated();
    } catch (caught: unknown) {
      setError(problemText(caught));
    }
  };
  return (
    <form
      className="entity-form credential-form"
      aria-label="New credential"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>New credential</h2>
      <label>
        Name
        <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Kind
        <select
          name="kind"
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as CredentialKind);
            setSettings({});
            setSecret({});
          }}
        >
          {credentialKinds.map((option) => (
            <option key={option} value={option}>
              {credentialKindSpecs[option].label}
            </option>
          ))}
        </select>
      </label>
      <p className="meta">This credential {spec.applies}.</p>
      <label>
        Description (optional)
        <input
          name="description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <CredentialFields fields={spec.settings} secret={false} values={settings} onChange={setSettings} />
      <CredentialFields fields={spec.secret} secret values={secret} onChange={setSecret} />
      {error && <p role="alert">{error}</p>}
      <button type="submit">Create credential</button>
    </form>
  );
}
