import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

/**
 * The rjsf validator of the entity forms: it defers to the server. Ajv compiles schemas with
 * `new Function`, which the server's Content-Security-Policy (no 'unsafe-eval') rightly blocks, and the
 * server validates every write anyway: invariants are enforced by the server, not by forms.
 * The browser's own constraint validation covers required fields and number bounds before submit, and
 * the server's error details are shown under their fields through `extraErrors`.
 * `isValid` only picks oneOf/anyOf branches, which the entity schemas do not use.
 */
export const serverValidator: ValidatorType<unknown, RJSFSchema> = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};
