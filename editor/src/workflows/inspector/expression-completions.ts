import { getNodeType, type WorkflowDefinition } from '../model/core';

/** One suggestion: what is inserted, what kind of thing it is, and a line about it. */
export interface Suggestion {
  label: string;
  type: 'variable' | 'property' | 'function';
  detail?: string;
  info?: string;
}

/** An entity type's fields by name, with their titles, as the entity schemas describe them. */
export type EntityFields = (
  entityType: string,
) => Readonly<Record<string, { title?: string; type?: unknown }>> | undefined;

/**
 * JSONata's built-in functions with their signatures: the ones a workflow expression reaches for.
 * Signatures follow the JSONata documentation's notation.
 */
export const builtins: readonly Suggestion[] = (
  [
    ['$string', '$string(arg, prettify?)', 'The value as a string.'],
    ['$number', '$number(arg)', 'The value as a number.'],
    ['$boolean', '$boolean(arg)', 'The value as a Boolean.'],
    ['$not', '$not(arg)', 'The Boolean inverse.'],
    ['$exists', '$exists(arg)', 'True when the value exists.'],
    ['$count', '$count(array)', 'The number of items.'],
    ['$sum', '$sum(array)', 'The sum of the numbers.'],
    ['$max', '$max(array)', 'The largest number.'],
    ['$min', '$min(array)', 'The smallest number.'],
    ['$average', '$average(array)', 'The mean of the numbers.'],
    ['$round', '$round(number, precision?)', 'Rounded half to even.'],
    ['$floor', '$floor(number)', 'Rounded down.'],
    ['$ceil', '$ceil(number)', 'Rounded up.'],
    ['$abs', '$abs(number)', 'The absolute value.'],
    ['$formatNumber', '$formatNumber(number, picture, options?)', 'Formats a number, e.g. "#,##0.00".'],
    ['$length', '$length(str)', 'The number of characters.'],
    ['$substring', '$substring(str, start, length?)', 'Part of a string.'],
    ['$uppercase', '$uppercase(str)', 'In upper case.'],
    ['$lowercase', '$lowercase(str)', 'In lower case.'],
    ['$trim', '$trim(str)', 'Without surrounding white space.'],
    ['$contains', '$contains(str, pattern)', 'True when the string contains the pattern.'],
    ['$split', '$split(str, separator, limit?)', 'The parts of a string.'],
    ['$join', '$join(array, separator?)', 'The strings joined.'],
    ['$replace', '$replace(str, pattern, replacement, limit?)', 'The string with the pattern replaced.'],
    ['$now', '$now(picture?, timezone?)', 'The current time as an ISO 8601 string.'],
    ['$millis', '$millis()', 'The current time in milliseconds since the epoch.'],
    ['$toMillis', '$toMillis(timestamp, picture?)', 'An ISO 8601 time in milliseconds.'],
    ['$fromMillis', '$fromMillis(number, picture?, timezone?)', 'Milliseconds as an ISO 8601 time.'],
    ['$keys', '$keys(object)', 'The keys of an object.'],
    ['$lookup', '$lookup(object, key)', 'The value of a key.'],
    ['$merge', '$merge(array<object>)', 'The objects merged into one.'],
    ['$append', '$append(array1, array2)', 'The two arrays joined.'],
    ['$distinct', '$distinct(array)', 'The array without duplicates.'],
    ['$sort', '$sort(array, function?)', 'The array sorted.'],
    ['$filter', '$filter(array, function)', 'The items the function accepts.'],
    ['$map', '$map(array, function)', 'Each item transformed.'],
    ['$reduce', '$reduce(array, function, init?)', 'The items folded into one value.'],
  ] as const
).map(([label, detail, info]) => ({ label, type: 'function', detail, info }));

/** What a human step's output holds. */
const decisionFields = ['outcome', 'data', 'completedBy'];
const triggerEventFields = ['event', 'entity', 'previous', 'changes'];

