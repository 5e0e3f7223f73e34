import { buildOpenApi } from '../../openapi/build-openapi';
import { dashboardsOpenApi } from './dashboards-openapi';

describe('dashboardsOpenApi', () => {
  it('describes both dashboard routes, with every schema it names', () => {
    const doc = buildOpenApi({ extensions: [dashboardsOpenApi] }) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/dashboards', '/dashboards/{section}']));
    const named =
      JSON.stringify(doc.paths['/dashboards/{section}']).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of [...named, '#/components/schemas/DashboardWidget']) {
      expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!);
    }
  });
});
