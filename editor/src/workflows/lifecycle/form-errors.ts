import type { ErrorSchema } from '@rjsf/utils';
import { ApiError } from '../../api/api-client';
import { serverErrorSchema } from '../../entities/form-schema';
import { describeError } from '../workflow-api';

/**
 * A refused form submission for display: the API's field details as an rjsf error tree (with the
 * body's wrapper, such as `input.` or `params.`, taken off their paths) and one sentence for the rest.
 */
export function formErrors(error: unknown, wrapper: string): { extraErrors?: ErrorSchema; message: string } {
  if (!(error instanceof ApiError)) return { message: describeError(error) };
  const prefix = new RegExp(`^${wrapper}\\.?`);
  const details = error.details.map((detail) => ({ ...detail, path: detail.path.replace(prefix, '') }));
  const { errors, general } = serverErrorSchema(details);
  return { extraErrors: errors, message: [error.message, ...general].join('. ') };
}
