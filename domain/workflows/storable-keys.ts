import { formatPath, type PathSegment, type ValidationError, type WorkflowDefinition } from '../../workflows';

/**
 * Finds object keys the store cannot hold portably: FerretDB v1 (and MongoDB before 5.0) refuse
 * field names that start with `$` or contain `.`. A JSON Schema in a draft trips this with
 * `$schema` or `$ref`, so the draft is refused with the exact place instead of failing on write.
 *
 * @example
 * unstorableKeys({ name: 'x', nodes: [{ id: 'start', type: 'trigger.manual', params: { inputSchema: { $schema: '…' } } }], edges: [] });
 * // [{ nodeId: 'start', path: 'params.inputSchema.$schema', code: 'schema', message: '…' }]
 */
export function unstorableKeys(definition: WorkflowDefinition): ValidationError[] {
  const errors: ValidationError[] = [];
  const message = (key: string) =>
    `The field name ${JSON.stringify(key)} cannot be stored: names may not start with $ or contain a dot`;
  const walk = (
    value: unknown,
    segments: PathSegment[],
    found: (segments: PathSegment[], key: string) => void,
  ) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...segments, index], found));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.')) found([...segments, key], key);
      else walk(child, [...segments, key], found);
    }
  };
  for (const node of definition.nodes) {
    walk(node, [], (segments, key) =>
      errors.push({ nodeId: node.id, path: formatPath(segments), code: 'schema', message: message(key) }),
    );
  }
  walk({ ...definition, nodes: [] }, [], (segments, key) =>
    errors.push({ path: formatPath(segments), code: 'schema', message: message(key) }),
  );
  return errors;
}
