/**
 * The pieces every path of the OpenAPI document is built from, shared by the entity paths and the
 * route modules' extensions so that they all point at the same components.
 */

/** A reference to the component schema `name`. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** An `application/json` content entry of `schema`. */
export const json = (schema: unknown) => ({ 'application/json': { schema } });

/**
 * The shared error responses of these statuses, each the one error shape.
 *
 * @example
 * responses: { '200': { … }, ...errorResponses(401, 403, 404) }
 */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]),
  );

/** A required string path parameter, e.g. `pathParameter('id')` for `/workflows/{id}`. */
export const pathParameter = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
});
