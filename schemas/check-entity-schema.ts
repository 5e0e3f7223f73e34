import { uniqueKeyOf } from './unique-key';
import { resolveLocalRef, systemFieldNames, type EntitySchema, type JsonSchema } from './json-schema';
import { walkFields } from './walk-fields';

const scalarTypes = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * Checks the meaning of one entity schema's annotations, which no meta-schema can express: references
 * name known types, transitions cover exactly the status enum, numbering matches the number pattern,
 * and every object is closed. Returns one message per problem, empty when the schema is sound.
 * `npm run gen` refuses to generate from a schema with problems.
 *
 * @example
 * checkEntitySchema('quote', quoteSchema, entityTypes); // []
 */
export function checkEntitySchema(
  type: string,
  schema: EntitySchema,
  knownTypes: readonly string[],
): string[] {
  const problems: string[] = [];
  const report = (path: string, message: string): void => {
    problems.push(path === '' ? `${type}: ${message}` : `${type}.${path}: ${message}`);
  };

  if (schema['x-entity'] !== type) report('', `x-entity must be "${type}", the file name`);
  if (!Object.hasOwn(schema.properties, schema['x-title']))
    report('', `x-title names no property: ${schema['x-title']}`);
  for (const name of systemFieldNames) {
    const field = schema.properties[name];
    if (field?.readOnly !== true || !schema.required.includes(name))
      report(name, 'system field must be required and readOnly');
  }
  checkObjects(schema, schema, '', report);
  for (const annotation of schema['x-unique-keys'] ?? []) {
    const key = uniqueKeyOf(annotation);
    for (const name of [...key.fields, ...Object.keys(key.when ?? {})])
      if (!Object.hasOwn(schema.properties, name)) report('', `x-unique-keys names no property: ${name}`);
  }

  let statusFields = 0;
  walkFields(schema, ({ path, schema: field, topLevel }) => {
    if (field.title === undefined) report(path, 'needs a title for forms');
    const ref = field['x-ref'];
    if (ref !== undefined && !knownTypes.includes(ref))
      report(path, `x-ref names unknown entity type ${ref}`);
    if (field['x-computed'] !== undefined && field.readOnly !== true)
      report(path, 'x-computed field must be readOnly');
    if (
      (field['x-filterable'] || field['x-searchable']) &&
      !(topLevel && scalarTypes.has(field.type ?? ''))
    ) {
      report(path, 'only top-level scalar fields can be filterable or searchable');
    }
    if (field['x-searchable'] && field.type !== 'string') report(path, 'only text fields can be searchable');
    if (field['x-duplicate'] !== undefined && !(topLevel && field.type === 'string')) {
      report(path, 'x-duplicate needs a top-level text field');
    }
    if (field['x-numbering'] !== undefined) checkNumbering(path, field, topLevel, report);
    if (field['x-transitions'] !== undefined) {
      statusFields += 1;
      checkTransitions(path, field, topLevel, report);
    } else if (field['x-initial'] !== undefined) report(path, 'x-initial needs x-transitions');
    else if (field['x-transition-roles'] !== undefined)
      report(path, 'x-transition-roles needs x-transitions');
    if (field['x-controlled'] !== undefined && !topLevel)
      report(path, 'x-controlled must be on a top-level field');
  });
  if (statusFields > 1) report('', 'at most one field may have x-transitions');
  return problems;
}

/** Checks that numbering prefixes are unique across entity types; returns one message per clash. */
export function checkNumberingPrefixes(schemas: Readonly<Record<string, EntitySchema>>): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const [type, schema] of Object.entries(schemas)) {
    walkFields(schema, ({ path, schema: field }) => {
      const prefix = field['x-numbering']?.prefix;
      if (prefix === undefined) return;
      const owner = owners.get(prefix);
      if (owner !== undefined)
        problems.push(`${type}.${path}: numbering prefix ${prefix} is already used by ${owner}`);
      else owners.set(prefix, type);
    });
  }
  return problems;
}

type Report = (path: string, message: string) => void;

function checkObjects(root: JsonSchema, node: JsonSchema, path: string, report: Report): void {
  const schema = resolveLocalRef(root, node);
  if (schema.type === 'object' && schema.additionalProperties !== false) {
    report(path, 'objects must set additionalProperties: false');
  }
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(schema.properties ?? {}, name)) report(path, `required names no property: ${name}`);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const childPath = path === '' ? name : `${path}.${name}`;
    // A default is filled in on create, so the stored document always has the field.
    if (property.default !== undefined && !(schema.required ?? []).includes(name)) {
      report(childPath, 'a field with a default must be required');
    }
    checkObjects(root, property, childPath, report);
  }
  if (schema.items !== undefined) checkObjects(root, schema.items, `${path}.*`, report);
}

function checkNumbering(path: string, field: JsonSchema, topLevel: boolean, report: Report): void {
  const prefix = field['x-numbering']?.prefix ?? '';
  if (!topLevel || field.readOnly !== true || field['x-unique'] !== true) {
    report(path, 'x-numbering needs a top-level readOnly x-unique field');
  }
  if (field.pattern !== `^${prefix}-[0-9]{4}-[0-9]{6,}$`)
    report(path, `pattern must be ^${prefix}-[0-9]{4}-[0-9]{6,}$`);
}

function checkTransitions(path: string, field: JsonSchema, topLevel: boolean, report: Report): void {
  const values = field.enum ?? [];
  const transitions = field['x-transitions'] ?? {};
  if (!topLevel || field.type !== 'string' || values.length === 0)
    report(path, 'x-transitions needs a top-level string enum');
  const keys = Object.keys(transitions);
  if (keys.length !== values.length || !values.every((value) => keys.includes(value))) {
    report(path, `x-transitions must list every status exactly once: ${values.join(', ')}`);
  }
  for (const [from, targets] of Object.entries(transitions)) {
    for (const to of targets) {
      if (!values.includes(to)) report(path, `transition ${from} -> ${to} names an unknown status`);
      if (to === from) report(path, `transition ${from} -> ${to} goes nowhere`);
    }
  }
  if (typeof field.default !== 'string' || !values.includes(field.default))
    report(path, 'status needs a default from its enum');
  for (const move of Object.keys(field['x-transition-roles'] ?? {})) {
    const [from, to] = move.includes('->') ? move.split('->') : [undefined, move];
    const known = (status: string | undefined) => status === undefined || values.includes(status);
    if (!known(from) || !known(to) || (from !== undefined && !(transitions[from] ?? []).includes(String(to))))
      report(path, `x-transition-roles: ${move} is not a status or an allowed move`);
  }
  const initial = field['x-initial'];
  if (
    initial !== undefined &&
    (!initial.every((value) => values.includes(value)) || !initial.includes(String(field.default)))
  ) {
    report(path, 'x-initial must be statuses of the enum and include the default');
  }
}
