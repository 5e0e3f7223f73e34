import { useEffect, useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { credentialKindSpecs } from '../../../../domain/credentials/credential-kinds';
import { errorMessage } from '../../api/api-client';
import { credentialApi, type Credential } from '../../credentials/credential-api';

/**
 * `http.request`'s credential: a choice among the stored credentials by name. The node keeps the
 * credential's id only; the secret stays on the server.
 */
export function CredentialPickerField(props: FieldProps) {
  const { fieldPathId, readonly, disabled } = props;
  const value = typeof props.formData === 'string' ? props.formData : '';
  const [credentials, setCredentials] = useState<Credential[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    credentialApi.list().then(
      (items) => live && setCredentials(items),
      (caught: unknown) => live && setError(errorMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, []);
  const known = credentials?.some((credential) => credential.id === value) ?? true;
  return (
    <label className="wf-credential">
      {props.schema.title ?? 'Credential'}
      <select
        id={fieldPathId.$id}
        value={value}
        disabled={Boolean(readonly || disabled)}
        onChange={(event) =>
          props.onChange(event.target.value === '' ? undefined : event.target.value, fieldPathId.path)
        }
      >
        <option value="">None</option>
        {!known && <option value={value}>{value} (missing)</option>}
        {(credentials ?? []).map((credential) => (
          <option key={credential.id} value={credential.id}>
            {credential.name} · {credentialKindSpecs[credential.kind].label}
          </option>
        ))}
      </select>
      {error && <span role="alert">Could not load credentials: {error}</span>}
    </label>
  );
}
