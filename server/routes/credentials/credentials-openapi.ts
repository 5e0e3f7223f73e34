import { credentialKinds } from '../../../domain/credentials';
import { errorResponses, json, pathParameter, ref, type OpenApiExtension } from '../../openapi';

const credential = { description: 'The credential, without its secret', content: json(ref('Credential')) };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** The credential routes in the OpenAPI document. */
export const credentialsOpenApi: OpenApiExtension = {
  tags: [
    { name: 'credentials', description: 'Secrets http.request applies, sealed at rest and never returned' },
  ],
  schemas: {
    Credential: {
      type: 'object',
      required: ['id', 'name', 'kind', 'settings', 'hint', 'createdAt', 'createdBy', 'secretVersion'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        kind: { enum: [...credentialKinds] },
        description: { type: 'string' },
        settings: stringMap,
        hint: { type: 'string', description: 'Masked: at most the last four characters of the secret' },
        createdAt: { type: 'string', format: 'date-time' },
        createdBy: { type: 'string' },
        secretVersion: { type: 'integer' },
        rotatedAt: { type: 'string', format: 'date-time' },
        rotatedBy: { type: 'string' },
      },
    },
  },
  paths: {
    '/credentials': {
      get: {
        tags: ['credentials'],
        summary: 'List credentials (admins, designers)',
        responses: {
          '200': {
            description: 'Credentials',
            content: json({
              type: 'object',
              properties: { items: { type: 'array', items: ref('Credential') } },
            }),
          },
          ...errorResponses(401, 403),
        },
      },
      post: {
        tags: ['credentials'],
        summary: 'Create a credential (admins); the secret is accepted here and on rotation only',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['name', 'kind', 'secret'],
            properties: {
              name: { type: 'string' },
              kind: { enum: [...credentialKinds] },
              description: { type: 'string' },
              settings: stringMap,
              secret: stringMap,
            },
          }),
        },
        responses: { '201': credential, ...errorResponses(400, 401, 403, 409) },
      },
    },
    '/credentials/{id}': {
      get: {
        tags: ['credentials'],
        summary: 'Read a credential (admins, designers)',
        parameters: [pathParameter('id')],
        responses: { '200': credential, ...errorResponses(401, 403, 404) },
      },
      delete: {
        tags: ['credentials'],
        summary: 'Delete a credential (admins); 409 while a published version names it',
        parameters: [pathParameter('id')],
        responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    '/credentials/{id}/rotate': {
      post: {
        tags: ['credentials'],
        summary: 'Replace the secret (admins)',
        parameters: [pathParameter('id')],
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['secret'], properties: { secret: stringMap } }),
        },
        responses: { '200': credential, ...errorResponses(400, 401, 403, 404) },
      },
    },
    '/credentials/{id}/usage': {
      get: {
        tags: ['credentials'],
        summary: 'Workflows whose draft or published version names the credential',
        parameters: [pathParameter('id')],
        responses: {
          '200': { description: 'Workflows using it', content: json({ type: 'object' }) },
          ...errorResponses(401, 403, 404),
        },
      },
    },
  },
};
