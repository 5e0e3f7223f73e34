import { isExpression, type WorkflowNode } from './core';

// `$nodes.approve` or `$nodes.`check-credit``: the two ways an expression names a node's output.
const reference = /\$nodes\.(?:`([^`]+)`|([A-Za-z0-9_]+))/g;

function referenceTo(id: string): string {
  return /^[A-Za-z0-9_]+$/.test(id) ? `$nodes.${id}` : `$nodes.\`${id}\``;
}

/** An expression's source with `$nodes.<old>` rewritten for every renamed id. */
export function renameInExpression(source: string, renames: ReadonlyMap<string, string>): string {
  return source.replace(reference, (whole, quoted: string | undefined, bare: string | undefined) => {
    const renamed = renames.get(quoted ?? bare ?? '');
    return renamed === undefined ? whole : referenceTo(renamed);
  });
}

/** A params value with every expression's node references rewritten; other values are kept as they are. */
export function renameInValue(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (isExpression(value)) {
    const renamed = renameInExpression(value, renames);
    return renamed === value ? value : renamed;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => renameInValue(item, renames));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const renamed = entries.map(([key, item]) => [key, renameInValue(item, renames)] as const);
    return renamed.every(([, item], index) => item === entries[index]![1])
      ? value
      : Object.fromEntries(renamed);
  }
  return value;
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
