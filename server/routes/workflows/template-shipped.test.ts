import fs from 'node:fs';
import path from 'node:path';
import { validateDefinition, type WorkflowDefinition } from '../../../workflows';
import { defaultTemplatesDir, readTemplate } from './template-catalog';
import { installDefinition } from './template-install';
import { resolveTemplateParams, templateParamNames } from './template-params';

const files = fs.readdirSync(defaultTemplatesDir).filter((file) => file.endsWith('.json'));
const templates = files.map((file) =>
  readTemplate(
    file.slice(0, -'.json'.length),
    JSON.parse(fs.readFileSync(path.join(defaultTemplatesDir, file), 'utf8')),
  ),
);

describe('the shipped templates', () => {
  it('are the four processes', () => {
    expect(templates.map((t) => t.name).sort()).toEqual([
      'lead-intake',
      'procurement',
      'quote-to-cash',
      'support',
    ]);
  });

  describe.each(templates.map((template) => [template.name, template] as const))('%s', (_name, template) => {
    it('declares every param it uses, uses every param it declares, and its defaults fit its schema', () => {
      const declared = Object.keys(template.paramsSchema?.properties ?? {});
      expect([...templateParamNames(template.definition)].sort()).toEqual([...declared].sort());
      expect(resolveTemplateParams(template, {}).issues).toEqual([]);
      for (const property of Object.values(template.paramsSchema?.properties ?? {}) as object[]) {
        expect(property).toEqual(
          expect.objectContaining({ title: expect.any(String), default: expect.anything() }),
        );
      }
    });

    it('installs with its defaults into a definition that passes publish validation', () => {
      const definition = installDefinition(template, {}) as WorkflowDefinition;
      expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
      expect(definition.nodes.every((node) => node.position !== undefined && node.label !== undefined)).toBe(
        true,
      );
    });
  });
});
