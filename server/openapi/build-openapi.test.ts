import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { documentTypes, entityTypes } from '../../schemas';
import { buildOpenApi } from './build-openapi';

const doc = buildOpenApi({
  extensions: [
    {
      paths: { '/workflows': { get: { responses: { '200': { description: 'ok' } } } } },
      tags: [{ name: 'workflows' }],
    },
  ],
});

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refs(child, found);
    }
  }
  return found;
}

describe('buildOpenApi', () => {
  it('is OpenAPI 3.1 with every entity route and the extension paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths as object);
    for (const type of entityTypes) {
      expect(paths).toContain(`/entities/${type}`);
      expect(paths).toContain(`/entities/${type}/{id}`);
    }
    expect(paths).toEqual(
      expect.arrayContaining(['/schemas', '/schemas/{type}', '/entities/account/{id}/related', '/workflows']),
    );
    expect(paths.filter((path) => path.endsWith('/related') && !path.includes('account'))).toEqual(
      documentTypes.map((type) => `/entities/${type}/{id}/related`),
    );
  });

  it('resolves every $ref inside the document', () => {
    const unresolved = refs(doc).filter((ref) => {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      return target === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  it('has component schemas that compile as JSON Schema 2020-12', () => {
    const ajv = addFormats(new Ajv2020({ strict: false }));
    ajv.addSchema({ $id: 'doc', components: (doc as { components: unknown }).components });
    const quote = ajv.getSchema('doc#/components/schemas/QuoteInput');
    expect(quote).toBeDefined();
    expect(
      quote!({ accountId: 'a1', currency: 'EUR', lines: [{ productId: 'p', quantity: 1, unitPrice: 5 }] }),
    ).toBe(true);
    expect(quote!({ accountId: 'a1', currency: 'EUR', lines: [{ productId: 'p' }] })).toBe(false);
  });

  it('lists typed filters as query parameters', () => {
    const list = (doc.paths as Record<string, { get: { parameters: { name: string }[] } }>)[
      '/entities/invoice'
    ]!.get;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'status[in]', 'total[gte]', 'dueDate[lt]', 'q', 'cursor']),
    );
    expect(list.parameters.map((p) => p.name)).not.toContain('status[gte]');
  });
});
