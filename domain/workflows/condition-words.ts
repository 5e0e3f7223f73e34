import { expressionSource, literalValue } from '../../workflows/expressions/expression-syntax';
import { parseExpression } from '../../workflows/expressions/parse-expression';
import { resolveLocalRef, type EntitySchema } from '../../schemas/json-schema';
import { lowerWords, spokenList } from '../../schemas/words';

/** A flow.waitFor condition read for people: what it says in words and which fields it tests. */
export type ConditionWords =
  | {
      /** One field equal to one of some values: `status = "paid"`, `status in ["a", "b"]`. */
      kind: 'field';
      field: string;
      values: readonly unknown[];
      /** e.g. `that makes it paid`, `that makes its amount due 0`. */
      text: string;
    }
  | {
      /** Any other condition, quoted as written. */
      kind: 'expression';
      /** The record's fields it reads; empty when none could be told. */
      fields: readonly string[];
      /** e.g. `that makes “amountPaid > 100” true`. */
      text: string;
    };

interface AstNode {
  type?: string;
  value?: unknown;
  lhs?: AstNode;
  rhs?: AstNode;
  steps?: AstNode[];
  expressions?: AstNode[];
}

// In a condition the record is `$`, `$entity` and `$context` (see the flow.waitFor executor).
const recordVariables = new Set(['', 'entity', 'context']);

/**
 * The words for a flow.waitFor `condition` on a record of `schema`: a test of one field for one
 * or more values says the value (a status in its own words), anything else is quoted as written.
 *
 * @example
 * conditionWords('=status = "paid"', invoiceSchema).text; // 'that makes it paid'
 * conditionWords('=status in ["resolved", "closed"]', ticketSchema).text; // 'that makes it resolved or closed'
 * conditionWords('=amountPaid > 100', invoiceSchema).text; // 'that makes “amountPaid > 100” true'
 */
export function conditionWords(condition: unknown, schema: EntitySchema | undefined): ConditionWords {
  const source = expressionSource(condition);
  if (source === undefined) {
    return {
      kind: 'expression',
      fields: [],
      text: `that makes “${JSON.stringify(literalValue(condition))}” true`,
    };
  }
  const parsed = parseExpression(source);
  const ast = parsed.ok ? (parsed.expression.ast() as AstNode) : undefined;
  const test = ast === undefined ? undefined : fieldTest(ast);
  if (test !== undefined && schema?.properties[test.field] !== undefined) {
    return { kind: 'field', ...test, text: fieldText(schema, test.field, test.values) };
  }
  return {
    kind: 'expression',
    fields: ast === undefined ? [] : [...new Set(fieldsRead(ast))],
    text: `that makes “${source.trim()}” true`,
  };
}

/** `field = literal`, `literal = field` or `field in [literals]`. */
function fieldTest(ast: AstNode): { field: string; values: unknown[] } | undefined {
  if (ast.type !== 'binary' || ast.lhs === undefined || ast.rhs === undefined) return undefined;
  if (ast.value === '=') {
    const [path, literal] = ast.lhs.type === 'path' ? [ast.lhs, ast.rhs] : [ast.rhs, ast.lhs];
    const field = recordField(path);
    return field !== undefined && isLiteral(literal) ? { field, values: [literal.value] } : undefined;
  }
  if (ast.value === 'in') {
    const field = recordField(ast.lhs);
    const items = ast.rhs.type === 'unary' && ast.rhs.value === '[' ? (ast.rhs.expressions ?? []) : [];
    if (field === undefined || items.length === 0 || !items.every(isLiteral)) return undefined;
    return { field, values: items.map((item) => item.value) };
  }
  return undefined;
}

function isLiteral(node: AstNode): boolean {
  return node.type === 'string' || node.type === 'number' || node.type === 'value';
}

/** The top-level field a path reads of the record: `status`, `$entity.status`, `$.status`. */
function recordField(node: AstNode): string | undefined {
  if (node.type !== 'path' || node.steps === undefined) return undefined;
  const [first, second] = node.steps;
  if (first?.type === 'name') return typeof first.value === 'string' ? first.value : undefined;
  if (first?.type === 'variable' && recordVariables.has(String(first.value)) && second?.type === 'name')
    return typeof second.value === 'string' ? second.value : undefined;
  return undefined;
}

/** Every record field an expression reads, from its paths. */
function fieldsRead(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = recordField(node);
  const inner = Object.values(node).flatMap((child: unknown) =>
    Array.isArray(child) ? child.flatMap(fieldsRead) : fieldsRead(child),
  );
  return own === undefined ? inner : [own, ...inner];
}

function fieldText(schema: EntitySchema, field: string, values: readonly unknown[]): string {
  const property = resolveLocalRef(schema, schema.properties[field] ?? {});
  const words = spokenList(
    values.map((value) =>
      property.enum !== undefined && typeof value === 'string' ? lowerWords(value) : JSON.stringify(value),
    ),
    'or',
  );
  // A status is what the record is; any other field is something it has.
  if (property['x-transitions'] !== undefined) return `that makes it ${words}`;
  return `that makes its ${(property.title ?? lowerWords(field)).toLowerCase()} ${words}`;
}
