/** The longest expression source accepted, in characters. */
export const MAX_SOURCE_LENGTH = 20_000;

/** The deepest nesting of brackets accepted in an expression source. */
export const MAX_SOURCE_NESTING = 100;

const opening = new Set(['(', '[', '{']);
const closing = new Set([')', ']', '}']);

/**
 * Why a source is too big or too deeply nested to hand to JSONata's recursive-descent parser, or
 * undefined when it is fine. Checked before parsing, because the parser's recursion is bounded
 * only by the stack, and the workflow sandbox's stack is small. Brackets inside string literals
 * and comments do not count.
 *
 * @example
 * checkSourceShape('(((1)))'); // undefined
 * checkSourceShape('('.repeat(500) + '1' + ')'.repeat(500)); // 'nests brackets 500 deep, over the limit of 100'
 */
export function checkSourceShape(source: string): string | undefined {
  if (source.length > MAX_SOURCE_LENGTH) {
    return `is ${source.length} characters long, over the limit of ${MAX_SOURCE_LENGTH}`;
  }
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let at = 0; at < source.length; at++) {
    const char = source[at] as string;
    if (quote !== undefined) {
      if (char === '\\') at += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '/' && source[at + 1] === '*') {
      const end = source.indexOf('*/', at + 2);
      at = end === -1 ? source.length : end + 1;
    } else if (opening.has(char)) {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (closing.has(char)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest > MAX_SOURCE_NESTING
    ? `nests brackets ${deepest} deep, over the limit of ${MAX_SOURCE_NESTING}`
    : undefined;
}
