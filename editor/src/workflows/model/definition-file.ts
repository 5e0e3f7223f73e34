import type { WorkflowDefinition } from './core';

/** The text of an exported workflow: the definition itself, pretty-printed, so it diffs well in git. */
export function exportText(definition: WorkflowDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** A file name for an export: the workflow's name in lower-case words joined by dashes. */
export function exportFileName(definition: WorkflowDefinition): string {
  const slug = definition.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'workflow'}.json`;
}

/**
 * Reads an exported (or hand-written) workflow file. Only the outline is checked here, to give a
 * clear message for a wrong file; the server checks the definition in full when it is saved.
 */
export function parseDefinitionFile(text: string): { definition: WorkflowDefinition } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    return { problem: `The file is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'The file does not hold a workflow definition (a JSON object)' };
  }
  const candidate = value as Record<string, unknown>;
  const missing = ['name', 'nodes', 'edges'].filter((key) => candidate[key] === undefined);
  if (missing.length > 0) {
    return { problem: `The file is not a workflow definition: it has no ${missing.join(', ')}` };
  }
  if (
    typeof candidate.name !== 'string' ||
    !Array.isArray(candidate.nodes) ||
    !Array.isArray(candidate.edges)
  ) {
    return { problem: 'The file is not a workflow definition: name must be text, nodes and edges lists' };
  }
  return { definition: candidate as unknown as WorkflowDefinition };
}
