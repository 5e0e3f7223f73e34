import type { FieldProps } from '@rjsf/utils';
import { credentialKindSpecs } from '../../../../domain/credentials/credential-kinds';
import { credentialApi, type Credential } from '../../credentials/credential-api';
import { StoredChoiceField, type StoredChoices } from './stored-choice-field';

const credentials: StoredChoices<Credential> = {
  load: () => credentialApi.list(),
  idOf: (credential) => credential.id,
  labelOf: (credential) => `${credential.name} · ${credentialKindSpecs[credential.kind].label}`,
  title: 'Credential',
  plural: 'credentials',
  none: 'None',
  className: 'wf-credential',
};

/**
 * `http.request`'s credential: a choice among the stored credentials by name. The node keeps the
 * credential's id only; the secret stays on the server.
 */
export function CredentialPickerField(props: FieldProps) {
  return <StoredChoiceField field={props} choices={credentials} />;
}