function fieldSuggestions(
  fields: Readonly<Record<string, { title?: string; type?: unknown }>> | undefined,
): Suggestion[] {
  return Object.entries(fields ?? {}).map(([name, field]) => ({
    label: name,
    type: 'property',
    ...(field.title ? { detail: field.title } : {}),
  }));
}

function entityTypeOf(params: Record<string, unknown>): string | undefined {
  return typeof params.entityType === 'string' && !params.entityType.startsWith('=')
    ? params.entityType
    : undefined;
}

/**
 * The suggestions for the path being typed (`$trigger.entity.`, `$nodes.quote.`, `$`…), from the
 * workflow itself: its trigger's entity type or input schema, its nodes and the outputs their types
 * describe, the variables its Set nodes assign, and JSONata's built-ins.
 *
 * @example
 * suggestionsFor('$nodes.', definition, fields); // one per node: [{ label: 'create', detail: 'Create record', … }]
 */
export function suggestionsFor(
  path: string,
  definition: WorkflowDefinition,
  fields: EntityFields,
): Suggestion[] {
  const trigger = definition.nodes.find((node) => node.type.startsWith('trigger.'));
  const parts = path.split('.');
  const [root, ...rest] = parts;
  const nodeFields = (id: string): Suggestion[] => {
    const node = definition.nodes.find((candidate) => candidate.id === id);
    if (!node) return [];
    if (node.type === 'human.approval') return decisionFields.map((label) => ({ label, type: 'property' }));
    const entityType = entityTypeOf(node.params);
    if (node.type.startsWith('entity.') && node.type !== 'entity.query' && entityType)
      return fieldSuggestions(fields(entityType));
    if (node.type === 'entity.query') return [{ label: 'items', type: 'property' }];
    return [];
  };

  if (rest.length === 0) {
    const variables: Suggestion[] = [
      { label: '$trigger', type: 'variable', info: 'The event that started the run.' },
      { label: '$input', type: 'variable', info: 'The run input.' },
      { label: '$nodes', type: 'variable', info: 'Each earlier node’s output, by node id.' },
      { label: '$vars', type: 'variable', info: 'The values Set variables nodes assigned.' },
    ];
    return [...variables, ...builtins];
  }
  const prefix = rest.slice(0, -1);
  if (root === '$nodes') {
    if (prefix.length === 0)
      return definition.nodes
        .filter((node) => !node.type.startsWith('trigger.'))
        .map((node) => {
          const declaration = getNodeType(node.type);
          return {
            label: node.id,
            type: 'property' as const,
            detail: node.label ?? declaration?.label ?? node.type,
            ...(declaration ? { info: declaration.outputDescription } : {}),
          };
        });
    if (prefix.length === 1) return nodeFields(prefix[0]!);
    return [];
  }
  if (root === '$vars' && prefix.length === 0) {
    const names = new Set<string>();
    for (const node of definition.nodes) {
      const values = node.type === 'data.set' ? node.params.values : undefined;
      if (values && typeof values === 'object') for (const name of Object.keys(values)) names.add(name);
    }
    return [...names].map((label) => ({ label, type: 'property' }));
  }
  if (root === '$trigger' && trigger) {
    if (trigger.type === 'trigger.entity') {
      if (prefix.length === 0) return triggerEventFields.map((label) => ({ label, type: 'property' }));
      const entityType = entityTypeOf(trigger.params);
      if (prefix.length === 1 && ['entity', 'previous', 'changes'].includes(prefix[0]!) && entityType)
        return fieldSuggestions(fields(entityType));
    }
    return [];
  }
  if (
    (root === '$input' || (root === '$trigger' && trigger?.type === 'trigger.manual')) &&
    prefix.length === 0
  ) {
    const schema = trigger?.params.inputSchema as
      { properties?: Record<string, { title?: string }> } | undefined;
    return fieldSuggestions(schema?.properties);
  }
  return [];
}
