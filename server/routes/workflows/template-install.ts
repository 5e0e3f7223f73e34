import { HttpError } from '../../http/http-error';
import type { Template } from './template-catalog';
import { instantiateTemplate, resolveTemplateParams } from './template-params';

const bodyKeys = ['params', 'name'];

/**
 * The definition `POST /api/templates/:name/install` creates from its body `{params?, name?}`:
 * 400 with the path of every problem (an unknown key, params that do not fit the template's params
 * schema, a bad name); otherwise the template's definition with the params, defaults filled in,
 * substituted, and renamed when a name is given.
 *
 * @example
 * installDefinition(template, { params: { reminderInterval: 'PT30S' }, name: 'Quote to cash (test)' });
 */
export function installDefinition(template: Template, body: unknown): unknown {
  const given = body ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be a JSON object such as {"params": {}}' },
    ]);
  }
  const { params = {}, name } = given as { params?: unknown; name?: unknown };
  const problems = Object.keys(given)
    .filter((key) => !bodyKeys.includes(key))
    .map((key) => ({ path: key, message: 'is not an allowed property' }));
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    problems.push({ path: 'params', message: 'must be an object' });
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 200)) {
    problems.push({ path: 'name', message: 'must be a string of 1 to 200 characters' });
  }
  if (problems.length > 0) throw new HttpError('bad_request', 'the install request is not valid', problems);
  const resolved = resolveTemplateParams(template, params as Record<string, unknown>);
  if (resolved.issues.length > 0) {
    throw new HttpError(
      'validation_failed',
      `params do not fit the template ${template.name}`,
      resolved.issues,
    );
  }
  const definition = instantiateTemplate(template.definition, resolved.params);
  return typeof name === 'string' && typeof definition === 'object' && definition !== null
    ? { ...definition, name }
    : definition;
}
