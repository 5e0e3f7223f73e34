import { exportFileName, exportText, parseDefinitionFile } from './definition-file';

describe('definition files', () => {
  test('an export reads back as the identical definition', () => {
    const definition = {
      name: 'Quote approval',
      description: 'x',
      nodes: [{ id: 'a', type: 'trigger.manual', params: {} }],
      edges: [],
    };
    const parsed = parseDefinitionFile(exportText(definition));
    expect(parsed).toEqual({ definition });
    expect(exportFileName(definition)).toBe('quote-approval.json');
    expect(exportFileName({ ...definition, name: '!!!' })).toBe('workflow.json');
  });

  test.each([
    ['{', /^The file is not JSON: /],
    ['[]', /^The file does not hold a workflow definition \(a JSON object\)$/],
    ['{"name": "x"}', /^The file is not a workflow definition: it has no nodes, edges$/],
    [
      '{"name": 1, "nodes": [], "edges": []}',
      /^The file is not a workflow definition: name must be text, nodes and edges lists$/,
    ],
  ])('%s is refused with a clear message', (text, message) => {
    const parsed = parseDefinitionFile(text);
    expect('problem' in parsed && parsed.problem).toMatch(message);
  });
});
