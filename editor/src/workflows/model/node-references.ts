import { isExpression, type WorkflowNode } from './core';

// `$nodes.approve` or `$nodes.`check-credit``: the two ways an expression names a node's output.
const reference = /\$nodes\.(?:`([^`]+)`|([A-Za-z0-9_]+))/g;

/** A field name as a JSONata path step: bare when it can be, else in backticks (`check-credit`). */
export function pathStep(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** How an expression names a node's output: `$nodes.approve`, `$nodes.\`check-credit\``. */
export function referenceTo(id: string): string {
  return `$nodes.${pathStep(id)}`;
}

/** The ids of the nodes an expression's source reads (`$nodes.<id>`), in order of appearance. */
export function referencedNodes(source: string): string[] {
  return [...source.matchAll(reference)].map((match) => match[1] ?? match[2] ?? '');
}

/** An expression's source with `$nodes.<old>` rewritten for every renamed id. */
export function renameInExpression(source: string, renames: ReadonlyMap<string, string>): string {
  return source.replace(reference, (whole, quoted: string | undefined, bare: string | undefined) => {
    const renamed = renames.get(quoted ?? bare ?? '');
    return renamed === undefined ? whole : referenceTo(renamed);
  });
}

/**
 * A params value with every expression (its whole text, `=` included) passed through `rewrite`;
 * other values, and every object or array in which nothing changed, are kept as they are.
 */
export function mapExpressions(value: unknown, rewrite: (expression: string) => string): unknown {
  if (isExpression(value)) {
    const rewritten = rewrite(value);
    return rewritten === value ? value : rewritten;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => mapExpressions(item, rewrite));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const mapped = entries.map(([key, item]) => [key, mapExpressions(item, rewrite)] as const);
    return mapped.every(([, item], index) => item === entries[index]![1])
      ? value
      : Object.fromEntries(mapped);
  }
  return value;
}

/** A params value with every expression's node references rewritten; other values are kept as they are. */
export function renameInValue(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  return mapExpressions(value, (source) => renameInExpression(source, renames));
}

/**
 * A node whose params refer to renamed nodes under their new ids: expressions (`$nodes.old`) and a
 * forEach's `body`. The node object is kept when nothing changes, so memoized views stay put.
 */
export function renameReferences(node: WorkflowNode, renames: ReadonlyMap<string, string>): WorkflowNode {
  let params = renameInValue(node.params, renames) as Record<string, unknown>;
  if (node.type === 'flow.forEach' && typeof params.body === 'string' && renames.has(params.body)) {
    params = { ...params, body: renames.get(params.body) };
  }
  return params === node.params ? node : { ...node, params };
}
