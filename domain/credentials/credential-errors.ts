import type { CredentialInputProblem } from './credential-kinds';

/** Credential input that does not fit its kind; `problems` name the fields. */
export class CredentialInputError extends Error {
  override name = 'CredentialInputError';
  constructor(readonly problems: CredentialInputProblem[]) {
    super('The credential is not valid');
  }
}

/** No credential has this id. */
export class CredentialNotFoundError extends Error {
  override name = 'CredentialNotFoundError';
  constructor(readonly id: string) {
    super(`credential ${id} does not exist`);
  }
}

/** Another credential has this name already. */
export class CredentialNameTakenError extends Error {
  override name = 'CredentialNameTakenError';
  constructor(readonly credentialName: string) {
    super(`a credential named ${JSON.stringify(credentialName)} exists already`);
  }
}
