import { dashboardSections } from '../../../domain/insight/sections';
import { errorResponses, json, ref, type OpenApiExtension } from '../../openapi';

const link = { type: 'string', description: 'The editor path of the filtered list behind the figure' };
const unit = { enum: ['count', 'money', 'days', 'hours', 'bp'] };

/** The dashboard routes in the OpenAPI document. */
export const dashboardsOpenApi: OpenApiExtension = {
  tags: [{ name: 'dashboards', description: 'Role dashboards: the figures of the landing page' }],
  schemas: {
    DashboardWidget: {
      type: 'object',
      required: ['kind', 'id', 'title', 'unit'],
      properties: {
        kind: { enum: ['stat', 'chart'] },
        id: { type: 'string' },
        title: { type: 'string' },
        unit,
        value: { type: ['integer', 'number', 'null'] },
        secondary: {
          type: 'object',
          properties: { label: { type: 'string' }, unit, value: { type: 'number' } },
        },
        link,
        chart: { enum: ['bar', 'line'] },
        stacked: { type: 'boolean' },
        categories: { type: 'array', items: { type: 'string' } },
        series: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, values: { type: 'array', items: { type: 'number' } } },
          },
        },
        links: { type: 'array', items: { type: ['string', 'null'] } },
        note: { type: 'string' },
      },
    },
    DashboardSection: {
      type: 'object',
      required: ['section', 'currency', 'asOf', 'computedAt', 'widgets'],
      properties: {
        section: { enum: [...dashboardSections] },
        currency: { type: 'string' },
        asOf: { type: 'string', format: 'date' },
        computedAt: { type: 'string', format: 'date-time' },
        widgets: { type: 'array', items: ref('DashboardWidget') },
      },
    },
  },
  paths: {
    '/dashboards': {
      get: {
        tags: ['dashboards'],
        summary: "The dashboard sections the caller's roles see",
        responses: {
          '200': {
            description: 'Sections',
            content: json({
              type: 'object',
              properties: { sections: { type: 'array', items: { enum: [...dashboardSections] } } },
            }),
          },
          ...errorResponses(401),
        },
      },
    },
    '/dashboards/{section}': {
      get: {
        tags: ['dashboards'],
        summary: "One section's figures, each with the filtered list behind it",
        parameters: [
          { name: 'section', in: 'path', required: true, schema: { enum: [...dashboardSections] } },
          {
            name: 'currency',
            in: 'query',
            schema: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
          },
        ],
        responses: {
          '200': { description: 'The section', content: json(ref('DashboardSection')) },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  },
};
