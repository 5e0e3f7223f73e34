/** How deep a JSON document may nest, unless a caller says otherwise. */
export const MAX_JSON_DEPTH = 64;

/** Where a JSON text first nests deeper than allowed. */
export interface TooDeep {
  /** The dotted path of the first value past the limit, e.g. `lines.0.meta.a`. */
  path: string;
  limit: number;
}

/**
 * Finds the first place a JSON text nests arrays and objects deeper than `limit`, by scanning the
 * text once, before anything parses it or walks it recursively. Linear in the text, constant
 * stack; it does not validate the JSON (the parser does that next).
 *
 * @example
 * jsonTooDeep('{"a":[[1]]}', 2); // { path: 'a.0', limit: 2 }
 * jsonTooDeep('{"a":[1]}', 2); // undefined
 */
export function jsonTooDeep(text: string, limit: number = MAX_JSON_DEPTH): TooDeep | undefined {
  // One frame per open container: the key or index of the value being read in it.
  const path: Array<string | number> = [];
  const inArray: boolean[] = [];
  let lastString = '';
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x22 /* " */) {
      const end = stringEnd(text, at);
      lastString = text.slice(at + 1, end);
      at = end;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (path.length === limit) return { path: path.join('.'), limit };
      inArray.push(char === 0x5b);
      path.push(char === 0x5b ? 0 : '');
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      inArray.pop();
      path.pop();
    } else if (char === 0x3a /* : */ && inArray.length > 0 && !inArray[inArray.length - 1]) {
      path[path.length - 1] = lastString;
    } else if (char === 0x2c /* , */ && inArray[inArray.length - 1]) {
      path[path.length - 1] = (path[path.length - 1] as number) + 1;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x5c /* \ */) at += 1;
    else if (char === 0x22) return at;
  }
  return text.length;
}

/**
 * Whether a parsed value nests deeper than `limit`, for values that did not come from text (a
 * form body). Iterative, so any depth is safe to ask about.
 */
export function valueTooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): TooDeep | undefined {
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (pending.length > 0) {
    const item = pending.pop() as { value: unknown; path: string[] };
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.path.length === limit) return { path: item.path.join('.'), limit };
    for (const [key, child] of Object.entries(item.value)) {
      if (child !== null && typeof child === 'object')
        pending.push({ value: child, path: [...item.path, key] });
    }
  }
  return undefined;
}
